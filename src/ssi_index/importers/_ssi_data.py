"""professorsoares/linkedin-ssi-data: one long-format CSV per day (``ssi_YYYY-MM-DD.csv``).

``;``-separated, with a UTF-8 BOM; one row per value, keyed by ``secao`` and
``campo``. Numbers come from ``valor_numerico`` (dot or comma decimal), else from
the leading number of ``valor_original`` (``53 de 100``, ``20,998``,
``Primeiros 9%``). Both generations are read: the scraper's sections and the
older hand-made file's (``Resumo SSI``, ``Componentes da pontuação``,
``Benchmark do setor`` ...). The total is the page's integer, so it becomes the
pillars' sum. ``data_referencia`` is the day and ``hora_referencia`` (local
time) the capture time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Final

from ssi_index._importing import Refusal

from ._common import Row, rows_to_candidates
from ._csvtable import header_has, named_rows
from ._source import SourceFile
from ._types import Candidate
from ._values import RowError, day_of, group, number, rank, score_from, time_of

__all__ = ["IMPORTER"]

_COLUMNS: Final = ("data_referencia", "secao", "campo", "valor_original", "valor_numerico")
_PILLARS: Final = (
    "Estabelecer sua marca profissional",
    "Localizar as pessoas certas",
    "Interagir oferecendo insights",
    "Criar relacionamentos",
)
_TOTAL: Final = "Social Selling Index"
_LEADING_NUMBER: Final = re.compile(r"[0-9]+(?:[.,][0-9]+)?")  # linear: no nested quantifiers
_HOUR: Final = re.compile(r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?")


def _whom(secao: str) -> str:
    """Whose value a row holds: ``member``, ``INDUSTRY`` (setor) or ``NETWORK`` (rede)."""
    lowered = secao.casefold()
    if "setor" in lowered:
        return "INDUSTRY"
    if "rede" in lowered:
        return "NETWORK"
    return "member"


def _value(cells: dict[str, str], what: str) -> float | None:
    found = number(cells.get("valor_numerico"), what)
    if found is not None:
        return found
    match = _LEADING_NUMBER.search((cells.get("valor_original") or "")[:200])
    return None if match is None else number(match.group(), what)


class _Day:
    """The values of one file, gathered row by row."""

    def __init__(self) -> None:
        self.day: str | None = None
        self.hour: str | None = None
        self.total: float | None = None
        self.pillars: dict[str, list[float | None]] = {
            k: [None] * 4 for k in ("member", "INDUSTRY", "NETWORK")
        }
        self.ranks: dict[str, int | None] = {"INDUSTRY": None, "NETWORK": None}
        self.averages: dict[str, float | None] = {"INDUSTRY": None, "NETWORK": None}
        self.industry: str | None = None

    def add(self, cells: dict[str, str]) -> None:
        self.day = self.day or cells.get("data_referencia")
        self.hour = self.hour or cells.get("hora_referencia")
        campo = (cells.get("campo") or "").strip()
        secao = (cells.get("secao") or "").strip()
        whom = _whom(secao)
        if campo in _PILLARS:
            self.pillars[whom][_PILLARS.index(campo)] = _value(cells, campo)
        elif whom == "member" and (
            campo.startswith(_TOTAL) or (secao == "Resumo SSI" and "SSI" in campo)
        ):
            self.total = _value(cells, campo)
        elif campo.startswith("Classificação SSI"):
            side = _whom(campo)
            if side != "member":
                self.ranks[side] = rank(_value(cells, campo), campo)
        elif campo.startswith("SSI médio"):
            side = _whom(campo)
            if side != "member":
                self.averages[side] = _value(cells, campo)
        elif campo == "Setor de referência":
            self.industry = (cells.get("valor_original") or "").strip() or None

    def row(self) -> Row:
        if self.day is None:
            raise RowError("no_value", column="data_referencia")
        day = day_of(self.day, "data_referencia")
        captured: dt.datetime | None = None
        hour = (self.hour or "").strip()
        if hour and _HOUR.fullmatch(hour):
            captured = time_of(f"{day.isoformat()}T{hour.zfill(5)}", "hora_referencia")
        groups = [
            group(
                kind,
                rank=self.ranks[kind],
                average=self.averages[kind],
                name=self.industry if kind == "INDUSTRY" else None,
                pillars=self.pillars[kind],
            )
            for kind in ("INDUSTRY", "NETWORK")
        ]
        score = score_from(self.total, self.pillars["member"], total_is_rounded=True, groups=groups)
        return day, score, captured, "ssi-data"


class _SSIData:
    name = "ssi-data"
    description = "professorsoares/linkedin-ssi-data: daily ssi_YYYY-MM-DD.csv (';', BOM)"

    def detect(self, file: SourceFile) -> bool:
        return header_has(file, _COLUMNS, delimiter=";")

    def read(self, file: SourceFile) -> Iterable[Candidate | Refusal]:
        day = _Day()
        first: str | None = None
        try:
            for where, cells in named_rows(file, _COLUMNS, delimiter=";"):
                first = first or where
                day.add(cells)
        except RowError as err:
            return [Refusal(where=first or file.name, reason=str(err))]

        def items() -> Iterator[tuple[str, _Day]]:
            yield file.name, day

        return list(rows_to_candidates(file, items(), _Day.row))


IMPORTER: Final = _SSIData()
