"""History values: a :class:`Snapshot` of one profile's score on one day, and a :class:`Note`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from ._dicts import DictMixin
from ._errors import InvalidScoreError
from ._model import Pillar, Score, to_pillar

__all__ = ["Note", "Snapshot"]


def _profile(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidScoreError(
            f"{attribute.name}: expected a non-empty profile id, found {value!r}"
        )


def _day(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidScoreError(
            f"{attribute.name}: expected a date (not a datetime), "
            f"found {type(value).__name__} {value!r}"
        )


def _utc(value: object) -> object:
    """Normalise an aware datetime to UTC; leave anything else for the validator."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC)
    return value


def _captured_at(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        raise InvalidScoreError(
            f"{attribute.name}: expected a timezone-aware datetime or None, found {value!r}"
        )


def _optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise InvalidScoreError(f"{attribute.name}: expected text or None, found {value!r}")


def _score(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Score):
        raise InvalidScoreError(f"score: expected a Score, found {type(value).__name__}")


@attrs.frozen(kw_only=True)
class Snapshot(DictMixin):
    """One profile's score on one UTC day: the unit of score history.

    A store keeps at most one snapshot per profile and day.

    Attributes:
        profile: An id the caller chooses (an email, a LinkedIn vanity name, "me").
        day: The UTC day the score is for.
        score: The score.
        captured_at: When it was captured (timezone-aware, kept in UTC), if known.
            Of two snapshots for the same day, the newer capture wins.
        source: Where it came from, e.g. ``"api"``, ``"page-2026"``, ``"manual"``.
    """

    profile: str = attrs.field(validator=_profile)
    day: dt.date = attrs.field(validator=_day)
    score: Score = attrs.field(validator=_score)
    captured_at: dt.datetime | None = attrs.field(
        default=None, converter=_utc, validator=_captured_at
    )
    source: str | None = attrs.field(default=None, validator=_optional_text)


def _text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidScoreError(f"{attribute.name}: expected non-empty text, found {value!r}")


def _pillar(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, Pillar):
        raise InvalidScoreError(f"{attribute.name}: expected a Pillar or None, found {value!r}")


@attrs.frozen(kw_only=True)
class Note(DictMixin):
    """A dated note of what a member did, read beside the score's changes.

    Attributes:
        profile: The profile the note belongs to.
        day: The UTC day of the activity.
        text: What was done, e.g. ``"sent 20 personal invitations"``.
        pillar: The pillar the activity aims at, if any.
    """

    profile: str = attrs.field(validator=_profile)
    day: dt.date = attrs.field(validator=_day)
    text: str = attrs.field(validator=_text)
    pillar: Pillar | None = attrs.field(default=None, converter=to_pillar, validator=_pillar)
