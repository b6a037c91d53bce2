"""Activity history: how many of each kind of action a profile took on one day.

Only counts are kept: never names, message texts, URLs or e-mail addresses.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from ._dicts import DictMixin
from ._errors import InvalidScoreError
from ._snapshot import _day, _profile

__all__ = ["Activity", "ActivityKind"]


class ActivityKind(enum.Enum):
    """A kind of LinkedIn action that ssi-index counts per day.

    Things given rather than received (endorsements, recommendations written for
    others), drafts and courses started but not completed are not counted.
    """

    INVITATION_SENT = "invitation_sent"
    INVITATION_RECEIVED = "invitation_received"
    CONNECTION_ADDED = "connection_added"
    MESSAGE_SENT = "message_sent"
    MESSAGE_RECEIVED = "message_received"
    POST = "post"
    REPOST = "repost"
    ARTICLE = "article"
    COMMENT = "comment"
    REACTION = "reaction"
    POLL_VOTE = "poll_vote"
    SEARCH = "search"
    ENDORSEMENT_RECEIVED = "endorsement_received"
    RECOMMENDATION_RECEIVED = "recommendation_received"
    COMPANY_FOLLOWED = "company_followed"
    MEMBER_FOLLOWED = "member_followed"
    COURSE_COMPLETED = "course_completed"


def _to_kind(value: object) -> object:
    if isinstance(value, str) and not isinstance(value, ActivityKind):
        try:
            return ActivityKind(value.strip().lower())
        except ValueError:
            known = ", ".join(k.value for k in ActivityKind)
            raise InvalidScoreError(f"kind: expected one of {known}; found {value!r}") from None
    return value


def _kind(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, ActivityKind):
        raise InvalidScoreError(f"kind: expected an ActivityKind, found {value!r}")


def _count(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidScoreError(f"count: expected a whole number of 0 or more, found {value!r}")


def _source(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidScoreError(f"source: expected a non-empty source name, found {value!r}")


@attrs.frozen(kw_only=True)
class Activity(DictMixin):
    """How many actions of one kind a profile took on one UTC day.

    A store keeps one count per profile, day, kind and source; writing the same
    key again replaces the count (a later archive never adds to an earlier one).

    Attributes:
        profile: The profile id, as for :class:`~ssi_index.Snapshot`.
        day: The UTC day.
        kind: What was done.
        count: How many times (0 or more).
        source: Where the count comes from: ``"linkedin-export"`` or ``"manual"``.

    Example:
        >>> import datetime as dt
        >>> Activity(profile="me", day=dt.date(2026, 11, 30), kind="comment", count=5,
        ...          source="manual").kind
        <ActivityKind.COMMENT: 'comment'>
    """

    profile: str = attrs.field(validator=_profile)
    day: dt.date = attrs.field(validator=_day)
    kind: ActivityKind = attrs.field(converter=_to_kind, validator=_kind)
    count: int = attrs.field(validator=_count)
    source: str = attrs.field(validator=_source)
