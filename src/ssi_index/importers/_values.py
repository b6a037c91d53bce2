"""Small shared readers: numbers in any decimal style, dates, times, and scores from pillars."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Literal

from ssi_index._errors import InvalidScoreError, ParseError
from ssi_index._model import GroupScore, Pillar, PillarScores, Score

__all__ = [
    "RowError",
    "check_not_zero",
    "day_of",
    "group",
    "number",
    "rank",
    "score_from",
    "time_of",
]

_PILLARS = tuple(Pillar)
_SHOWN = 40


class RowError(ParseError):
    """One row cannot be imported, and why; caught by the readers.

    Attributes:
        key: The reason's message key under ``importing.row.`` (``"all_zero"``).
        fields: The message's fields.
    """

    def __init__(self, key: str, **fields: object) -> None:
        self.fields = fields
        self.row_key = key
        super().__init__(self.reason("en"))
        self.key = key  # under importing.row., not errors. (see localized)

    def reason(self, locale: str) -> str:
        """The reason in *locale*."""
        from ssi_index._i18n import message  # tomllib only when a text is needed

        return message(locale, f"importing.row.{self.row_key}", **self.fields)

    def localized(
        self, locale: str = "en", *, bidi: Literal["isolate", "marks"] = "isolate"
    ) -> str:
        """The reason in *locale*, escaped (see :meth:`ssi_index.SSIError.localized`)."""
        from ssi_index._i18n import normalize_locale
        from ssi_index._safe_text import escape

        return escape(self.reason(normalize_locale(locale)))


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def number(value: object, what: str) -> float | None:
    """A number from a cell or JSON value; ``None`` for an empty cell or ``null``.

    Accepts ``20.998``, ``20,998`` (a comma decimal), ``47.0`` and JSON numbers.

    Raises:
        RowError: anything else (text, a boolean, NaN or infinity).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise RowError("not_a_number", column=what, found=_show(value))
    if isinstance(value, int | float):
        result = float(value)
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            result = float(text)
        except ValueError:
            raise RowError("not_a_number", column=what, found=_show(value)) from None
    else:
        raise RowError("not_a_number", column=what, found=type(value).__name__)
    if not math.isfinite(result):
        raise RowError("not_finite", column=what, found=_show(value))
    return result


def rank(value: object, what: str, *, zero_is_missing: bool = False) -> int | None:
    """A "top N %" rank: a whole number (``9`` or ``9.0``), or ``None`` when missing."""
    found = number(value, what)
    if found is None or (zero_is_missing and found == 0):
        return None
    if not found.is_integer():
        raise RowError("not_whole", column=what, found=_show(value))
    return int(found)


def day_of(value: object, what: str) -> dt.date:
    """A ``YYYY-MM-DD`` day (the time part of a longer ISO text is ignored)."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise RowError("not_a_date", column=what, found=_show(value))


def time_of(value: object, what: str) -> dt.datetime | None:
    """An ISO 8601 time as an aware UTC datetime; ``None`` when empty.

    A time without an offset is the importing computer's local time, as the
    tools that write these files use it.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.strip())
            if parsed.tzinfo is None:
                parsed = parsed.astimezone()  # a naive time is local time
            return parsed.astimezone(dt.UTC)
        except (ValueError, OverflowError, OSError):
            pass  # not ISO 8601, or beyond what the platform's clock can convert
    raise RowError("not_a_time", column=what, found=_show(value))


def group(
    kind: str,
    *,
    rank: int | None = None,
    average: float | None = None,
    size: int | None = None,
    name: str | None = None,
    pillars: Sequence[float | None] | None = None,
) -> GroupScore | None:
    """A comparison group, or ``None`` when the source gave nothing for it.

    Pillars are kept only when all four are known; missing values stay ``None``.
    """
    full = pillars is not None and all(p is not None for p in pillars)
    known = (rank, average, size, name)
    if all(v is None for v in known) and not full:
        return None
    try:
        return GroupScore(
            kind=kind,
            rank=rank,
            average=average,
            size=size,
            name=name,
            pillars=PillarScores(list(pillars)) if full and pillars is not None else None,  # type: ignore[arg-type]
        )
    except InvalidScoreError as err:
        raise RowError("invalid", detail=f"{kind.lower()} group: {err}") from err


def check_not_zero(score: Score) -> Score:
    """Return *score*, or refuse it when every pillar and the total are 0 (a failed scrape)."""
    if score.overall == 0 and all(v == 0 for v in score.pillars.values()):
        raise RowError("all_zero")
    return score


def score_from(
    total: float | None,
    pillars: Sequence[float | None],
    *,
    total_is_rounded: bool,
    groups: Sequence[GroupScore | None] = (),
    active_seat: bool | None = None,
    zeros_are_failures: bool = True,
) -> Score:
    """A score from a total and four pillars, refusing failed scrapes and gaps.

    Args:
        total: The total the source holds, if any.
        pillars: The four pillars in LinkedIn's order; ``None`` where missing.
        total_is_rounded: The source holds only the total shown on the page
            (rounded): the total becomes the pillars' sum, as for parsed pages,
            after checking the two agree.
        groups: Comparison groups; ``None`` entries are left out.
        active_seat: Whether the member holds a Sales Navigator seat, if known.
        zeros_are_failures: Refuse an all-zero row as a failed scrape (``False``
            only for ssi-index's own exports, which never hold one).

    Raises:
        RowError: an all-zero row (a failed scrape), a missing pillar, or values
            that break the rules of a score.
    """
    if zeros_are_failures and all(p == 0 for p in pillars) and not total:
        raise RowError("all_zero")
    missing = [p.value for p, v in zip(_PILLARS, pillars, strict=True) if v is None]
    if missing:
        raise RowError("missing_pillars", pillars=", ".join(missing))
    kept = tuple(g for g in groups if g is not None)
    try:
        scores = PillarScores(list(pillars))  # type: ignore[arg-type]
        if total is None or total_is_rounded:
            score = Score.from_pillars(scores, groups=kept, active_seat=active_seat)
            if total is not None:
                Score(overall=total, pillars=scores)  # the rounded total must agree
            return score
        return Score(overall=total, pillars=scores, groups=kept, active_seat=active_seat)
    except InvalidScoreError as err:
        raise RowError("invalid", detail=str(err)) from err
