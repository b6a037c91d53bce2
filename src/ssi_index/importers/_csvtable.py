"""CSV files whose columns are found by name, in any order, read one row at a time."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ssi_index._errors import ParseError

from ._source import SourceFile

__all__ = ["header_has", "named_rows"]


def header_has(file: SourceFile, required: Sequence[str], *, delimiter: str = ",") -> bool:
    """Whether the file's first line is a header holding every one of *required*."""
    try:
        line = file.first_line()
    except ParseError:
        return False
    names = {cell.strip().strip('"') for cell in line.split(delimiter)}
    return all(name in names for name in required)


def named_rows(
    file: SourceFile, required: Sequence[str], *, delimiter: str = ","
) -> Iterator[tuple[str, dict[str, str]]]:
    """Stream ``(where, {column: cell})`` for every data row; blank lines are skipped.

    Raises:
        ParseError: the header lacks a required column (the message lists them).
    """
    rows = file.csv_rows(delimiter)
    header: list[str] | None = None
    for line, cells in rows:
        if header is None:
            header = [c.strip() for c in cells]
            lacking = [name for name in required if name not in header]
            if lacking:
                raise ParseError(
                    f"expected the columns {', '.join(required)} in {file.name!r}, "
                    f"found no {', '.join(lacking)}",
                    path=file.name,
                    key="import.csv_columns",
                    params={
                        "file": file.name,
                        "required": tuple(required),
                        "lacking": tuple(lacking),
                    },
                )
            continue
        if not any(c.strip() for c in cells):
            continue
        yield file.where("line", line), dict(zip(header, cells, strict=False))
    if header is None:
        raise ParseError(
            f"expected a CSV header in {file.name!r}, found an empty file",
            path=file.name,
            key="import.csv_empty",
            params={"file": file.name},
        )
