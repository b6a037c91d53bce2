"""The files of a LinkedIn data export: a ZIP (also ``.zip.zip`` or a ZIP in a ZIP) or a folder.

Files may sit at the root or under one dated folder; they are found by their
base name anywhere in the tree. Names vary between exports (``Company Follows.csv``
and ``Company_Follows.csv``, ``Shares_7789716.csv`` with the member id,
``Job Applications_1.csv`` as a split part), so a name is reduced to a *stem*:
lower case, the ``_<digits>`` suffix taken off, spaces and underscores removed.
``guide_messages.csv`` has the stem ``guidemessages``, never ``messages``.

Nothing is extracted to disk and nothing is read whole: each entry is opened as a
stream when its turn comes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Final

import attrs

from ssi_index._errors import ParseError

__all__ = ["Archive", "Entry", "open_archive", "stem_of"]

_ZIP_MAGIC: Final = (b"PK\x03\x04", b"PK\x05\x06")


def printable(name: str) -> str:
    """*name* with control, format (bidi overrides) and unassigned characters replaced by U+FFFD.

    File names come from the archive: they reach a terminal in the report, so no
    escape sequence or direction override in them may stay live.
    """
    if name.isprintable():
        return name
    return "".join(
        "\ufffd" if unicodedata.category(ch).startswith("C") and ch != " " else ch for ch in name
    )


def stem_of(basename: str) -> str:
    """The comparable stem of an export file name.

    Example:
        >>> [stem_of(n) for n in ("Shares_77897.csv", "Company Follows.csv", "guide_messages.csv")]
        ['shares', 'companyfollows', 'guidemessages']
    """
    name = basename
    if name.lower().endswith(".csv"):
        name = name[:-4]
    head, sep, tail = name.rpartition("_")
    if sep and head and tail.isascii() and tail.isdigit():
        name = head
    return name.lower().replace(" ", "").replace("_", "")


@attrs.frozen(kw_only=True)
class Entry:
    """One file of the export.

    Attributes:
        path: Its path inside the archive or folder, ``/``-separated.
        basename: Its file name.
        size: Its (uncompressed) size in bytes.
        modified: The day its timestamp says, when known.
    """

    path: str
    basename: str
    size: int
    modified: dt.date | None
    opener: Callable[[], IO[bytes]] = attrs.field(repr=False, eq=False)

    @property
    def stem(self) -> str:
        """See :func:`stem_of`."""
        return stem_of(self.basename)

    @property
    def depth(self) -> int:
        """How many folders deep it sits."""
        return self.path.count("/")


@attrs.frozen(kw_only=True)
class Archive:
    """What :func:`open_archive` found.

    Attributes:
        label: The archive's or folder's own name (never its full path).
        entries: Its files, shallowest first, then by path.
    """

    label: str
    entries: tuple[Entry, ...]

    @property
    def export_day(self) -> dt.date | None:
        """The newest file timestamp: the day the export was made, near enough."""
        days = [e.modified for e in self.entries if e.modified is not None]
        return max(days) if days else None


def _zip_entries(zf: zipfile.ZipFile) -> list[Entry]:
    entries = []
    for info in zf.infolist():
        if info.is_dir():
            continue
        path = printable(info.filename.replace("\\", "/"))
        try:
            modified: dt.date | None = dt.date(*info.date_time[:3])
        except ValueError:
            modified = None
        entries.append(
            Entry(
                path=path,
                basename=path.rsplit("/", 1)[-1],
                size=info.file_size,
                modified=modified,
                opener=lambda info=info: zf.open(info),  # type: ignore[misc]
            )
        )
    return entries


def _folder_entries(root: Path) -> list[Entry]:
    entries = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            full = Path(folder, name)
            try:
                info = full.lstat()
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode):  # no links, FIFOs or devices
                continue
            entries.append(
                Entry(
                    path=printable(full.relative_to(root).as_posix()),
                    basename=printable(name),
                    size=info.st_size,
                    modified=dt.datetime.fromtimestamp(info.st_mtime, dt.UTC).date(),
                    opener=lambda full=full: _open_regular(full),  # type: ignore[misc]
                )
            )
    return entries


def _open_regular(path: Path) -> IO[bytes]:
    """Open a file found by the walk; never block on one swapped for a FIFO meanwhile."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    file = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
        file.close()
        raise OSError(f"{path.name} is not a regular file")
    return file


def _is_zip(head: bytes) -> bool:
    return head[:4] in _ZIP_MAGIC


@contextlib.contextmanager
def open_archive(path: str | os.PathLike[str]) -> Iterator[Archive]:
    """Open an export ZIP or folder and list its files.

    A ZIP whose only content is another ZIP (a download saved inside a ZIP) is
    opened one level down. The name does not matter: ``.zip.zip`` and renamed
    files are recognised by their first bytes.

    Raises:
        ParseError: the path is missing, is neither a folder nor a ZIP archive,
            or the ZIP is damaged.
    """
    where = Path(path)
    try:
        info = where.stat()
    except OSError as err:
        raise ParseError(
            f"expected a LinkedIn export ZIP or folder at {where.name!r}, "
            f"found nothing readable there ({err.strerror or type(err).__name__})",
            path=where.name,
            key="archive.unreadable",
            params={"name": where.name, "reason": err},
        ) from err
    if stat.S_ISDIR(info.st_mode):
        entries = _folder_entries(where)
        yield Archive(label=printable(where.name), entries=tuple(sorted(entries, key=_order)))
        return
    if not stat.S_ISREG(info.st_mode):
        raise ParseError(
            f"expected a LinkedIn export ZIP or folder at {where.name!r}, "
            "found another kind of file",
            path=where.name,
            key="archive.other_kind",
            params={"name": where.name},
        )
    with contextlib.ExitStack() as stack:
        try:
            file = stack.enter_context(where.open("rb"))
            if not _is_zip(file.read(4)):
                raise ParseError(
                    f"expected a ZIP archive (LinkedIn's export) at {where.name!r}, "
                    "found a file that is not one",
                    path=where.name,
                    key="archive.not_zip",
                    params={"name": where.name},
                )
            file.seek(0)
            zf = stack.enter_context(zipfile.ZipFile(file))
            entries = _zip_entries(zf)
            inner = [e for e in entries if e.basename.lower().endswith(".zip")]
            csvs = [e for e in entries if e.basename.lower().endswith(".csv")]
            if len(inner) == 1 and not csvs:  # a ZIP saved inside a ZIP: one level down
                nested = stack.enter_context(inner[0].opener())
                if _is_zip(nested.read(4)):
                    nested.seek(0)
                    zf = stack.enter_context(zipfile.ZipFile(nested))
                    entries = _zip_entries(zf)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as err:
            raise ParseError(
                f"expected a readable ZIP archive at {where.name!r}, found a damaged one ({err})",
                path=where.name,
                key="archive.damaged",
                params={"name": where.name, "reason": str(err)},
            ) from err
        yield Archive(label=printable(where.name), entries=tuple(sorted(entries, key=_order)))


def _order(entry: Entry) -> tuple[int, int, str]:
    # Prefer the Complete export's copy when both were extracted side by side.
    complete = 0 if "complete" in entry.path.lower().split("/", 1)[0] else 1
    return (entry.depth, complete, entry.path)
