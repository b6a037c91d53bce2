"""Many invitations in a week: what the activity log says about bulk outreach.

The mass-invitation caution (``caution.mass_invites``) ranks near the top when the
user's own data calls for it: finding people rose sharply within a week, or the
activity log shows many invitations sent in one week. :data:`MANY_INVITATIONS` is
ssi-index's own estimate of "many": five times the most personal invitations this
week's focus ever asks for (20, ``data/focus.toml``), the point where invitations can
no longer each be chosen and written by hand. No source gives a number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final

import attrs

from ssi_index._activity import Activity, ActivityKind

__all__ = ["MANY_INVITATIONS", "RECENT_WEEKS", "InvitationWeek", "busiest_invitation_week"]

MANY_INVITATIONS: Final = 100
"""Invitations sent in one week from which the mass-invitation caution ranks near the top
(ssi-index's own estimate; see the module documentation)."""
RECENT_WEEKS: Final = 4
"""How many weeks back, from the newest activity, :func:`busiest_invitation_week` looks."""


@attrs.frozen(kw_only=True)
class InvitationWeek:
    """The recent week with the most invitations sent.

    Attributes:
        week: The Monday of that week.
        count: The invitations sent in it.
    """

    week: dt.date
    count: int

    @property
    def many(self) -> bool:
        """Whether the count reaches :data:`MANY_INVITATIONS`."""
        return self.count >= MANY_INVITATIONS


def busiest_invitation_week(activities: Iterable[Activity]) -> InvitationWeek | None:
    """The week (Monday to Sunday) with the most invitations sent, of the recent weeks.

    Looks at the :data:`RECENT_WEEKS` calendar weeks up to the newest activity of any
    kind (older bursts no longer call for the caution). ``None`` when no invitation
    was recorded in them (unknown is not 0: no log, no answer).

    Args:
        activities: One profile's activities (e.g. ``store.activities("me")``).
    """
    items = tuple(activities)
    if not items:
        return None
    newest = max(a.day for a in items)
    last_monday = newest - dt.timedelta(days=newest.weekday())
    first = last_monday - dt.timedelta(weeks=RECENT_WEEKS - 1)
    weeks: dict[dt.date, int] = {}
    for a in items:
        if a.kind is ActivityKind.INVITATION_SENT and a.day >= first:
            monday = a.day - dt.timedelta(days=a.day.weekday())
            weeks[monday] = weeks.get(monday, 0) + a.count
    if not weeks:
        return None
    week, count = max(weeks.items(), key=lambda kv: (kv[1], kv[0]))
    return InvitationWeek(week=week, count=count)
