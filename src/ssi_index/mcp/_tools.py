"""What each MCP tool does, in plain Python: no MCP types here, so the logic reads on its own.

Every tool returns a :class:`Reply`: JSON-ready data for the assistant to reason
over, and the same facts as a few readable lines in the user's locale. Errors are
:class:`~ssi_index.SSIError` leaves; the server turns them into MCP tool errors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

import ssi_index
from ssi_index._convert import unstructure
from ssi_index._errors import AnalysisError, ParseError
from ssi_index._i18n import format_number, message, normalize_locale, plural
from ssi_index._io import MAX_INPUT_BYTES
from ssi_index._model import PILLAR_MAX, Pillar, Score
from ssi_index._snapshot import Note, Snapshot
from ssi_index._tiers import DEFAULT_SCALE
from ssi_index.rules import texts
from ssi_index.rules._coach_text import safe_line

from ._config import ServerConfig

if TYPE_CHECKING:
    from ssi_index.storage import SnapshotStore

__all__ = ["Reply", "Tools"]

_SHOWN_REFUSALS = 10
"""How many refused rows the readable text lists (the structured content has them all)."""


@attrs.frozen(kw_only=True)
class Reply:
    """What a tool hands back.

    Attributes:
        data: The structured content (JSON-ready).
        text: The same result as readable prose, in the asked locale.
    """

    data: dict[str, Any]
    text: str


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def _num(locale: str, value: float) -> str:
    return format_number(locale, value, 1)


class Tools:
    """The tools of the ssi-index MCP server, bound to one :class:`ServerConfig`.

    Each call opens the store, does its work and closes it again, so the server
    never holds a lock between calls and sees what the CLI recorded meanwhile.
    """

    def __init__(self, config: ServerConfig) -> None:
        self.config = config

    # -- shared pieces -------------------------------------------------------

    @contextmanager
    def _store(self) -> Iterator[SnapshotStore]:
        with ssi_index.open_store(self.config.store) as store:
            yield store

    def _goal(self, goal: str | None) -> str | None:
        return goal or self.config.goal

    def _target(self, target: float | None) -> float | None:
        return self.config.target if target is None else target

    def _locale(self, locale: str | None) -> str:
        return normalize_locale(locale) if locale else self.config.locale

    def _profile(self, profile: str | None) -> str:
        chosen = profile if profile and profile.strip() else self.config.profile
        if not chosen:
            raise AnalysisError(
                "expected a profile: pass 'profile', or start the server with "
                "SSI_INDEX_PROFILE set; found neither"
            )
        return chosen

    @staticmethod
    def _parse(content: str) -> Score:
        size = len(content.encode("utf-8", "surrogatepass"))
        if size > MAX_INPUT_BYTES:
            raise ParseError(
                f"expected at most {MAX_INPUT_BYTES:,} bytes of page or JSON, found {size:,}"
            )
        if not content.strip():
            raise ParseError("expected a saved SSI page or LinkedIn's SSI JSON, found empty text")
        return ssi_index.parse(content)

    @staticmethod
    def _latest(store: SnapshotStore, profile: str) -> Snapshot:
        found = store.latest([profile])
        if not found:
            known = store.profiles()
            raise AnalysisError(
                f"expected a recorded score for profile {profile!r}, found none "
                f"(profiles in the store: {', '.join(known) or 'none yet'}); "
                "record one with the record_score tool"
            )
        return found[0]

    def _score_lines(self, score: Score, locale: str) -> list[str]:
        words = texts(locale)
        label, meaning = words.tier(DEFAULT_SCALE, score.tier)
        lines = [
            message(locale, "mcp.score", total=_num(locale, score.overall), tier=label),
            meaning,
        ]
        for pillar, points in score.pillars.items():
            lines.append(
                message(
                    locale,
                    "mcp.pillar",
                    pillar=words.pillar(pillar),
                    points=_num(locale, points),
                    max=_num(locale, PILLAR_MAX),
                )
            )
        for group in score.groups:
            if group.rank is not None:
                lines.append(
                    message(locale, "mcp.rank", group=words.group(group.kind), rank=group.rank)
                )
        return lines

    @staticmethod
    def _tier_data(score: Score, locale: str) -> dict[str, Any]:
        label, meaning = texts(locale).tier(DEFAULT_SCALE, score.tier)
        return {**score.tier.to_dict(), "label": label, "meaning": meaning}

    # -- the tools -----------------------------------------------------------

    def read_score(self, content: str, locale: str | None = None) -> Reply:
        """Read a score from a pasted SSI page or LinkedIn's SSI JSON; store nothing."""
        loc = self._locale(locale)
        score = self._parse(content)
        return Reply(
            data={"score": score.to_dict(), "tier": self._tier_data(score, loc)},
            text="\n".join(self._score_lines(score, loc)),
        )

    def record_score(
        self,
        content: str,
        profile: str | None = None,
        day: dt.date | None = None,
        locale: str | None = None,
    ) -> Reply:
        """Store a pasted page or JSON as the profile's score for *day* (default today, UTC)."""
        loc = self._locale(locale)
        who = self._profile(profile)
        score = self._parse(content)
        source = "json" if content.lstrip().startswith(("{", "[")) else "page"
        snapshot = Snapshot(
            profile=who,
            day=day or _today(),
            score=score,
            captured_at=dt.datetime.now(dt.UTC),
            source=f"mcp-{source}",
        )
        with self._store() as store:
            stored = store.put(snapshot)
        key = "mcp.recorded" if stored else "mcp.kept"
        return Reply(
            data={
                "profile": who,
                "day": snapshot.day.isoformat(),
                "stored": stored,
                "score": score.to_dict(),
                "tier": self._tier_data(score, loc),
            },
            text="\n".join(
                [
                    message(
                        loc,
                        key,
                        profile=safe_line(who),
                        day=snapshot.day.isoformat(),
                        total=_num(loc, score.overall),
                    ),
                    *self._score_lines(score, loc),
                ]
            ),
        )

    def score_history(
        self,
        profile: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        target: float | None = None,
        locale: str | None = None,
    ) -> Reply:
        """A profile's snapshots with week-over-week changes, drop alerts, streak and notes."""
        loc = self._locale(locale)
        who = self._profile(profile)
        target = self._target(target)
        if since and until and since > until:
            raise AnalysisError(f"expected since on or before until, found {since} > {until}")
        with self._store() as store:
            snapshots = list(store.history(who, since=since, until=until))
            notes = list(store.notes(who, since=since, until=until))
            if not snapshots and not notes and who not in (known := store.profiles()):
                raise AnalysisError(
                    f"expected a profile with recorded scores, found no {who!r} in the store "
                    f"(profiles: {', '.join(known) or 'none yet'})"
                )
        weekly = ssi_index.changes(snapshots, period="week", notes=notes)
        alerts = ssi_index.drop_alerts(snapshots)
        improving = ssi_index.streak(snapshots)
        held = None if target is None else ssi_index.streak(snapshots, target=target)
        outlook = None if target is None else ssi_index.forecast(snapshots, target)
        data = {
            "profile": who,
            "snapshots": [
                {
                    "day": s.day.isoformat(),
                    "overall": s.score.overall,
                    "pillars": s.score.pillars.to_dict(),
                    "source": s.source,
                }
                for s in snapshots
            ],
            "weekly_changes": [c.summary() for c in weekly],
            "alerts": [
                {
                    "day": a.day.isoformat(),
                    "drop": a.drop,
                    "likely_recalculation": a.likely_recalculation,
                }
                for a in alerts
            ],
            "streak": unstructure(improving),
            "target_streak": None if held is None else unstructure(held),
            "forecast": None if outlook is None else _forecast(outlook),
            "notes": [n.to_dict() for n in notes],
        }
        return Reply(data=data, text="\n".join(self._history_lines(who, data, loc)))

    def _history_lines(self, who: str, data: dict[str, Any], loc: str) -> list[str]:
        words = texts(loc)
        snaps = data["snapshots"]
        if not snaps:
            return [message(loc, "mcp.history_empty", profile=safe_line(who))]
        lines = [
            message(
                loc,
                "mcp.history",
                profile=safe_line(who),
                count=plural(loc, "mcp.snapshots", len(snaps)),
                first=snaps[0]["day"],
                last=snaps[-1]["day"],
                total=_num(loc, snaps[-1]["overall"]),
            )
        ]
        for change in data["weekly_changes"][-4:]:
            moved = change["moved_most"]
            lines.append(
                message(
                    loc,
                    "mcp.week",
                    day=change["to"],
                    change=format_number(loc, change["total"], 1, sign=True),
                    pillar="—" if moved is None else words.pillar(Pillar(moved)),
                )
            )
        for alert in data["alerts"]:
            key = "mcp.drop_recalculation" if alert["likely_recalculation"] else "mcp.drop"
            lines.append(message(loc, key, day=alert["day"], points=_num(loc, alert["drop"])))
        streak = data["streak"]
        lines.append(
            message(
                loc,
                "mcp.streak",
                weeks=streak["weeks"],
                longest=streak["longest"],
            )
        )
        for note in data["notes"]:
            lines.append(message(loc, "mcp.note", day=note["day"], text=safe_line(note["text"])))
        return lines

    def recommendations(
        self,
        profile: str | None = None,
        content: str = "",
        goal: str | None = None,
        target: float | None = None,
        top: int = 3,
        locale: str | None = None,
    ) -> Reply:
        """Ranked advice for the profile's latest score, or for a pasted page or JSON."""
        loc = self._locale(locale)
        day: dt.date | None = None
        who: str | None = None
        history: Sequence[Snapshot] = ()
        if content:
            score = self._parse(content)
        else:
            who = self._profile(profile)
            with self._store() as store:
                latest = self._latest(store, who)
                history = list(store.history(who))
            score, day = latest.score, latest.day
        advice = ssi_index.recommend(
            score,
            goal=self._goal(goal),
            target=self._target(target),
            locale=loc,
            history=history,
        )
        chosen = advice[:top]
        lines = [*self._score_lines(score, loc)[:1], message(loc, "mcp.advice_title")]
        for i, rec in enumerate(chosen, 1):
            lines.append(f"{i}. {rec.title}")
            lines += [f"   - {action}" for action in rec.actions]
        return Reply(
            data={
                "profile": who,
                "day": None if day is None else day.isoformat(),
                "score": score.to_dict(),
                "recommendations": [unstructure(r) for r in chosen],
            },
            text="\n".join(lines),
        )

    def _score_and_history(
        self, profile: str | None, content: str
    ) -> tuple[Score, list[Snapshot], str | None]:
        """The pasted score (no history), or the profile's latest and the snapshots before it."""
        if content:
            return self._parse(content), [], None
        who = self._profile(profile)
        with self._store() as store:
            latest = self._latest(store, who)
            history = [s for s in store.history(who) if s.day < latest.day]
        return latest.score, history, who

    def weekly_report(
        self,
        profile: str | None = None,
        goal: str | None = None,
        target: float | None = None,
        locale: str | None = None,
    ) -> Reply:
        """The profile's week: what moved, against what, streak, pace, focus and notes."""
        loc = self._locale(locale)
        who = self._profile(profile)
        today = _today()
        with self._store() as store:
            self._latest(store, who)
            snapshots = store.history(who, until=today)
            notes = store.notes(who, until=today)
            done = store.activities(who, until=today) or None
        report = ssi_index.weekly_report(
            snapshots,
            notes=notes,
            activities=done,
            goal=self._goal(goal),
            target=self._target(target),
            locale=loc,
            today=today,
        )
        return Reply(data={"profile": who, **report.to_dict()}, text=report.to_text())

    def roadmap(
        self,
        profile: str | None = None,
        content: str = "",
        target: float | None = None,
        goal: str | None = None,
        weeks: int | None = None,
        locale: str | None = None,
    ) -> Reply:
        """Weekly milestones from the latest (or a pasted) score to the target."""
        loc = self._locale(locale)
        score, history, who = self._score_and_history(profile, content)
        plan = ssi_index.roadmap(
            score,
            self._target(target),
            goal=self._goal(goal),
            weeks=weeks,
            start=_today(),
            history=history,
            locale=loc,
        )
        return Reply(data={"profile": who, **plan.to_dict()}, text=plan.to_text())

    def focus(
        self,
        profile: str | None = None,
        content: str = "",
        goal: str | None = None,
        target: float | None = None,
        locale: str | None = None,
    ) -> Reply:
        """This week's one to three actions, each with a number and a cadence."""
        loc = self._locale(locale)
        score, history, who = self._score_and_history(profile, content)
        plan = ssi_index.focus(
            score,
            goal=self._goal(goal),
            history=history,
            locale=loc,
            start=_today(),
            target=self._target(target),
        )
        return Reply(data={"profile": who, **plan.to_dict()}, text=plan.to_text())

    def team_leaderboard(self, team: str, floor: int = 10, locale: str | None = None) -> Reply:
        """A team's members ranked by their latest total; refused below the privacy floor."""
        loc = self._locale(locale)
        with self._store() as store:
            board = ssi_index.leaderboard(store, team, floor=floor)
        words = texts(loc)
        lines = [
            message(
                loc,
                "mcp.leaderboard",
                team=safe_line(board.team),
                count=plural(loc, "mcp.members", board.size),
                average=_num(loc, board.average),
            )
        ]
        lines += [
            message(
                loc,
                "mcp.leaderboard_row",
                rank=row.rank,
                profile=safe_line(row.profile),
                total=_num(loc, row.overall),
                day=row.day.isoformat(),
            )
            for row in board.rows
        ]
        lines.append(
            message(
                loc,
                "mcp.team_pillars",
                pillars="; ".join(
                    f"{words.pillar(p)} {_num(loc, v)}" for p, v in board.pillars.items()
                ),
            )
        )
        if board.missing:
            lines.append(
                message(loc, "mcp.no_score_yet", profiles=", ".join(map(safe_line, board.missing)))
            )
        data = unstructure(board)
        data["size"] = board.size
        return Reply(data=data, text="\n".join(lines))

    def import_history(
        self,
        paths: Sequence[str],
        profile: str | None = None,
        format: str | None = None,
        dry_run: bool = False,
        locale: str | None = None,
    ) -> Reply:
        """Import score history from other tools' files (or ssi-index's own export)."""
        loc = self._locale(locale)
        who = self._profile(profile)
        sources = [Path(p).expanduser() for p in paths]
        with self._store() as store:
            reports = [
                ssi_index.import_history(
                    source, store, who, format=format, dry_run=dry_run, locale=loc
                )
                for source in sources
            ]
        lines: list[str] = []
        for report in reports:
            lines.append(
                message(
                    loc,
                    "mcp.import_dry" if report.dry_run else "mcp.imported",
                    source=safe_line(report.source),
                    format=report.format,
                    added=report.added,
                    replaced=report.replaced,
                    unchanged=report.unchanged,
                    refused=len(report.refused),
                )
            )
            for refusal in report.refused[:_SHOWN_REFUSALS]:
                lines.append(f"  - {safe_line(refusal.where)}: {safe_line(refusal.reason)}")
            if len(report.refused) > _SHOWN_REFUSALS:
                more = len(report.refused) - _SHOWN_REFUSALS
                lines.append(f"  - {message(loc, 'mcp.import_more', count=more)}")
            lines += [f"  {safe_line(note)}" for note in report.notes]
            if report.privacy_note:
                lines.append(f"  {safe_line(report.privacy_note)}")
        return Reply(
            data={"profile": who, "reports": [r.to_dict() for r in reports]},
            text="\n".join(lines),
        )

    def add_note(
        self,
        text: str,
        profile: str | None = None,
        day: dt.date | None = None,
        pillar: str | None = None,
        locale: str | None = None,
    ) -> Reply:
        """Write down what the member did on a day, beside the score."""
        loc = self._locale(locale)
        note = Note(profile=self._profile(profile), day=day or _today(), text=text, pillar=pillar)
        with self._store() as store:
            store.add_note(note)
        return Reply(
            data=note.to_dict(),
            text=message(
                loc,
                "mcp.noted",
                profile=safe_line(note.profile),
                day=note.day.isoformat(),
                text=safe_line(note.text),
            ),
        )


def _forecast(outlook: ssi_index.Forecast) -> dict[str, Any]:
    return {
        "status": outlook.status.value,
        "target": outlook.target,
        "day": None if outlook.day is None else outlook.day.isoformat(),
        "pace": outlook.pace,
        "points": outlook.points,
    }
