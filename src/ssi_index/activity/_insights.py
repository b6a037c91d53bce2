"""What worked for you: :class:`Insights`, the effects as text, Markdown or HTML with charts.

``ssi-index insights`` prints :meth:`Insights.text`; notebooks show
:meth:`Insights.html` (``_repr_html_``). Every sentence comes from the locale
files (en, he, ru) and claims association, never cause. Hebrew HTML is laid out
right to left, with dates and numbers isolated (``<bdi>``).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

import attrs

from ssi_index._activity import Activity, ActivityKind
from ssi_index._errors import RuleError
from ssi_index._model import Pillar
from ssi_index._snapshot import Snapshot

from ._effects import MIN_WEEKS, Effect, Effects, effects
from ._pillars import PillarMap, pillar_map
from ._svg import weekly_chart
from ._text import direction, format_number, message, normalize_locale, plural, signed_plural
from ._weekly import Weekly, weekly

if TYPE_CHECKING:
    from ssi_index.storage import SnapshotStore

__all__ = ["Insights", "insights"]

_ORDER: Final = tuple(Pillar)
_ROOT: Final = (
    "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:13px;"
    "line-height:1.5;color:#1f1f1f;max-width:48em"
)
_TH: Final = "text-align:start;padding:4px 8px;border-bottom:2px solid #d0d7de;font-weight:600"
_TD: Final = "text-align:start;padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top"
_NUM: Final = (
    "text-align:end;padding:4px 8px;border-bottom:1px solid #eaeef2;"
    "font-variant-numeric:tabular-nums;white-space:nowrap"
)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


@attrs.frozen(kw_only=True)
class Insights:
    """The effects of one profile's activity, ready to read, in one language.

    Build one with :func:`insights` (from a store) or :meth:`from_history`.

    Attributes:
        effects: What :func:`~ssi_index.activity.effects` found.
        weekly: The weekly series the effects rest on (for the charts).
        locale: The language of every text (en, he, ru).
        pillar_map: The map the effects were computed with.
    """

    effects: Effects
    weekly: Weekly = attrs.field(repr=False, eq=False)
    locale: str = attrs.field(default="en", converter=normalize_locale)
    pillar_map: PillarMap = attrs.field(factory=pillar_map, repr=False, eq=False)

    @classmethod
    def from_history(
        cls,
        snapshots: Iterable[Snapshot],
        activities: Iterable[Activity],
        *,
        locale: str = "en",
        pillar_map: PillarMap | str | None = None,
    ) -> Insights:
        """Compute the effects of *activities* on *snapshots* and wrap them for reading."""
        snaps, acts = list(snapshots), list(activities)
        the_map = pillar_map if isinstance(pillar_map, PillarMap) else _shipped(pillar_map)
        return cls(
            effects=effects(snaps, acts, pillar_map=the_map),
            weekly=weekly(snaps, acts),
            locale=locale,
            pillar_map=the_map,
        )

    # -- pieces -------------------------------------------------------------------------

    def _t(self, key: str, **fields: object) -> str:
        return message(self.locale, f"activity.{key}", **fields)

    def _n(self, value: float, digits: int = 2) -> str:
        return format_number(self.locale, value, digits)

    def _digits(self, effect: Effect) -> int:
        size = max(abs(effect.per_unit), abs(effect.low), abs(effect.high))
        return 3 if size < 0.1 else 2

    def _kind(self, kind: ActivityKind) -> str:
        return self._t(f"kind.{kind.value}")

    def _pillar(self, pillar: Pillar) -> str:
        return message(self.locale, f"units.pillar.{pillar.value}")

    def _map_name(self) -> str:
        key = self.effects.pillar_map.replace("-", "_")
        try:
            return self._t(f"map.{key}")
        except RuleError:  # a user's own map: show its name
            return self.effects.pillar_map

    def sentence(self, effect: Effect) -> str:
        """One effect in words: association, with its interval and a typical week."""
        d = self._digits(effect)
        up = effect.per_unit >= 0
        key = ("effect" if up else "negative") + ("_next_week" if effect.lag else "_same_week")
        low, high = (effect.low, effect.high) if up else (-effect.high, -effect.low)
        return self._t(
            f"insights.{key}",
            kind=self._kind(effect.kind),
            pillar=self._pillar(effect.pillar),
            per_unit=plural(self.locale, "units.points_number", abs(effect.per_unit), d),
            low=self._n(low, d),
            high=self._n(high, d),
            median=self._n(effect.median_weekly, 1),
            contribution=signed_plural(
                self.locale, "units.points_number", effect.weekly_contribution, 2
            ),
        )

    def reason(self) -> str | None:
        """Why there is not enough data, in the reader's language (``None`` if there is)."""
        code = self.effects.reason_code
        if self.effects.enough_data or code is None:
            return None
        if code == "few_weeks":  # a count: its words agree with it
            key = "activity.reason_code.few_weeks"
            return plural(self.locale, key, self.effects.weeks, 0, minimum=MIN_WEEKS)
        return self._t(f"reason_code.{code}", weeks=self.effects.weeks, minimum=MIN_WEEKS)

    def _intro(self) -> list[str]:
        e = self.effects
        if not e.enough_data:
            return [self._t("insights.not_enough", reason=self.reason() or "")]
        lines = [
            self._t(
                "insights.from_weeks",
                weeks=e.weeks,
                first=e.first_week.isoformat() if e.first_week else "",
                last=e.last_week.isoformat() if e.last_week else "",
                map=self._map_name(),
            )
        ]
        if not e.effects:
            lines.append(self._t("insights.no_effects", weeks=e.weeks))
        return lines

    def _outro(self) -> list[str]:
        lines = []
        if self.effects.recalculations:
            days = ", ".join(d.isoformat() for d in self.effects.recalculations)
            lines.append(self._t("insights.recalculations", days=days))
        lines.append(self._t("insights.caveat"))
        return lines

    # -- renderings -----------------------------------------------------------------------

    def text(self) -> str:
        """Plain text for a terminal (what ``ssi-index insights`` prints)."""
        out = [self._t("insights.title"), "", *self._intro()]
        if self.effects.enough_data and self.effects.effects:
            for pillar in _ORDER:
                found = self.effects.for_pillar(pillar)
                out += ["", self._pillar(pillar)]
                if not found:
                    out.append(f"  - {self._t('insights.pillar_none')}")
                out += [f"  - {self.sentence(e)}" for e in found]
        out += ["", *self._outro()]
        return "\n".join(out) + "\n"

    def markdown(self) -> str:
        """Markdown: a heading, the sentences and a table of the effects."""
        out = [f"## {self._t('insights.title')}", "", *self._intro()]
        found = self.effects.effects
        if found:
            out.append("")
            out += [f"- {self.sentence(e)}" for e in found]
            cols = ("pillar", "kind", "effect", "interval", "lag", "weeks", "typical")
            out += [
                "",
                "| " + " | ".join(self._t(f"insights.col_{c}") for c in cols) + " |",
                "|" + "---|" * len(cols),
            ]
            for e in found:
                d = self._digits(e)
                cells = [
                    self._pillar(e.pillar),
                    self._kind(e.kind),
                    format_number(self.locale, e.per_unit, d, sign=True),
                    f"{self._n(e.low, d)} \u2026 {self._n(e.high, d)}",
                    self._t(f"insights.lag_{e.lag}"),
                    str(e.weeks),
                    self._n(e.median_weekly, 1),
                ]
                out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out += ["", *self._outro()]
        return "\n".join(out) + "\n"

    def chart(self, pillar: Pillar | str, kind: ActivityKind | str | None = None) -> str | None:
        """An SVG chart of *kind*'s weekly count against *pillar*'s weekly change.

        Without *kind*: the pillar's strongest effect, else its most frequent mapped
        kind. ``None`` when there is nothing to draw.
        """
        p = Pillar(pillar)
        chosen = ActivityKind(kind) if kind is not None else self._chart_kind(p)
        data = self.weekly
        if chosen is None or chosen not in data.counts or not data.weeks:
            return None
        counts = data.counts[chosen]
        changes = data.change[p]
        top = max((c for c in counts if c is not None), default=0)
        span = max((abs(c) for c in changes if c is not None), default=0.0)
        return weekly_chart(
            counts,
            changes,
            title=self._t("insights.chart", kind=self._kind(chosen), pillar=self._pillar(p)),
            count_label=format_number(self.locale, top, 0),
            change_label=self._n(span, 2),
            first=data.weeks[0].isoformat(),
            last=data.weeks[-1].isoformat(),
            gid=f"ssi-chart-{p.slug}",
            marked=[i for i, w in enumerate(data.weeks) if w in self.effects.recalculations],
        )

    def _chart_kind(self, pillar: Pillar) -> ActivityKind | None:
        strongest = self.effects.strongest(pillar)
        if strongest is not None:
            return strongest.kind
        mapped = self.pillar_map.kinds(pillar)
        totals = {
            k: sum(c or 0 for c in self.weekly.counts[k]) for k in mapped if k in self.weekly.counts
        }
        totals = {k: v for k, v in totals.items() if v}
        return max(totals, key=lambda k: totals[k]) if totals else None

    def html(self) -> str:
        """Self-contained HTML (inline styles, no scripts) with a chart per pillar."""
        rtl = direction(self.locale) == "rtl"

        def iso(text: str) -> str:  # dates, numbers and Latin runs keep their own direction
            return f"<bdi>{_e(text)}</bdi>" if rtl else _e(text)

        parts = [
            f'<div dir="{direction(self.locale)}" lang="{self.locale}" style="{_ROOT}" '
            'data-ssi="insights">',
            f'<h3 style="margin:0 0 0.4em 0">{_e(self._t("insights.title"))}</h3>',
        ]
        parts += [f"<p>{_e(line)}</p>" for line in self._intro()]
        found = self.effects.effects
        if found:
            cols = ("pillar", "kind", "effect", "interval", "lag", "weeks", "typical")
            parts.append('<table style="border-collapse:collapse;width:100%"><thead><tr>')
            parts += [f'<th style="{_TH}">{_e(self._t(f"insights.col_{c}"))}</th>' for c in cols]
            parts.append("</tr></thead><tbody>")
            for e in found:
                d = self._digits(e)
                parts.append(
                    f'<tr data-pillar="{e.pillar.value}" data-kind="{e.kind.value}">'
                    f'<td style="{_TD}">{_e(self._pillar(e.pillar))}</td>'
                    f'<td style="{_TD}">{_e(self._kind(e.kind))}</td>'
                    f'<td style="{_NUM}">'
                    f"{iso(format_number(self.locale, e.per_unit, d, sign=True))}</td>"
                    f'<td style="{_NUM}">{iso(self._n(e.low, d))} \u2026 '
                    f"{iso(self._n(e.high, d))}</td>"
                    f'<td style="{_TD}">{_e(self._t(f"insights.lag_{e.lag}"))}</td>'
                    f'<td style="{_NUM}">{iso(str(e.weeks))}</td>'
                    f'<td style="{_NUM}">{iso(self._n(e.median_weekly, 1))}</td></tr>'
                )
            parts.append("</tbody></table>")
            parts.append('<ul style="padding-inline-start:1.2em">')
            parts += [f"<li>{_e(self.sentence(e))}</li>" for e in found]
            parts.append("</ul>")
        if self.effects.enough_data:
            for pillar in _ORDER:
                svg = self.chart(pillar)
                if svg is None:
                    continue
                kind = self._chart_kind(pillar)
                caption = self._t(
                    "insights.chart",
                    kind=self._kind(kind) if kind else "",
                    pillar=self._pillar(pillar),
                )
                parts.append(
                    f'<figure style="margin:0.8em 0" data-pillar="{pillar.value}">'
                    f'<div dir="ltr">{svg}</div>'
                    f'<figcaption style="color:#57606a;font-size:12px">{_e(caption)}</figcaption>'
                    "</figure>"
                )
        parts += [f'<p style="color:#57606a">{_e(line)}</p>' for line in self._outro()]
        parts.append("</div>")
        return "".join(parts)

    def _repr_html_(self) -> str:
        return self.html()

    def __str__(self) -> str:
        return self.text()


def _shipped(name: str | None) -> PillarMap:
    return pillar_map(name)


def insights(
    store: SnapshotStore,
    profile: str,
    *,
    locale: str = "en",
    pillar_map: PillarMap | str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Insights:
    """What worked for *profile*: its history and activities from *store*, as :class:`Insights`.

    This is what ``ssi-index insights`` prints (``.text()``).

    Args:
        store: Any :class:`~ssi_index.storage.SnapshotStore`.
        profile: The profile id.
        locale: The language (en, he, ru).
        pillar_map: Which kinds feed which pillar (``"guides"`` by default).
        since: The first day to use (inclusive); all history when ``None``.
        until: The last day to use (inclusive).

    Raises:
        StorageError: the store cannot be read.
        UnknownLocaleError: no texts for *locale*.
    """
    return Insights.from_history(
        store.history(profile, since, until),
        store.activities(profile, since, until),
        locale=locale,
        pillar_map=pillar_map,
    )
