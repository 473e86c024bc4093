"""Turn files into text with a title and sections: Markdown, HTML, PDF and plain text.

Each parser returns a `ParsedDocument`; a file that cannot be turned into text raises
`ParseError` with a one-line reason, and the pipeline skips it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_REF_DEFINITION = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_BLOCK = re.compile(r"<(style|script)\b.*?</\1>", re.S | re.I)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# Real HTML elements embedded in Markdown, possibly spanning lines; `<project>`-style
# placeholders in commands are not in this list and survive.
_HTML_ELEMENT = re.compile(
    r"</?(img|div|span|br|a|p|table|thead|tbody|tr|td|th|figure|figcaption|html|head|body|"
    r"button|center|details|summary|sup|sub|b|i|em|strong|iframe|video|source|ul|ol|li|hr|"
    r"pre|code|h[1-6]|input|label|section|nav|kbd)\b[^>]*>",
    re.I | re.S,
)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_INLINE_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
# A reference link, "[text][label]", but not an index right after a name, an index or a call
# ("dset[0][1] = 3.0", "a[0][1][2]", "f(x)[0][1]"): a link never follows those without a space.
# An underscore may: it opens emphasis ("_[the guide][g]_"). The label is the second group;
# empty ("[text][]"), it is the text.
_REF_LINK = re.compile(r"(?<![^\W_])(?<![\])])\[([^\]]+)\]\[([^\]]*)\]")
_ADMONITION = re.compile(r"^(\s*)(!!!|\?\?\?\+?)\s*\w+(?:\s+\"([^\"]*)\")?\s*$")
_TAB = re.compile(r"^(\s*)===\+?\s+\"([^\"]*)\"\s*$")  # pymdownx content tabs
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
# The row under the header may use a single hyphen per cell ("| :-: |"); elsewhere a lone "-"
# is a cell's value ("none"), so only the second row is read with the looser rule.
_DELIMITER_CELL = re.compile(r"^:?-+:?$")
_ATTR_LIST = re.compile(r"\{[:#.][^}]*\}")
# The row under a table's header, with at least one pipe: a table's rows need not start with
# one ("Option | Description" over "-------|------------"), a rule under a heading has none.
_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$")


# A reference link's target, "[label]: https://..." (its uses are `_REF_LINK`).
_REF_TARGET = re.compile(r"^[ \t]*\[([^\]]+)\]:[ \t]*<?(\S+?)>?(?:[ \t].*)?$", re.M)
# Only a target a reader can open: a page of the same docs written relative to this one
# ("../storage/") has no address outside the site's build.
_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"]+", re.I)


def _line_anchors(line: str, targets: dict[str, str]) -> list[Anchor]:
    """The links of one Markdown line, as (text shown, target as written; "" for a reference
    with no definition)."""
    found = [(m.group(1), m.group(2)) for m in _INLINE_LINK.finditer(_IMAGE.sub("", line))]
    for use in _REF_LINK.finditer(line):
        key = (use.group(2) or use.group(1)).casefold()
        found.append((use.group(1), targets.get(key, "")))
    return [(_clean_inline(label).strip(), url) for label, url in found]


def _unambiguous(anchors: list[Anchor]) -> tuple[Anchor, ...]:
    """Each link text with its web address; a text that points to two targets ("here"),
    whether web addresses or not, points to none, and so does one whose target is no web
    address (a page of the same docs, a jump within the page)."""
    targets: dict[str, set[str]] = {}
    for text, url in anchors:
        if text:
            targets.setdefault(text, set()).add(url)
    return tuple(
        (text, url)
        for text, urls in targets.items()
        if len(urls) == 1 and _WEB_ADDRESS.fullmatch(url := next(iter(urls))) and url not in text
    )


class ParseError(Exception):
    """The file cannot be turned into text; the message is a one-line reason."""


# A link as a passage shows it: its text, and the web address it points to.
Anchor = tuple[str, str]


@dataclass(frozen=True)
class Section:
    path: str
    text: str
    page: int | None = None
    # The links of the section whose targets are web addresses: the text keeps only a link's
    # words ("the training events"), and an answer that quotes them can show where they go.
    anchors: tuple[Anchor, ...] = ()


@dataclass(frozen=True)
class ParsedDocument:
    title: str
    sections: tuple[Section, ...]
    canonical_url: str | None = None
    links: tuple[str, ...] = field(default=())

    @property
    def text_length(self) -> int:
        return sum(len(s.text) for s in self.sections)


def _clean_inline(line: str) -> str:
    line = _IMAGE.sub(lambda m: m.group(1), line)
    line = _INLINE_LINK.sub(lambda m: m.group(1), line)
    line = _REF_LINK.sub(lambda m: m.group(1), line)
    line = _ATTR_LIST.sub("", line)
    line = _HTML_ELEMENT.sub(" ", line)
    line = (
        line.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    )
    return line.rstrip()


def _table_to_lines(rows: list[str]) -> list[str]:
    """Rewrite a Markdown table as 'first cell: header value; ...' lines.

    A bare table row ("| standard-g | 2 days | ...") means nothing out of context; pairing every
    cell with its header keeps each row answerable on its own.
    """
    cells = [[_cell_text(c) for c in row.strip().strip("|").split("|")] for row in rows]
    if len(cells) > 1 and all(_DELIMITER_CELL.match(c) for c in cells[1]):
        del cells[1]
    cells = [row for row in cells if row and not _TABLE_RULE.match("|".join(row))]
    return _pair_with_header(cells)


# A cell set in bold or italics as a whole ("**Partition**", "*Default value*"): the marks are
# layout, and between a name and its value they only push the two apart.
_EMPHASISED_CELL = re.compile(r"^(\*{1,2}|_{1,2})(\S(?:.*\S)?)\1$")


def _cell_text(cell: str) -> str:
    text = _clean_inline(cell).strip()
    emphasised = _EMPHASISED_CELL.match(text)
    return emphasised.group(2) if emphasised else text


def _pair_with_header(cells: list[list[str]]) -> list[str]:
    """Table rows (the first is the header) as 'first cell: header value; ...' lines."""
    if len(cells) < 2:
        return [" ".join(row) for row in cells]
    header, body = cells[0], cells[1:]
    lines = []
    for row in body:
        parts = []
        # A row may have more cells than the header names (doxygen's "Enumerator" header spans
        # the name and description columns): the unnamed cells still belong to the row.
        names = header + [""] * (len(row) - len(header))
        for name, value in zip(names[1:], row[1:], strict=False):
            if value:
                parts.append(f"{name}: {value}" if name else value)
        lead = row[0] if row else ""
        first = f"{header[0]} {lead}".strip() if header[0] else lead
        lines.append(f"{first}: " + "; ".join(parts) if parts else first)
    return lines


def parse_markdown(text: str) -> ParsedDocument:
    # Windows line ends: a reference definition's line would end in "\r" and match no rule.
    text = text.replace("\r\n", "\n")
    text = _HTML_COMMENT.sub("", text)
    text = _HTML_BLOCK.sub("", text)
    text = re.sub(r"<!DOCTYPE[^>]*>", "", text, flags=re.I)
    text = _HTML_ELEMENT.sub(" ", text)
    if text.startswith("---\n"):  # front matter
        end = text.find("\n---", 4)
        if end != -1:
            text = text[end + 4 :]
    title = ""
    headings: list[tuple[int, str]] = []
    sections: list[Section] = []
    buffer: list[str] = []
    table: list[str] = []
    targets = {m.group(1).casefold(): m.group(2) for m in _REF_TARGET.finditer(text)}
    anchors: list[Anchor] = []
    in_fence = False
    # Bodies of admonitions and content tabs are indented four spaces past their marker; read
    # as written they would be indented code, and their prose would never join into sentences.
    bodies: list[int] = []

    def flush_table() -> None:
        if table:
            buffer.extend(_table_to_lines(table))
            table.clear()

    def flush() -> None:
        flush_table()
        body = "\n".join(buffer).strip()
        buffer.clear()
        found = _unambiguous(anchors)
        anchors.clear()
        if body:
            path = (
                " > ".join(h for _, h in headings[1:] if h)
                if title
                else " > ".join(h for _, h in headings)
            )
            sections.append(Section(path=path, text=re.sub(r"\n{3,}", "\n\n", body), anchors=found))

    lines = text.splitlines()
    for number, raw in enumerate(lines):
        if raw.strip():
            indent = len(raw) - len(raw.lstrip(" "))
            while bodies and indent < bodies[-1]:
                bodies.pop()
            if bodies:
                raw = raw[bodies[-1] :]
        if _FENCE.match(raw):
            flush_table()
            in_fence = not in_fence
            buffer.append(raw.strip())
            continue
        if in_fence:
            buffer.append(raw.rstrip())
            continue
        heading = _HEADING.match(raw)
        if not heading:
            anchors.extend(_line_anchors(raw, targets))
        if heading:
            flush()
            level = len(heading.group(1))
            name = _clean_inline(heading.group(2)).strip()
            if level == 1 and not title:
                title = name
            headings[:] = [h for h in headings if h[0] < level] + [(level, name)]
            continue
        if _REF_DEFINITION.match(raw):
            continue
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if _is_table_row(raw, following, in_table=bool(table)):
            table.append(raw)
            continue
        flush_table()
        admonition, tab = _ADMONITION.match(raw), _TAB.match(raw)
        container = admonition or tab
        if container:
            label = admonition.group(3) if admonition else container.group(2)
            if label:
                buffer.append(label if label[-1] in ".:!?" else label + ":")
            depth = bodies[-1] if bodies else 0
            bodies.append(depth + len(container.group(1)) + 4)
            continue
        buffer.append(_clean_inline(raw))
    flush()
    return ParsedDocument(title=title, sections=tuple(_unwrap(s) for s in sections))


def _is_table_row(line: str, following: str, *, in_table: bool) -> bool:
    """Whether `line` is a row of a Markdown table: it starts with a pipe, continues a table
    already begun, or is a header over a delimiter row (GitHub's tables need no outer pipes)."""
    if line.lstrip().startswith("|"):
        return True
    if "|" not in line:
        return False
    return in_table or bool(_DELIMITER_ROW.match(following))


_LIST_ITEM = re.compile(r"^\s*([-*+]|\d+[.)])\s")
_STRUCTURED_LINE = re.compile(r"^\s*([-*+]\s|\d+[.)]\s|```|~~~|\$ |>|\||    )")


def _unwrap(section: Section) -> Section:
    """Join hard-wrapped prose lines into paragraphs; keep lists, code and tables as lines."""
    out: list[str] = []
    in_fence = False
    for line in section.text.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append(line)
            continue
        joinable = (
            not in_fence
            and out
            and out[-1].strip()
            and line.strip()
            and not _STRUCTURED_LINE.match(line)
            and not _FENCE.match(out[-1])
            and not out[-1].rstrip().endswith(":")
            and ": " not in line[:40]
        )
        # A list item's text wrapped onto indented lines ("- **Partition:** The partition.\n
        #     For most apps use `interactive`.") is one item, however deep the indent.
        continues_item = (
            not in_fence
            and out
            and _LIST_ITEM.match(out[-1])
            and line[:1] in (" ", "\t")
            and line.strip()
            and not _STRUCTURED_LINE.match(line.strip())
        )
        if continues_item:
            out[-1] = out[-1].rstrip() + " " + line.strip()
        elif joinable and not _STRUCTURED_LINE.match(out[-1]):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        elif joinable and _STRUCTURED_LINE.match(out[-1]) and line.startswith("  "):
            # A quote or command line wrapped onto a lightly indented line (list items are
            # joined above, at any indent).
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return replace(section, text="\n".join(out))


_NOISE = re.compile(
    r"(cookie|consent|banner|navbar|nav-|navigation|menu|breadcrumb|sidebar|footer|header|"
    r"skip-link|share|social|toc)",
    re.I,
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_BLOCK_TAGS = ("p", "li", "pre", "td", "th", "dd", "dt", "blockquote", "figcaption")
# Elements that part the text around them without being a paragraph themselves.
_CONTAINER_TAGS = frozenset(
    """address article aside body caption center details dialog dir div dl fieldset figure
    footer form header hgroup hr html legend main menu nav ol section summary table tbody tfoot
    thead tr ul""".split()
)
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def _joined(base_url: str | None, href: str) -> str | None:
    """`href` resolved against the page; None for a link that is not a URL (`http://[oops/`),
    which must cost that link, not the page."""
    from urllib.parse import urljoin

    try:
        return urljoin(base_url or "", href)
    except ValueError:
        return None


def parse_html(html: str, base_url: str | None = None) -> ParsedDocument:
    from urllib.parse import urldefrag, urljoin

    from bs4 import BeautifulSoup, Tag
    from bs4.element import NavigableString, PageElement

    # An XHTML page opens with an XML declaration; read as HTML (forgiving of broken markup),
    # the declaration says nothing, and BeautifulSoup would warn on the user's terminal.
    soup = BeautifulSoup(_XML_DECLARATION.sub("", html, count=1), "lxml")
    base_tag = soup.find("base", href=True)
    if isinstance(base_tag, Tag):  # relative links resolve against <base href>, if present
        base_url = urljoin(base_url or "", str(base_tag.get("href")))
    title_tag = soup.find("title")
    canonical = soup.find("link", rel="canonical")
    canonical_url = None
    if isinstance(canonical, Tag) and canonical.get("href"):
        canonical_url = _joined(base_url, str(canonical.get("href")))
    joined = (_joined(base_url, str(a.get("href"))) for a in soup.find_all("a", href=True))
    links = tuple(link for link in joined if link)
    for tag in soup(
        [
            "script",
            "style",
            "noscript",
            "nav",
            "footer",
            "header",
            "aside",
            "form",
            "iframe",
            "svg",
            "button",
            "template",
        ]
    ):
        tag.decompose()
    # Find the content first, then clear page furniture out of it. Themes name their content
    # wrappers after the navigation they sit beside (Sphinx: "wy-nav-content"), so judging
    # every element by its class alone would throw the whole page away.
    main = (
        soup.find("main")
        or soup.find(role="main")
        or soup.find("article")
        or soup.find(itemprop="articleBody")
        or soup.body
    )
    if isinstance(main, Tag):
        whole = len(main.get_text(" ", strip=True)) or 1
        for tag in main.find_all(True):
            # Inside a decomposed wrapper: its fields are cleared. (Asking `decomposed` would
            # search the element's subtree for a tag of that name, in the square of the depth.)
            if not isinstance(tag, Tag) or vars(tag).get("attrs") is None:
                continue
            if tag.name in ("main", "article"):
                continue
            marker = " ".join(
                [
                    str(tag.get("id") or ""),
                    " ".join(tag.get("class") or []),
                    str(tag.get("role") or ""),
                ]
            )
            # The marker first: measuring every element's text costs time in the square of
            # the page's depth (seconds for a page nested a few thousand deep).
            if not _NOISE.search(marker):
                continue
            if len(tag.get_text(" ", strip=True)) <= whole / 2:
                tag.decompose()  # furniture is small; a wrapper holding most of the text is content
    if main is None or not isinstance(main, Tag):
        raise ParseError("the HTML has no body")
    for br in main.find_all("br"):
        br.replace_with("\n")
    # Permalink anchors (mkdocs, Sphinx) would add "¶" to every heading.
    for anchor in main.find_all("a", class_="headerlink"):
        anchor.decompose()
    for table in main.find_all("table"):
        if isinstance(table, Tag) and not table.find_parent("table"):
            table.replace_with(_table_paragraphs(soup, table))
    h1 = main.find("h1")
    title = (h1.get_text(" ", strip=True) if isinstance(h1, Tag) else "") or (
        title_tag.get_text(" ", strip=True) if isinstance(title_tag, Tag) else ""
    )
    sections: list[Section] = []
    headings: list[tuple[int, str]] = []
    buffer: list[str] = []
    loose: list[str] = []
    anchors: list[Anchor] = []
    # Inside an <li> that holds blocks, until its first paragraph: that paragraph is the item.
    item = False

    def flush() -> None:
        close_loose()
        body = "\n".join(line for line in buffer if line).strip()
        buffer.clear()
        found = _unambiguous(anchors)
        anchors.clear()
        if body:
            path = " > ".join(h for level, h in headings if level > 1)
            sections.append(Section(path=path, text=body, anchors=found))

    def keep_anchors(element: Tag) -> None:
        links = [element] if element.name == "a" else element.find_all("a", href=True)
        for link in links:
            text = re.sub(r"\s+", " ", link.get_text("")).strip()
            url = _joined(base_url, str(link.get("href") or "")) or ""
            # A jump within the page ("#options") goes nowhere a reader is not already.
            here = urldefrag(url).url == urldefrag(base_url or "").url
            anchors.append((text, "" if here else url))

    def close_loose() -> None:
        nonlocal item
        # Text outside any paragraph tag (old hand-written pages put a whole FAQ answer between
        # a heading and an <hr>, with <br><br> between its paragraphs): a blank line in it
        # parts paragraphs, as the <br>s that made it did.
        text = "".join(loose)
        loose.clear()
        for part in _BLANK_LINE.split(text):
            paragraph = re.sub(r"\s+", " ", part).strip()
            if paragraph:
                buffer.append(f"- {paragraph}" if item else paragraph)
                item = False

    def holding(names: Sequence[str]) -> set[int]:
        """The elements (by id) with a descendant named one of `names`; found in one pass
        up from each such descendant, not by a search below every element (a hostile page
        nests thousands of elements deep)."""
        found: set[int] = set()
        for element in main.find_all(names):
            parent = element.parent
            while parent is not None and id(parent) not in found:
                found.add(id(parent))
                parent = parent.parent
        return found

    holds_block = holding(_BLOCK_TAGS)
    holds_heading_or_block = holding([*_HEADING_TAGS, *_BLOCK_TAGS])

    def read(root: Tag) -> None:
        nonlocal item
        # A loop over a stack, not recursion: a hostile page nests thousands of elements deep.
        # None marks where a block holding blocks ends.
        todo: list[PageElement | None] = list(reversed(root.contents))
        while todo:
            child = todo.pop()
            if child is None:
                close_loose()
                item = False
                continue
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not a comment, doctype or CDATA
                    loose.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name or ""
            if name in _HEADING_TAGS:
                flush()
                level = int(name[1:])
                headings[:] = [h for h in headings if h[0] < level] + [
                    (level, child.get_text(" ", strip=True))
                ]
            elif name in _BLOCK_TAGS and id(child) not in holds_block:
                close_loose()
                block(child)
            elif name in _BLOCK_TAGS or name in _CONTAINER_TAGS:
                # A block holding blocks (an <li> with a nested list, a <div>): its own text
                # is a paragraph of its own, beside those of the blocks inside it.
                close_loose()
                item = name == "li"
                todo.append(None)
                todo.extend(reversed(child.contents))
            elif id(child) in holds_heading_or_block:
                # An inline element wrapped around blocks (<a name> around <h3>).
                todo.extend(reversed(child.contents))
            else:
                keep_anchors(child)
                loose.append(child.get_text(""))

    def block(element: Tag) -> None:
        nonlocal item
        keep_anchors(element)
        if element.name == "pre":
            text = element.get_text("")
        else:
            # The page's own whitespace, not a space at every tag: "--account=<account>" must
            # stay one option, not "--account =< account >".
            text = re.sub(r"\s+", " ", element.get_text("")).strip()
        if not text:
            return
        if element.name == "li":
            text = f"- {text}"
        item = False
        buffer.append(text)

    read(main)
    flush()
    return ParsedDocument(
        title=title, sections=tuple(sections), canonical_url=canonical_url, links=links
    )


def _table_paragraphs(soup: BeautifulSoup, table: Tag) -> Tag:
    """An HTML table as one paragraph per row, each cell paired with its column header."""
    from bs4 import Tag

    rows = [
        [
            text
            for cell in row.find_all(["th", "td"])
            # A header cell spanning n columns names the first; the others stay unnamed.
            for text in [cell.get_text(" ", strip=True)] + [""] * (_span(cell) - 1)
        ]
        for row in table.find_all("tr")
        if isinstance(row, Tag)
    ]
    rows = [row for row in rows if any(row)]
    first = table.find("tr")
    has_header = isinstance(first, Tag) and first.find("th") is not None
    lines = _pair_with_header(rows) if has_header else [" | ".join(row) for row in rows]
    block = soup.new_tag("div")
    for line in lines:
        paragraph = soup.new_tag("p")
        paragraph.string = line
        block.append(paragraph)
    return block


def _span(cell: Tag) -> int:
    try:
        return max(1, min(int(str(cell.get("colspan") or 1)), 50))
    except ValueError:
        return 1


# PDFium keeps global state and is not thread-safe; web ingest may parse from several threads.
_PDFIUM_LOCK = threading.Lock()


def parse_pdf(data: bytes) -> ParsedDocument:
    """Text of each page, by PDFium (pypdfium2).

    PDFium places words by their glyph positions the way a viewer does; pypdf, used before,
    put every word of some LaTeX-made manuals on a line of its own and dropped short words, and
    was 30 times slower on them.
    """
    import pypdfium2

    with _PDFIUM_LOCK:
        try:
            document = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError as exc:
            raise ParseError(f"corrupt PDF ({exc})") from exc
        try:
            pages = []
            for number in range(len(document)):
                page = document[number]
                text_page = page.get_textpage()
                pages.append(text_page.get_text_bounded())
                text_page.close()
                page.close()
            meta_title = document.get_metadata_dict(skip_empty=True).get("Title", "")
        except pypdfium2.PdfiumError as exc:
            raise ParseError(f"corrupt PDF ({exc})") from exc
        finally:
            document.close()
    pages = _drop_running_lines([_clean_pdf_text(text) for text in pages])
    sections = tuple(
        Section(path=f"page {number}", text=_unwrap_pdf(text), page=number)
        for number, text in enumerate(pages, start=1)
        if text.strip()
    )
    first_line = next((s.text.splitlines()[0] for s in sections if s.text), "")
    title = _clean_pdf_text(str(meta_title)).strip() if meta_title else ""
    return ParsedDocument(title=title or first_line[:120], sections=sections)


_PDF_ESCAPE = re.compile(r"/x([0-9A-F]{2})")


def _clean_pdf_text(text: str) -> str:
    """Ligatures to letters ("conﬁgure" -> "configure", or no search finds the word), Windows
    line ends and line-end hyphens to plain text, and characters a PDF tool could not map back
    ("/x24") to what they are."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text.replace("\r\n", "\n").replace("\r", "\n"))
    # PDFium marks a word hyphenated across lines with \x02 and already joins its halves.
    text = text.replace("\x02", "")
    text = _PDF_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return re.sub(r"[ \t]+", " ", text)


_PDF_STRUCTURED = re.compile(r"^([-•*·▪◦]\s|\d+[.)]\s|\$ |#|>>>|\|)")


def _unwrap_pdf(text: str) -> str:
    """Join the lines a PDF broke inside sentences; keep lists, commands and short lines apart.

    PDF text comes out one printed line at a time, so a sentence (and the value it states)
    would otherwise be cut in two wherever the page wrapped it. Words hyphenated at a line end
    are joined back.
    """
    out: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        prev = out[-1] if out else ""
        joinable = (
            bool(prev)
            and len(prev) >= 40
            and not _PDF_STRUCTURED.match(line)
            and (not prev.endswith((".", ":", "!", "?")) or line[:1].islower())
        )
        if joinable and prev.endswith("-") and line[:1].islower() and prev[-2:-1].isalpha():
            out[-1] = prev[:-1] + line
        elif joinable:
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
    return "\n".join(out).strip()


def _drop_running_lines(pages: list[str]) -> list[str]:
    """Remove running headers and footers: lines (numbers aside) repeated on most pages."""
    if len(pages) < 4:
        return pages
    seen: dict[str, int] = {}
    for page in pages:
        for key in {
            re.sub(r"\d+", "#", line.strip()) for line in page.splitlines() if line.strip()
        }:
            seen[key] = seen.get(key, 0) + 1
    running = {key for key, count in seen.items() if count >= 0.6 * len(pages)}
    return [
        "\n".join(
            line for line in page.splitlines() if re.sub(r"\d+", "#", line.strip()) not in running
        )
        for page in pages
    ]


# In plain text: a bullet, a numbered or lettered item ("B. "), a prompt, a table row, an
# option ("--gpureset"), a heading underline, or columns aligned with a run of spaces (a run
# after sentence punctuation is the old two-space sentence gap, which is prose).
# A list item's mark: a bullet, "1." / "1)" or "a)".
_ITEM_MARK = r"(?:[-*+•]|\d+[.)]|[A-Za-z][.)])\s"
_TEXT_STRUCTURE = re.compile(
    r"^\s*(" + _ITEM_MARK + r"|[$%>|]\s?|-{1,2}\w|([=~^*#_+-])\2{2,}\s*$)|"
    r"[^\s.!?:;,]\s{2,}\S"
)
_PROMPT = re.compile(r"^\s*[$%] ")
_TEXT_ITEM = re.compile(r"^\s*" + _ITEM_MARK + r"\s*(?=\S)")


def _unwrap_text(text: str) -> str:
    """Join a plain-text file's hard-wrapped paragraphs into lines, so that a sentence broken
    by the wrap is one answer unit; headings, lists, options, tables and shell sessions keep
    their lines. A line continues the one before when both are prose at the same indent and
    the one before reaches most of the file's width (a short line ends its paragraph)."""
    lines = text.splitlines()
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    width = max(40, lengths[int(0.9 * (len(lengths) - 1))]) if lengths else 80
    out: list[str] = []
    in_session = False
    for line in lines:
        if not line.strip():
            in_session = False
            out.append("")
            continue
        if in_session or _PROMPT.match(line):  # a shell session runs to the blank line
            in_session = True
            out.append(line.rstrip())
            continue
        previous = out[-1] if out else ""
        indent = len(line) - len(line.lstrip())
        item = _TEXT_ITEM.match(previous)
        # A wrapped paragraph keeps its indent; a wrapped list item ("1. Encode ...") goes on
        # under the item's first word.
        continues = (
            indent == len(item.group(0))
            if item
            else indent == len(previous) - len(previous.lstrip())
            and not _TEXT_STRUCTURE.search(previous)
        )
        joinable = (
            previous.strip()
            and continues
            and len(previous) >= 0.6 * width
            and not previous.rstrip().endswith(":")
            and not _TEXT_STRUCTURE.search(line)
        )
        if joinable:
            out[-1] = previous.rstrip() + " " + line.strip()
        else:
            out.append(line.rstrip())
    return "\n".join(out)


def parse_text(text: str) -> ParsedDocument:
    body = _unwrap_text(text).strip()
    first_line = body.splitlines()[0].strip() if body else ""
    return ParsedDocument(
        title=first_line[:120], sections=(Section(path="", text=body),) if body else ()
    )


SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".rst": "text",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}


# README, INSTALL, NEWS, FAQ, README.Debian: by convention plain-text documentation, and often
# the only guide a package or a repository ships.
_CONVENTIONAL_TEXT = re.compile(r"[A-Z][A-Z_-]{2,}(\.[A-Za-z0-9_-]+)?")
# Legal texts and lists of people, not guidance: their words would only crowd real answers.
_NOT_GUIDES = frozenset(
    {"LICENSE", "LICENCE", "COPYING", "COPYRIGHT", "NOTICE", "AUTHORS", "CONTRIBUTORS", "THANKS"}
)


def kind_of(path: Path) -> str | None:
    """The kind of document a file holds, by its name; None for files hpcbot does not read."""
    kind = SUFFIXES.get(path.suffix.lower())
    if (
        kind is None
        and _CONVENTIONAL_TEXT.fullmatch(path.name)
        and path.name.split(".")[0] not in _NOT_GUIDES
    ):
        return "text"
    return kind


def parse_bytes(data: bytes, kind: str, *, base_url: str | None = None) -> ParsedDocument:
    """Parse raw bytes of the given kind ("markdown", "text", "html", "pdf")."""
    if not data.strip():
        raise ParseError("empty file")
    if kind == "pdf":
        document = parse_pdf(data)
    else:
        from ingest.charset import decode_text

        decoded = decode_text(data, name=base_url or "")
        if decoded is None:
            raise ParseError(f"binary content in a {kind} file")
        text = decoded.text
        if kind == "markdown":
            document = parse_markdown(text)
        elif kind == "html":
            document = parse_html(text, base_url)
        else:
            document = parse_text(text)
    if not document.text_length:
        raise ParseError("no text could be extracted")
    return document
