"""The sources file: which documentation sites to crawl, and how politely.

    defaults:              # optional; any source field, applied where a source omits it
      rate: 1.0
    sources:
      - name: lumi-docs
        kind: sitemap      # page | sitemap | pdf | markdown-repo
        start_urls: [https://docs.lumi-supercomputer.eu/sitemap.xml]
        allow: [https://docs.lumi-supercomputer.eu/]
        refresh: 1d
        max_pages: 400
        max_page_size: 5MB
        watch_for: []      # call ids whose curated deadlines this source backs

Unknown keys and bad values raise `SourcesError` naming the file and line.
"""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from ingest.sizes import parse_size
from ingest.web.errors import SourcesError
from ingest.web.safety import Allowlist, url_prefix


def default_sources_file() -> Path:
    """knowledge/sources.yaml, next to the curated data it helps keep fresh."""
    import knowledge

    return Path(knowledge.__file__).resolve().parent / "sources.yaml"


Kind = Literal["page", "sitemap", "pdf", "markdown-repo"]

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_NAME = r"^[a-z0-9][a-z0-9._:/-]*$"


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{value!r} is not an http(s) URL")
    return value


HttpUrl = Annotated[str, AfterValidator(_http_url)]


class SiteSource(BaseModel):
    """One documentation site (or a handful of pages) and the rules for crawling it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Annotated[str, Field(pattern=_NAME)]
    kind: Kind = "page"
    start_urls: Annotated[list[HttpUrl], Field(min_length=1)]
    allow: list[HttpUrl] = Field(
        default_factory=list, description="URL prefixes; default: each start URL's folder"
    )
    follow_links: bool = True
    refresh: timedelta = timedelta(days=1)
    max_pages: Annotated[int, Field(ge=1, le=100_000)] = 200
    max_page_size: Annotated[int, Field(ge=1024)] = 5 * 10**6
    rate: Annotated[float, Field(gt=0, le=1000)] = 1.0
    concurrency: Annotated[int, Field(ge=1, le=16)] = 2
    timeout: Annotated[float, Field(gt=0, le=600)] = 20.0
    watch_for: list[str] = Field(default_factory=list)

    @field_validator("refresh", mode="before")
    @classmethod
    def _duration(cls, value: Any) -> Any:
        if isinstance(value, str):
            match = _DURATION.match(value)
            if not match:
                raise ValueError(f"{value!r} is not a duration like 12h, 1d or 1w")
            return timedelta(seconds=float(match.group(1)) * _SECONDS[match.group(2)])
        return value

    @field_validator("max_page_size", mode="before")
    @classmethod
    def _size(cls, value: Any) -> Any:
        if isinstance(value, str):
            return parse_size(value)
        return value

    @property
    def root(self) -> str:
        """The index root of this source's documents (keeps them apart from local files)."""
        return f"web:{self.name}"

    @property
    def allowlist(self) -> Allowlist:
        return Allowlist.of(self.allow or [url_prefix(u) for u in self.start_urls])


class _Defaults(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Kind | None = None
    follow_links: bool | None = None
    refresh: str | None = None
    max_pages: int | None = None
    max_page_size: int | str | None = None
    rate: float | None = None
    concurrency: int | None = None
    timeout: float | None = None


class _SourcesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    defaults: _Defaults = Field(default_factory=_Defaults)
    sources: list[dict[str, Any]]


def adhoc_source(url: str, **overrides: Any) -> SiteSource:
    """A source for `hpcbot ingest URL`: crawl from `url`, staying under its folder."""
    path = urlsplit(url).path.lower()
    kind: Kind = "page"
    if path.endswith(".pdf"):
        kind = "pdf"
    elif path.endswith(".xml") and "sitemap" in path:
        kind = "sitemap"
    elif path.endswith((".md", ".markdown")):
        kind = "markdown-repo"
    prefix = url_prefix(url)  # ValueError for a URL that does not parse ("http://[::1/")
    try:
        return SiteSource.model_validate(
            {"name": _adhoc_name(prefix), "kind": kind, "start_urls": [url], **overrides}
        )
    except ValidationError as exc:  # one line for the command line, not pydantic's report
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise ValueError(f"{where}: {error['msg'].removeprefix('Value error, ')}") from None


def _adhoc_name(prefix: str) -> str:
    """The source name for an ad hoc URL: its folder, made a valid name if it is not one.

    `http://[::1]:8080/` or a path with capitals is not a valid name; the cleaned-up spelling
    gets a hash of the original so that two such URLs never share a name (and index root).
    """
    if re.fullmatch(_NAME, prefix):
        return prefix
    bare = prefix.lower().replace("[", "").replace("]", "")  # IPv6 literal brackets
    cleaned = re.sub(r"[^a-z0-9._:/-]+", "-", bare).strip("-")
    return f"{cleaned}-{hashlib.sha256(prefix.encode()).hexdigest()[:8]}"


def load_sources(path: Path | None = None) -> list[SiteSource]:
    """Read and validate a sources file (default: knowledge/sources.yaml)."""
    path = path or default_sources_file()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read the sources file ({exc.strerror})") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise SourcesError(
            f"{path}:{mark.line + 1 if mark else 1}: not valid YAML: {exc.problem or exc}"
        ) from None
    if node is None or not isinstance(data, dict):
        raise SourcesError(f"{path}:1: expected a mapping with a `sources:` list")
    try:
        top = _SourcesFile.model_validate(data)
    except ValidationError as exc:
        raise _error(path, node, (), exc) from None
    defaults = top.defaults.model_dump(exclude_none=True)
    sources: list[SiteSource] = []
    for position, raw in enumerate(top.sources):
        try:
            sources.append(SiteSource.model_validate({**defaults, **raw}))
        except ValidationError as exc:
            field = next((p for p in exc.errors()[0]["loc"] if isinstance(p, str)), "")
            # A bad inherited value is best shown where it is written: under `defaults:`.
            base = (
                ("defaults",) if field in defaults and field not in raw else ("sources", position)
            )
            raise _error(path, node, base, exc) from None
    names = [s.name for s in sources]
    for position, name in enumerate(names):
        if name in names[:position]:
            line = _line(node, ("sources", position, "name"))
            raise SourcesError(f"{path}:{line}: source name {name!r} is used twice")
    return sources


def _error(path: Path, node: yaml.Node, base: tuple[int | str, ...], exc: ValidationError) -> Any:
    errors = exc.errors()
    # An unknown key is the likeliest typo and explains the "missing field" next to it.
    first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = base + tuple(p for p in first["loc"] if isinstance(p, int | str))
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = "unknown key (check the spelling; see the file's header for the known keys)"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return SourcesError(f"{path}:{_line(node, loc)}: {where or 'top level'}: {message}{more}")


def _line(node: yaml.Node, loc: tuple[int | str, ...]) -> int:
    """1-based line of the deepest YAML node on the pydantic error path `loc`."""
    for depth, part in enumerate(loc, start=1):
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for key, value in node.value:
                if key.value == part:  # the key's own line when the path ends here
                    last = depth == len(loc) or isinstance(value, yaml.ScalarNode)
                    child = key if last else value
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            child = node.value[part] if part < len(node.value) else None
        if child is None:
            break
        node = child
    return int(node.start_mark.line) + 1
