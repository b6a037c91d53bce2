"""What every backend shares: the replacement rule and argument checks."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Container, Iterable
from typing import Final

from ssi_index._errors import StorageError
from ssi_index._gc import no_gc_pauses
from ssi_index._snapshot import Note, Snapshot

__all__ = [
    "INT64_MAX",
    "MAX_PROFILE_LENGTH",
    "MAX_TIMEOUT",
    "Key",
    "check_day",
    "check_note",
    "check_profile",
    "check_profiles",
    "check_range",
    "check_snapshots",
    "check_team",
    "check_text",
    "check_timeout",
    "no_gc_pauses",
    "redact",
    "replaces",
    "resolve",
    "settle",
]

Key = tuple[str, dt.date]
"""One snapshot's identity in a store: ``(profile, day)``."""

MAX_PROFILE_LENGTH: Final = 256
"""The longest profile id or team name every backend accepts, in characters."""
INT64_MAX: Final = 2**63 - 1
"""The largest group size every backend holds."""
MAX_TIMEOUT: Final = 86_400.0
"""The longest wait a store accepts for a lock or a server, in seconds (a day)."""

# C0 and C1 control characters (NUL included) and lone surrogates: refused in ids.
_CONTROL: Final = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# In free text (sources, notes, group names) only what no backend can hold is refused.
_UNSTORABLE: Final = re.compile("[\x00\ud800-\udfff]")


# A password in a URL's user part, a query parameter or a libpq key=value pair.
# Linear: each alternative is one pass over characters it cannot backtrack into.
_PASSWORD: Final = re.compile(
    r"(?P<url>://[^:/@\s]*:)[^@\s]*@"
    r"|(?P<key>password\s*=\s*)(?:'(?:[^'\\]|\\.)*'?|[^\s&]*)",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    """Return *text* with every password of a URL or a libpq key=value string replaced by ***."""

    def hide(match: re.Match[str]) -> str:
        if match.group("url") is not None:
            return f"{match.group('url')}***@"
        return f"{match.group('key')}***"

    return _PASSWORD.sub(hide, text)


def _describe_char(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate (U+{code:04X})"
    return f"the control character U+{code:04X}"


def replaces(current: Snapshot | None, new: Snapshot) -> bool:
    """Whether putting *new* over *current* (same profile and day) writes it.

    A later put replaces the stored snapshot unless the stored one was captured
    later (a known capture time beats ``None``); an equal snapshot changes nothing.
    """
    if current is None:
        return True
    kept = current.captured_at
    if kept is not None and (new.captured_at is None or kept > new.captured_at):
        return False
    return new != current


def resolve(stored: Snapshot | None, chain: Iterable[Snapshot]) -> tuple[Snapshot | None, int]:
    """Apply :func:`replaces` to *chain* in order, starting from *stored*.

    Returns:
        The snapshot that ends up stored, and how many puts of *chain* wrote.
    """
    current = stored
    written = 0
    for new in chain:
        if replaces(current, new):
            current = new
            written += 1
    return current, written


def settle(chain: list[Snapshot]) -> tuple[Snapshot, int]:
    """:func:`resolve` from an empty slot: the snapshot that ends up stored, and the writes."""
    if len(chain) == 1:  # the usual case, kept quick for large batches
        return chain[0], 1
    current = chain[0]
    written = 1
    for new in chain[1:]:
        if replaces(current, new):
            current = new
            written += 1
    return current, written


def check_snapshots(
    snapshots: Iterable[Snapshot], known: Container[str] = ()
) -> dict[Key, list[Snapshot]]:
    """Group a batch by ``(profile, day)`` in order, refusing anything but snapshots.

    Args:
        snapshots: The batch.
        known: Profile ids that passed :func:`check_profile` before (the id rule
            depends on the text alone, so they pass again): a store's own ids.
    """
    if isinstance(snapshots, Snapshot):
        raise StorageError(
            "put_many: expected an iterable of Snapshot, found one Snapshot; use put()"
        )
    by_key: dict[Key, list[Snapshot]] = {}
    good: set[str | None] = set()  # profiles and sources already checked
    # Group tuples already checked, by id(): safe, as by_key keeps every snapshot alive.
    checked: set[int] = set()
    for i, snapshot in enumerate(snapshots):
        if not isinstance(snapshot, Snapshot):
            raise StorageError(
                f"put_many: item {i}: expected a Snapshot, found {type(snapshot).__name__}"
            )
        profile, source, groups = snapshot.profile, snapshot.source, snapshot.score.groups
        if profile not in good:
            if profile not in known:
                check_profile(profile)
            good.add(profile)
        if source not in good:
            check_text(source, f"{profile} {snapshot.day}: source")
            good.add(source)
        if groups and id(groups) not in checked:
            for n, group in enumerate(groups):
                kind, name, size = group.kind, group.name, group.size
                if kind not in good:
                    check_text(kind, f"{profile} {snapshot.day}: groups[{n}].kind")
                    good.add(kind)
                if name not in good:
                    check_text(name, f"{profile} {snapshot.day}: groups[{n}].name")
                    good.add(name)
                if size is not None and size > INT64_MAX:
                    raise StorageError(
                        f"{profile} {snapshot.day}: groups[{n}].size: expected at most "
                        f"{INT64_MAX}, found {size}"
                    )
            checked.add(id(groups))
        key = (profile, snapshot.day)
        chain = by_key.get(key)
        if chain is None:
            by_key[key] = [snapshot]
        else:
            chain.append(snapshot)
    return by_key


def check_note(note: Note) -> Note:
    """Return *note*, or raise :class:`StorageError` if it is not a :class:`Note`."""
    if not isinstance(note, Note):
        raise StorageError(f"add_note: expected a Note, found {type(note).__name__}")
    check_profile(note.profile)
    check_text(note.text, f"note of {note.profile} on {note.day}")
    return note


def check_profile(profile: str, what: str = "profile id") -> str:
    """Return *profile*, or raise :class:`StorageError` if it breaks the id rule.

    The rule every backend keeps for profile ids and team names: a string that
    is not blank, at most :data:`MAX_PROFILE_LENGTH` characters long, without
    control characters (U+0000-U+001F, U+007F-U+009F) and without lone surrogates.
    """
    if not isinstance(profile, str) or not profile.strip():
        raise StorageError(
            f"expected a non-empty {what}, found {profile!r}",
            key=f"store.{what.replace(' ', '_')}.empty",
            params={"found": repr(profile)},
        )
    if len(profile) > MAX_PROFILE_LENGTH:
        raise StorageError(
            f"expected a {what} of at most {MAX_PROFILE_LENGTH} characters, "
            f"found one of {len(profile)} starting {profile[:20]!r}",
            key=f"store.{what.replace(' ', '_')}.too_long",
            params={"limit": MAX_PROFILE_LENGTH, "n": len(profile), "start": repr(profile[:20])},
        )
    bad = _CONTROL.search(profile)
    if bad is not None:
        raise StorageError(
            f"expected a {what} without control characters or lone surrogates, "
            f"found {_describe_char(bad.group())} at position {bad.start()} in {profile!r}",
            key=f"store.{what.replace(' ', '_')}.control",
            params={
                "char": f"U+{ord(bad.group()):04X}",
                "position": bad.start(),
                "found": repr(profile),
            },
        )
    return profile


def check_text(text: str | None, what: str) -> str | None:
    """Return *text*, or raise :class:`StorageError` if no backend can hold it (NUL, surrogates)."""
    if text is not None:
        bad = _UNSTORABLE.search(text)
        if bad is not None:
            raise StorageError(
                f"{what}: expected text without NUL or lone surrogates, "
                f"found {_describe_char(bad.group())} at position {bad.start()}",
                key="store.unstorable_text",
                params={
                    "what": what,
                    "char": f"U+{ord(bad.group()):04X}",
                    "position": bad.start(),
                },
            )
    return text


def check_timeout(value: object, what: str = "timeout") -> float:
    """Return *value* as seconds, or raise :class:`StorageError` unless 0 to :data:`MAX_TIMEOUT`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise StorageError(
            f"{what}: expected seconds as a number, found {value!r}",
            key="store.timeout_type",
            params={"what": what, "found": repr(value)},
        )
    seconds = float(value)
    if not math.isfinite(seconds) or not 0 <= seconds <= MAX_TIMEOUT:
        raise StorageError(
            f"{what}: expected a finite number of seconds from 0 to {MAX_TIMEOUT:g}, "
            f"found {value!r}",
            key="store.timeout_range",
            params={"what": what, "limit": f"{MAX_TIMEOUT:g}", "found": repr(value)},
        )
    return seconds


def check_profiles(profiles: Iterable[str] | None) -> list[str] | None:
    """Return the distinct profile ids asked for, sorted, or ``None`` for all of them."""
    if profiles is None:
        return None
    if isinstance(profiles, str):
        raise StorageError(
            f"latest: expected an iterable of profile ids, found the single string {profiles!r}; "
            "wrap it in a list"
        )
    return sorted({check_profile(p) for p in profiles})


def check_team(team: str | None) -> str | None:
    """Return *team*, or raise :class:`StorageError` if it is neither ``None`` nor a name.

    A team name follows the same rule as a profile id (:func:`check_profile`).
    """
    if team is not None:
        check_profile(team, "team name")
    return team


def check_day(day: dt.date) -> dt.date:
    """Return *day*, or raise :class:`StorageError` if it is not a date."""
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise StorageError(f"expected a date, found {type(day).__name__} {day!r}")
    return day


def check_range(since: dt.date | None, until: dt.date | None) -> tuple[dt.date, dt.date]:
    """Return inclusive day bounds, open ends becoming the smallest and largest dates."""
    for name, value in (("since", since), ("until", until)):
        if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
            raise StorageError(f"{name}: expected a date or None, found {value!r}")
    return (since or dt.date.min, until or dt.date.max)
