"""Where documents come from: local files and folders, and in-memory documents.

A folder to ingest is often someone else's repository, and what is indexed is answered to
every Slack user, so the walk reads only what the folder itself holds:

- a symlink (to a file or a folder) whose target resolves outside the ingested folder is
  refused, its target named in the reason: `notes.md -> ~/.ssh/config` must not become an answer;
- a symlink to a file inside the folder is followed (repositories alias `index.md` to
  `README.md`): what it reaches was shared anyway. A second name for a file that is indexed
  under its own name is refused as "the same file", so no passage is indexed twice;
- a symlink to a folder inside the folder is not walked: its target is walked where it is, and
  never descending through a link rules out loops;
- only regular files are read: FIFOs (which would block the run), sockets and devices are
  refused, and so are kernel pseudo-files (/proc, /sys) when the folder contains them;
- a file over the size limit is refused without being read.

The walk and the read are apart in time (the pipeline reads a file only when it may have
changed), so the read checks again, opens without blocking, and reads no more than the limit.
A refused file is removed from the index if an earlier run put it there.
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ingest.parse import kind_of
from ingest.sizes import format_size

# Filesystems whose files claim to be regular but are made up by the kernel when read:
# /proc/self/environ holds the process's environment, tokens included.
_KERNEL_MOUNTS = (Path("/proc"), Path("/sys"))


@dataclass(frozen=True)
class SourceDocument:
    """One document to ingest. `read` is called only when the document may have changed.

    `read` raises `SourceRefused` when the document must not be indexed (the pipeline then
    removes what an earlier run indexed under its URL) and `OSError` when it cannot be read
    right now (the index keeps what it has).
    """

    url: str
    root: str
    kind: str
    read: Callable[[], bytes]
    origin: str = "document"
    as_of: str = ""
    title: str = ""


class SourceNotFound(Exception):
    """A path given to ingest does not exist."""


class SourceRefused(Exception):
    """A document hpcbot will not index; the message is the reason shown in the report."""


@dataclass(frozen=True)
class FileLimits:
    """Largest local files that are read; a larger file is skipped with the reason."""

    # 20 MB of text is about 25,000 passages: far past any real documentation page.
    max_bytes: int = 20 * 10**6
    # PDFs carry fonts and images, so the same text takes more bytes.
    max_pdf_bytes: int = 50 * 10**6

    def for_kind(self, kind: str) -> int:
        return self.max_pdf_bytes if kind == "pdf" else self.max_bytes

    @classmethod
    def of(cls, max_bytes: int | None) -> FileLimits:
        """One limit for every kind (`--max-file-size`), or the defaults."""
        return cls() if max_bytes is None else cls(max_bytes=max_bytes, max_pdf_bytes=max_bytes)


def local_documents(
    path: Path, *, origin: str = "document", limits: FileLimits | None = None
) -> tuple[str, Iterator[SourceDocument]]:
    """The root URI of `path` and the supported files under it (or the file itself)."""
    path = path.expanduser().resolve()
    if not path.exists():
        raise SourceNotFound(f"{path} does not exist")
    root = path.as_uri()
    limits = limits or FileLimits()

    def walk() -> Iterator[SourceDocument]:
        if not path.is_dir():  # a file given by name is read even if its name is hidden
            kind = kind_of(path)
            if kind is not None:
                yield _document(path, path, kind, root, origin, limits)
            return
        yield from _walk_folder(path, root, origin, limits)

    return root, walk()


def is_kernel_file(path: Path) -> bool:
    """Whether `path` lives on procfs or sysfs (by location or by device)."""
    real = Path(os.path.realpath(path))
    if any(real.is_relative_to(mount) for mount in _KERNEL_MOUNTS):
        return True
    try:
        return os.stat(real).st_dev in _kernel_devices()
    except OSError:
        return False


@functools.cache
def _kernel_devices() -> frozenset[int]:
    devices = set()
    for mount in _KERNEL_MOUNTS:
        try:
            devices.add(os.stat(mount).st_dev)
        except OSError:
            pass  # not mounted here (a minimal container): nothing to avoid
    return frozenset(devices)


@dataclass(frozen=True)
class _Candidate:
    path: Path
    kind: str
    identity: tuple[int, int] | None  # (device, inode); None when refused or unreadable
    is_link: bool
    refusal: str = ""


def _walk_folder(
    folder: Path, root: str, origin: str, limits: FileLimits
) -> Iterator[SourceDocument]:
    candidates: list[_Candidate] = []
    for current, dirnames, filenames in os.walk(folder):
        here = Path(current)
        for name in list(dirnames):
            directory = here / name
            hidden, linked = name.startswith("."), directory.is_symlink()
            if hidden or linked:
                dirnames.remove(name)  # os.walk does not descend into removed names
            if linked and not hidden:
                real = Path(os.path.realpath(directory))
                if not _inside(real, folder):
                    refusal = f"links outside the ingested folder (to {real})"
                    candidates.append(_Candidate(directory, "folder", None, True, refusal))
        for name in filenames:
            file = here / name
            kind = kind_of(file)
            if name.startswith(".") or kind is None:
                continue
            try:
                info = _inspect(file, folder, limits.for_kind(kind))
            except SourceRefused as exc:
                candidates.append(_Candidate(file, kind, None, file.is_symlink(), str(exc)))
                continue
            except OSError:  # a dangling link, a permission problem: the read reports it
                candidates.append(_Candidate(file, kind, None, file.is_symlink()))
                continue
            candidates.append(_Candidate(file, kind, (info.st_dev, info.st_ino), file.is_symlink()))
    candidates.sort(key=lambda c: c.path)
    # A file reached under two names is indexed once: under its own name if the walk saw it.
    chosen: dict[tuple[int, int], Path] = {}
    for candidate in sorted(candidates, key=lambda c: c.is_link):
        if candidate.identity is not None:
            chosen.setdefault(candidate.identity, candidate.path)
    for candidate in candidates:
        refusal = candidate.refusal
        if candidate.identity is not None and chosen[candidate.identity] != candidate.path:
            refusal = f"the same file as {chosen[candidate.identity].relative_to(folder)}"
        if refusal:
            yield _refused(candidate.path, root, origin, refusal)
        else:
            yield _document(candidate.path, folder, candidate.kind, root, origin, limits)


def _inside(real: Path, folder: Path) -> bool:
    return real == folder or real.is_relative_to(folder)


def _inspect(path: Path, folder: Path, limit: int) -> os.stat_result:
    """What `path` leads to, if it may be read; `SourceRefused` with the reason if not."""
    real = Path(os.path.realpath(path))
    if not _inside(real, folder):
        raise SourceRefused(f"links outside the ingested folder (to {real})")
    info = os.stat(real)
    if not stat.S_ISREG(info.st_mode):
        raise SourceRefused(f"not a regular file ({_file_type(info.st_mode)})")
    if is_kernel_file(real):
        raise SourceRefused(f"a kernel pseudo-file ({real}), never read")
    if info.st_size > limit:
        raise SourceRefused(_too_large(limit, format_size(info.st_size)))
    return info


def _read(path: Path, folder: Path, limit: int) -> bytes:
    expected = _inspect(path, folder, limit)
    # O_NONBLOCK: if a FIFO was swapped in since the check, opening it must not wait for a
    # writer. The identity check then tells the swap apart from the file that was checked.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as file:
        found = os.fstat(file.fileno())
        if (found.st_dev, found.st_ino) != (expected.st_dev, expected.st_ino):
            raise OSError(f"{path} changed while being read; run the ingest again")
        data = file.read(limit + 1)  # the file may have grown since the check
    if len(data) > limit:
        raise SourceRefused(_too_large(limit, f"over {format_size(limit)}"))
    return data


def _document(
    path: Path, folder: Path, kind: str, root: str, origin: str, limits: FileLimits
) -> SourceDocument:
    limit = limits.for_kind(kind)
    return SourceDocument(
        url=path.as_uri(),
        root=root,
        kind=kind,
        read=functools.partial(_read, path, folder, limit),
        origin=origin,
        as_of=_modified(path),
    )


def _modified(path: Path) -> str:
    """A local copy is as of the day it was last written: answers show that date, and a copy
    newer than a curated fact's check date may replace the fact (see knowledge.assistant)."""
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC).date().isoformat()
    except OSError:
        return ""


def _refused(path: Path, root: str, origin: str, reason: str) -> SourceDocument:
    def read() -> bytes:
        raise SourceRefused(reason)

    return SourceDocument(url=path.as_uri(), root=root, kind="", read=read, origin=origin)


def _too_large(limit: int, size: str) -> str:
    return (
        f"larger than the {format_size(limit)} limit for local files ({size}); "
        "raise it with --max-file-size if the file is wanted"
    )


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "of an unknown type"


def memory_document(
    url: str, root: str, markdown: str, *, origin: str, as_of: str = "", title: str = ""
) -> SourceDocument:
    data = markdown.encode("utf-8")
    return SourceDocument(
        url=url,
        root=root,
        kind="markdown",
        read=lambda: data,
        origin=origin,
        as_of=as_of,
        title=title,
    )
