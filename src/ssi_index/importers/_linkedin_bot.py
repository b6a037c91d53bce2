"""casamentopedrogabi/linkedin-bot: ``data/ssi_history.csv`` and its SQLite ``ssi_history`` table.

One row per local day, no capture time. ``Total_SSI`` is the rounded total from
the page, so the total becomes the pillars' sum (checked against it). A failed
scrape is written as zeros (``0.0`` SSI and pillars, ``0`` ranks): such rows are
refused, never stored as 0; a rank of 0 is likewise missing. The CSV's columns
are matched by name (their order changed between versions); the SQLite table
holds people before brand, matched by name too.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Final

from ssi_index._errors import ParseError
from ssi_index._importing import Refusal

from ._common import Row, rows_to_candidates
from ._csvtable import header_has, named_rows
from ._source import SourceFile
from ._types import Candidate
from ._values import day_of, group, number, rank, score_from

if TYPE_CHECKING:
    import sqlite3

__all__ = ["CSV_IMPORTER", "SQLITE_IMPORTER"]

_CSV_COLUMNS: Final = ("Date", "Total_SSI", "Brand", "People", "Insights", "Relationships")
_CSV_PILLARS: Final = ("Brand", "People", "Insights", "Relationships")
_SQL_COLUMNS: Final = (
    "date",
    "total_ssi",
    "brand_score",
    "people_score",
    "insight_score",
    "relationship_score",
)
_SQL_PILLARS: Final = ("brand_score", "people_score", "insight_score", "relationship_score")
_SQL_RANKS: Final = ("ssi_rank_industry", "ssi_rank_network")
_SQLITE_MAGIC: Final = b"SQLite format 3\x00"


def _row(
    cells: Mapping[str, object],
    day: str,
    total: str,
    pillars: tuple[str, ...],
    ranks: tuple[str, str],
    source: str,
) -> Row:
    return (
        day_of(cells.get(day), day),
        score_from(
            number(cells.get(total), total),
            [number(cells.get(name), name) for name in pillars],
            total_is_rounded=True,
            groups=(
                group("INDUSTRY", rank=rank(cells.get(ranks[0]), ranks[0], zero_is_missing=True)),
                group("NETWORK", rank=rank(cells.get(ranks[1]), ranks[1], zero_is_missing=True)),
            ),
        ),
        None,
        source,
    )


def _csv_row(cells: Mapping[str, str]) -> Row:
    return _row(
        cells, "Date", "Total_SSI", _CSV_PILLARS, ("Industry_Rank", "Network_Rank"), "linkedin-bot"
    )


def _sql_row(cells: Mapping[str, object]) -> Row:
    return _row(
        cells,
        "date",
        "total_ssi",
        _SQL_PILLARS,
        _SQL_RANKS,
        "linkedin-bot",
    )


class _BotCSV:
    name = "linkedin-bot-csv"
    description = "casamentopedrogabi/linkedin-bot: data/ssi_history.csv"

    def detect(self, file: SourceFile) -> bool:
        return header_has(file, _CSV_COLUMNS)

    def read(self, file: SourceFile) -> Iterable[Candidate | Refusal]:
        return rows_to_candidates(file, named_rows(file, _CSV_COLUMNS), _csv_row)


def _connect(file: SourceFile) -> sqlite3.Connection:
    import sqlite3  # only when a SQLite file is met: ``import ssi_index`` stays light

    uri = "file:" + urllib.parse.quote(str(file.path.resolve())) + "?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
        connection.execute("PRAGMA query_only = ON")
        connection.execute("PRAGMA trusted_schema = OFF")
    except sqlite3.Error as err:
        raise ParseError(
            f"expected a readable SQLite file at {file.name!r}, found: {err}",
            key="import.sqlite_unreadable",
            params={"file": file.name, "reason": str(err)},
        ) from err
    return connection


def _columns(connection: sqlite3.Connection) -> set[str]:
    return {row[1] for row in connection.execute("PRAGMA table_info(ssi_history)")}


class _BotSQLite:
    name = "linkedin-bot-sqlite"
    description = "casamentopedrogabi/linkedin-bot: the SQLite ssi_history table"

    def detect(self, file: SourceFile) -> bool:
        import sqlite3

        try:
            if not file.head().startswith(_SQLITE_MAGIC):
                return False
            connection = _connect(file)
        except ParseError:
            return False
        try:
            return all(c in _columns(connection) for c in _SQL_COLUMNS)
        except sqlite3.Error:
            return False
        finally:
            connection.close()

    def read(self, file: SourceFile) -> Iterable[Candidate | Refusal]:
        return rows_to_candidates(file, _sql_items(file), _sql_row)


def _sql_items(file: SourceFile) -> Iterator[tuple[str, Mapping[str, object]]]:
    """Stream ``(where, {column: value})`` of the ``ssi_history`` table, by date."""
    import sqlite3

    file.head()  # a regular file, or a ParseError
    connection = _connect(file)
    try:
        columns = _columns(connection)
        lacking = [c for c in _SQL_COLUMNS if c not in columns]
        if lacking:
            raise ParseError(
                f"expected a table ssi_history with {', '.join(_SQL_COLUMNS)} in "
                f"{file.name!r}, found no {', '.join(lacking)}",
                path=file.name,
                key="import.sqlite_columns",
                params={"file": file.name, "required": _SQL_COLUMNS, "lacking": tuple(lacking)},
            )
        names = ", ".join(f'"{c}"' for c in _SQL_COLUMNS + _SQL_RANKS if c in columns)
        cursor = connection.execute(f"SELECT {names} FROM ssi_history ORDER BY date")
        keys = [d[0] for d in cursor.description]
        for index, row in enumerate(cursor, 1):  # one row at a time: memory stays bounded
            yield file.where("row", index), dict(zip(keys, row, strict=True))
    except sqlite3.Error as err:
        raise ParseError(
            f"expected a readable ssi_history table in {file.name!r}, found: {err}",
            key="import.sqlite_table",
            params={"file": file.name, "reason": str(err)},
        ) from err
    finally:
        connection.close()


CSV_IMPORTER: Final = _BotCSV()
SQLITE_IMPORTER: Final = _BotSQLite()
