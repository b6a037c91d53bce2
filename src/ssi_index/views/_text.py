"""Plain-text renderings for a terminal: a score header and a recommendation list.

The CLI prints these; every label is in the user's language, and in Hebrew each line
starts with a right-to-left mark so lines that begin with a number or a Latin name are
still laid out right to left.
"""

from __future__ import annotations

from collections.abc import Iterable

from ssi_index._i18n import format_number, normalize_locale, plural
from ssi_index._model import Score
from ssi_index._tiers import DEFAULT_SCALE
from ssi_index.rules import Recommendation
from ssi_index.rules._catalog import texts
from ssi_index.rules._coach_text import lines

from ._base import label

__all__ = ["recommendations_text", "score_text"]


def score_text(score: Score, locale: str = "en") -> str:
    """The score as a few text lines: the total and its band, then each pillar.

    Example:
        >>> from ssi_index import Score
        >>> print(score_text(Score.from_pillars([13.4, 10.7, 11.1, 25])))
        SSI 60.2 of 100 · Good base
          Establish your professional brand: 13.4 of 25
          Find the right people: 10.7 of 25
          Engage with insights: 11.1 of 25
          Build relationships: 25 of 25
    """
    loc = normalize_locale(locale)
    t = texts(loc)
    tier, _ = t.tier(DEFAULT_SCALE, score.tier)
    out = [label(loc, "score_header", total=format_number(loc, score.overall), tier=tier)]
    out += [
        f"  {t.pillar(p)}: {label(loc, 'pillar_of', score=format_number(loc, v))}"
        for p, v in score.pillars.items()
    ]
    return lines(loc, out)


def recommendations_text(items: Iterable[Recommendation], locale: str | None = None) -> str:
    """Recommendations as numbered text: title, points, actions, why, place and source.

    Args:
        items: What :func:`ssi_index.recommend` returned.
        locale: The labels' language; default: the list's own, else ``"en"``.
    """
    loc = normalize_locale(locale or str(getattr(items, "locale", "en")))
    out = [label(loc, "what_next")]
    for i, item in enumerate(items, start=1):
        head = f"{i}. {item.title}"
        if item.points is not None and item.points > 0:
            head += f" ({label(loc, 'up_to', points=plural(loc, 'units.points', item.points))})"
        out.append(head)
        out += [f"   - {a}" for a in item.actions]
        if item.why:
            out.append(f"   {label(loc, 'why', text=item.why)}")
        if item.rank_reason:
            out.append(f"   {label(loc, 'rank', text=item.rank_reason)}")
        if item.source:
            out.append(f"   {label(loc, 'source', text=item.source)}")
    if len(out) == 1:
        out.append(label(loc, "no_recommendations"))
    return lines(loc, out)
