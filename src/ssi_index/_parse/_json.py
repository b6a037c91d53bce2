"""LinkedIn's SSI JSON (``/sales-api/salesApiSsi``) and the wrappers proxies put around it.

The payload is walked directly, without cattrs: it is LinkedIn's shape, not
ours, and this is the hot path. Every refusal names the JSON path of the value
that broke it (``$.memberScore.subScores[2].score``)::

    {"activeSeat": false,
     "memberScore": {"overall": 41.53,
                     "subScores": [{"score": 14.2, "pillar": "PROFESSIONAL_BRAND"}, ...]},
     "groupScore": [{"groupType": "INDUSTRY", "rank": 40, "groupSize": 1200, "industry": "...",
                     "score": {"overall": 28.4, "subScores": []}}, ...]}
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any, Final

from ssi_index._errors import InvalidScoreError, ParseError, Phrase
from ssi_index._model import (
    _EPS,
    PILLAR_MAX,
    TOTAL_MAX,
    TOTAL_TOLERANCE,
    GroupScore,
    Pillar,
    PillarScores,
    Score,
)

from ._auth import check_error_payload, check_page, check_text
from ._containers import check_request_text
from ._dom import load

__all__ = ["load_json", "score_from_payload"]

_PILLARS: Final = tuple(Pillar)
_BY_NAME: Final = {p.value: i for i, p in enumerate(_PILLARS)}
_BOM: Final = "\ufeff"
_IDENTIFIER: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_GROUP_KEYS: Final = ("groupType", "rank", "groupSize", "industry")
_RANK_MAX: Final = 100
_TOTAL_KEYS: Final = ("ssi", "overall", "score", "total", "ssiScore", "totalScore")
_JSON_NUMBER: Final = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
"""JSON's own number syntax; each part is a run of one class, so matching is linear."""
_MAX_NUMBER_TEXT: Final = 32
_IMPORT_HINT: Final = (
    "a history of several days is imported, not parsed: use `ssi-index import FILE` "
    "(or ssi_index's importers) for it"
)


def _describe(value: object) -> str:
    """Name a JSON value for an error message: its JSON type and a short preview."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        keys = ", ".join(repr(str(k))[:30] for k in list(value)[:6])
        return f"an object with keys {keys}" if keys else "an empty object"
    if isinstance(value, list | tuple):
        return f"a list of {len(value)} item(s)"
    preview = _preview(value)
    if len(preview) > 40:
        preview = preview[:37] + "..."
    kind = "text" if isinstance(value, str) else type(value).__name__
    return f"{kind} {preview}"


def _found(value: object) -> Phrase | str:
    """:func:`_describe` for the translated message: the same facts, in every language."""
    if value is None or isinstance(value, bool):
        return _describe(value)  # null, true, false: JSON's own words
    if isinstance(value, Mapping):
        keys = ", ".join(repr(str(k))[:30] for k in list(value)[:6])
        return Phrase("json.object", keys=keys) if keys else Phrase("json.empty_object")
    if isinstance(value, list | tuple):
        return Phrase("json.list", len(value))
    preview = _preview(value)
    if len(preview) > 40:
        preview = preview[:37] + "..."
    if isinstance(value, str):
        return Phrase("json.text", preview=preview)
    return Phrase("json.number", kind=type(value).__name__, preview=preview)


def _preview(value: object) -> str:
    """``repr`` that stays short and never fails (huge integers cannot be printed)."""
    if isinstance(value, int) and value.bit_length() > 64:
        return "a very large integer"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _key_path(path: str, key: object) -> str:
    text = str(key)
    if _IDENTIFIER.fullmatch(text):
        return f"{path}.{text}"
    return f"{path}[{json.dumps(text, ensure_ascii=False)}]"


def load_json(data: str | bytes) -> object:
    """Decode JSON text or bytes (UTF-8, with or without a BOM).

    Raises:
        NotAuthenticatedError: the body is ``CSRF check failed.`` or a logged-out page.
        ParseError: the input is empty, cut off, not JSON, JSON Lines (a history:
            the message points to importing it) or a copied request (the message
            holds none of its text, and no exception is chained to it).
    """
    failure: json.JSONDecodeError | None = None
    try:
        if isinstance(data, bytes):
            if data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
            return json.loads(data)
        return json.loads(data[1:] if data.startswith(_BOM) else data)
    except json.JSONDecodeError as err:
        failure = err
    except UnicodeDecodeError as err:
        raise ParseError(
            f"expected JSON encoded as UTF-8, found bytes that are not UTF-8 "
            f"({err.reason} at byte {err.start})",
            path="$",
            key="json.not_utf8",
            params={"position": err.start},
        ) from err
    except ValueError as err:  # e.g. an integer with more digits than Python converts
        raise ParseError(
            f"expected LinkedIn's SSI JSON, found unreadable JSON: {err}",
            path="$",
            key="json.unreadable",
            params={"reason": str(err)},
        ) from err
    except RecursionError as err:
        raise ParseError(
            "expected LinkedIn's SSI JSON, found values nested too deeply to read",
            path="$",
            key="json.too_deep",
        ) from err
    # Outside the except clause: an error raised here has no JSONDecodeError (which
    # holds the whole input, a copied request's cookie included) as its context.
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    check_request_text(text[:200])
    _check_json_lines(text, failure)
    _refuse_text(text, failure)
    raise AssertionError("unreachable")  # pragma: no cover - _refuse_text raises


def _check_json_lines(text: str, err: json.JSONDecodeError) -> None:
    """Refuse JSON Lines (one object per line: a history) with a pointer to importing it."""
    if err.msg != "Extra data":
        return
    first, _, rest = text.lstrip(_BOM + " \t\r\n").partition("\n")
    try:
        head = json.loads(first)
        json.loads(rest.lstrip().partition("\n")[0])
    except (ValueError, RecursionError):
        return
    if isinstance(head, dict | list):
        raise ParseError(
            f"expected one SSI answer, found JSON Lines (one JSON value per line); {_IMPORT_HINT}",
            path="$",
            key="json.lines",
        ) from None


def _refuse_text(text: str, err: json.JSONDecodeError) -> None:
    stripped = text.lstrip(_BOM + " \t\r\n")
    if not stripped:
        raise ParseError(
            "expected LinkedIn's SSI JSON, found an empty input", path="$", key="json.empty"
        ) from err
    check_text(stripped[:64])
    if stripped.startswith("<"):
        root = load(text)
        if root is not None:
            check_page(root)
        raise ParseError(
            "expected LinkedIn's SSI JSON, found HTML; pass a saved page to "
            "ssi_index.parse_html() or ssi_index.parse()",
            path="$",
            key="json.html",
        ) from err
    where = f"line {err.lineno} column {err.colno}"
    cut = err.msg != "Extra data" and not stripped.rstrip().endswith(("}", "]"))
    if cut:
        found = f"it ends mid-way ({err.msg} at {where}): the copy was cut off"
    else:
        found = f"invalid JSON: {err.msg} at {where}"
    raise ParseError(
        f"expected complete JSON, found {found}",
        path="$",
        key="json.cut_off" if cut else "json.invalid",
        params={"reason": err.msg, "line": err.lineno, "column": err.colno},
    ) from err


def _from_string(value: object) -> object:
    """A number sent as a string (``"13.4"``) as the number; anything else unchanged.

    Only the JSON number syntax counts (``"13.4"``, ``"25"``, ``"2.6e1"``): not
    ``"13,4"``, ``" 13.4"``, ``"NaN"`` or ``"0x10"``, which stay text and are refused.
    """
    if type(value) is str and len(value) <= _MAX_NUMBER_TEXT and _JSON_NUMBER.fullmatch(value):
        return float(value)
    return value


def _number(value: object, path: str, key: str, high: float) -> float:
    """Return *value* (at ``path + key``) as a float in ``[0, high]``.

    A number sent as a string (``"13.4"``) counts as the number (see
    :func:`_from_string`).

    Raises:
        ParseError: not a finite number.
        InvalidScoreError: out of range.
    """
    value = _from_string(value)
    if type(value) is float:  # the common case first; paths are only built on error
        if -_EPS <= value <= high + _EPS:
            return value
        if not math.isfinite(value):
            where = path + key
            raise ParseError(
                f"{where}: expected a finite number, found {value!r}",
                path=where,
                key="json.not_finite",
                params={"where": where, "found": repr(value)},
            )
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            where = path + key
            raise ParseError(
                f"{where}: expected a finite number, found {value!r}",
                path=where,
                key="json.not_finite",
                params={"where": where, "found": repr(value)},
            )
        if 0 <= value <= high + _EPS:
            return float(value)
    else:
        where = path + key
        raise ParseError(
            f"{where}: expected a number, found {_describe(value)}",
            path=where,
            key="json.not_number",
            params={"where": where, "found": _found(value)},
        )
    raise InvalidScoreError(
        f"{path}{key}: expected a number from 0 to {high:g}, found {_preview(value)}",
        key="json.out_of_range",
        params={"where": path + key, "high": f"{high:g}", "found": _preview(value)},
    )


def _whole(value: object, path: str, key: str, high: int | None) -> int | None:
    """Return *value* as an int in ``[0, high]``, ``None`` for null/absent ("40" counts as 40)."""
    value = _from_string(value)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        where = path + key
        raise ParseError(
            f"{where}: expected a whole number, found {_describe(value)}",
            path=where,
            key="json.not_whole",
            params={"where": where, "found": _found(value)},
        )
    if number < 0 or (high is not None and number > high):
        bound = f"0 to {high}" if high is not None else "0 or more"
        raise InvalidScoreError(
            f"{path}{key}: expected a whole number from {bound}, found {_preview(value)}",
            key="json.whole_out_of_range" if high is not None else "json.negative",
            params={"where": path + key, "high": high or 0, "found": _preview(value)},
        )
    return number


def _text(value: object, path: str, key: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    where = path + key
    raise ParseError(
        f"{where}: expected text, found {_describe(value)}",
        path=where,
        key="json.not_text",
        params={"where": where, "found": _found(value)},
    )


def _pillars_fast(items: object) -> list[float] | None:
    """Four float scores from well-formed ``subScores``, or ``None`` to take the careful way."""
    if type(items) is not list or len(items) != len(_PILLARS):
        return None
    values: list[float] = [-1.0, -1.0, -1.0, -1.0]
    for i, item in enumerate(items):
        if type(item) is not dict:
            return None
        name = item.get("pillar")
        index = i if name is None else (_BY_NAME.get(name) if type(name) is str else None)
        score = item.get("score")
        if (
            index is None
            or values[index] != -1.0
            or type(score) is not float
            or not -_EPS <= score <= PILLAR_MAX + _EPS
        ):
            return None
        values[index] = score
    return values


def _pillars(items: object, path: str) -> PillarScores:
    """Read ``subScores``: four ``{score, pillar}`` items, keyed by ``pillar`` or in order."""
    fast = _pillars_fast(items)
    if fast is not None:
        return PillarScores(fast)
    if not isinstance(items, list):
        raise ParseError(
            f"{path}: expected a list of four {{score, pillar}} objects, found {_describe(items)}",
            path=path,
            key="json.pillars_not_list",
            params={"where": path, "found": _found(items)},
        )
    values: list[float | None] = [None, None, None, None]
    for i, item in enumerate(items):
        item_path = f"{path}[{i}]"
        if not isinstance(item, Mapping):
            raise ParseError(
                f"{item_path}: expected an object with score and pillar, found {_describe(item)}",
                path=item_path,
                key="json.pillar_not_object",
                params={"where": item_path, "found": _found(item)},
            )
        name = item.get("pillar")
        if name is None:
            if i >= len(values):
                raise ParseError(
                    f"{item_path}: expected at most four pillar scores, found {len(items)}",
                    path=item_path,
                    key="json.too_many_pillars",
                    params={"where": item_path, "n": len(items)},
                )
            index = i
        else:
            index_or_none = _BY_NAME.get(name) if isinstance(name, str) else None
            if index_or_none is None:
                names = ", ".join(_BY_NAME)
                raise ParseError(
                    f"{item_path}.pillar: expected one of {names}, found {_describe(name)}",
                    path=f"{item_path}.pillar",
                    key="json.unknown_pillar",
                    params={
                        "where": f"{item_path}.pillar",
                        "names": tuple(_BY_NAME),
                        "found": _found(name),
                    },
                )
            index = index_or_none
        if values[index] is not None:
            raise ParseError(
                f"{item_path}: expected each pillar once, found {_PILLARS[index].value} again",
                path=item_path,
                key="json.pillar_twice",
                params={"where": item_path, "pillar": _PILLARS[index].value},
            )
        if "score" not in item:
            where = f"{item_path}.score"
            raise ParseError(
                f"{where}: expected a number, found nothing",
                path=where,
                key="json.no_score",
                params={"where": where},
            )
        values[index] = _number(item["score"], item_path, ".score", PILLAR_MAX)
    missing = [p.value for p, v in zip(_PILLARS, values, strict=True) if v is None]
    if missing:
        raise ParseError(
            f"{path}: expected all four pillars, found {4 - len(missing)}; "
            f"missing: {', '.join(missing)}",
            path=path,
            key="json.missing_pillars",
            params={"where": path, "n": 4 - len(missing), "missing": tuple(missing)},
        )
    return PillarScores(values)  # type: ignore[arg-type]  # no None left


def _group(item: object, path: str) -> GroupScore:
    if type(item) is dict:  # the common case: plain values of the right types
        score = item.get("score")
        kind, rank, size, name = (item.get(k) for k in _GROUP_KEYS)
        if (
            type(score) is dict
            and (kind is None or type(kind) is str)
            and (name is None or type(name) is str)
            and (rank is None or (type(rank) is int and 0 <= rank <= _RANK_MAX))
            and (size is None or (type(size) is int and size >= 0))
            and not score.get("subScores")
        ):
            mean = score.get("overall")
            return GroupScore(
                kind=kind,
                rank=rank,
                average=None if mean is None else _number(mean, path, ".score.overall", TOTAL_MAX),
                size=size,
                name=name,
            )
    if not isinstance(item, Mapping):
        raise ParseError(
            f"{path}: expected a group object (groupType, rank, score), found {_describe(item)}",
            path=path,
            key="json.group_not_object",
            params={"where": path, "found": _found(item)},
        )
    average: float | None = None
    pillars: PillarScores | None = None
    score = item.get("score")
    if score is not None:
        if not isinstance(score, Mapping):
            where = f"{path}.score"
            raise ParseError(
                f"{where}: expected an object with overall and subScores, found {_describe(score)}",
                path=where,
                key="json.score_not_object",
                params={"where": where, "found": _found(score)},
            )
        overall = score.get("overall")
        if overall is not None:
            average = _number(overall, path, ".score.overall", TOTAL_MAX)
        sub = score.get("subScores")
        if sub is not None and sub != []:
            pillars = _pillars(sub, f"{path}.score.subScores")
    return GroupScore(
        kind=_text(item.get("groupType"), path, ".groupType"),
        rank=_whole(item.get("rank"), path, ".rank", _RANK_MAX),
        average=average,
        size=_whole(item.get("groupSize"), path, ".groupSize", None),
        name=_text(item.get("industry"), path, ".industry"),
        pillars=pillars,
    )


def _unwrap(payload: Mapping[Any, Any], path: str) -> tuple[Mapping[Any, Any], str]:
    """Find the SSI object one level down in a proxy's wrapper, or refuse clearly."""
    inner = [
        (key, value)
        for key, value in payload.items()
        if isinstance(value, Mapping) and "memberScore" in value
    ]
    if len(inner) == 1:
        key, value = inner[0]
        return value, _key_path(path, key)
    if len(inner) > 1:
        where = " and ".join(_key_path(path, key) for key, _ in inner)
        raise ParseError(
            f"expected one SSI object in the wrapper, found several: {where}", path=path
        )
    check_error_payload(payload)
    for value in payload.values():
        if isinstance(value, Mapping):
            check_error_payload(value)
    status = payload.get("status")
    if isinstance(status, int) and not isinstance(status, bool) and status >= 400:
        detail = payload.get("message") or payload.get("code") or ""
        raise ParseError(
            f"expected LinkedIn's SSI JSON, found LinkedIn's error answer with status "
            f"{status} {detail}".rstrip(),
            path=f"{path}.status",
            key="json.error_answer",
            params={"status": f"{status} {detail}".rstrip()},
        )
    for key in _TOTAL_KEYS:
        total = payload.get(key)
        if isinstance(total, int | float) and not isinstance(total, bool):
            raise ParseError(
                f"expected the four pillar scores at {path}.memberScore.subScores, found only "
                f"a total ({key} = {_preview(total)}): the pillars are missing, so no Score can be "
                "built; copy the salesApiSsi JSON itself instead of this summary",
                path=f"{path}.memberScore.subScores",
                key="json.only_total",
                params={
                    "where": f"{path}.memberScore.subScores",
                    "total": f"{key} = {_preview(total)}",
                },
            )
    raise ParseError(
        f"expected LinkedIn's SSI JSON with a memberScore object at {path}.memberScore "
        f"(or one level down, like {path}.data.memberScore), found {_describe(payload)}",
        path=f"{path}.memberScore",
        key="json.no_member_score",
        params={
            "where": f"{path}.memberScore",
            "below": f"{path}.data.memberScore",
            "found": _found(payload),
        },
    )


def score_from_payload(payload: object, path: str = "$") -> Score:
    """Build a :class:`~ssi_index.Score` from decoded SSI JSON (or a one-level wrapper).

    Args:
        payload: The decoded JSON.
        path: The JSON path of *payload* inside the whole input, for messages.

    Raises:
        NotAuthenticatedError: LinkedIn's 401/403 error JSON.
        ParseError: the shape is wrong; the message and ``path`` name where.
        InvalidScoreError: values break the score's rules; the message names where.
    """
    if not isinstance(payload, Mapping):
        hint = f"; {_IMPORT_HINT}" if isinstance(payload, list) and payload else ""
        raise ParseError(
            f"expected LinkedIn's SSI JSON object, found {_describe(payload)}{hint}",
            path=path,
            key="json.history_not_object" if hint else "json.not_object",
            params={"found": _found(payload)},
        )
    member = payload.get("memberScore")
    if member is None:
        payload, path = _unwrap(payload, path)
        member = payload["memberScore"]
    member_path = f"{path}.memberScore"
    if not isinstance(member, Mapping):
        raise ParseError(
            f"{member_path}: expected an object with overall and subScores, "
            f"found {_describe(member)}",
            path=member_path,
            key="json.score_not_object",
            params={"where": member_path, "found": _found(member)},
        )
    sub_path = f"{member_path}.subScores"
    if member.get("subScores") is None:
        raise ParseError(
            f"{sub_path}: expected the four pillar scores, found nothing: the pillars are "
            "missing, so no Score can be built",
            path=sub_path,
            key="json.no_pillars",
            params={"where": sub_path},
        )
    overall_value = member.get("overall")
    overall_path = f"{member_path}.overall"
    if overall_value is not None:
        overall = _number(overall_value, member_path, ".overall", TOTAL_MAX)
    pillars = _pillars(member["subScores"], sub_path)
    if overall_value is None:
        overall = pillars.total
    else:
        total = pillars.total
        if abs(overall - total) > TOTAL_TOLERANCE + _EPS:
            raise InvalidScoreError(
                f"{overall_path}: expected the sum of the pillars ({total:g}) within "
                f"{TOTAL_TOLERANCE:g} point, found {overall_value!r}",
                key="json.sum_mismatch",
                params={
                    "where": overall_path,
                    "total": f"{total:g}",
                    "tolerance": Phrase("json.points", TOTAL_TOLERANCE),
                    "found": repr(overall_value),
                },
            )
    groups_value = payload.get("groupScore")
    groups_path = f"{path}.groupScore"
    if groups_value is None:
        groups: tuple[GroupScore, ...] = ()
    elif isinstance(groups_value, list):
        groups = tuple(_group(g, f"{groups_path}[{i}]") for i, g in enumerate(groups_value))
    else:
        raise ParseError(
            f"{groups_path}: expected a list of groups, found {_describe(groups_value)}",
            path=groups_path,
            key="json.groups_not_list",
            params={"where": groups_path, "found": _found(groups_value)},
        )
    seat = payload.get("activeSeat")
    if seat is not None and not isinstance(seat, bool):
        seat_path = f"{path}.activeSeat"
        raise ParseError(
            f"{seat_path}: expected true or false, found {_describe(seat)}",
            path=seat_path,
            key="json.not_bool",
            params={"where": seat_path, "found": _found(seat)},
        )
    try:
        return Score(overall=overall, pillars=pillars, groups=groups, active_seat=seat)
    except InvalidScoreError as err:  # pragma: no cover - every rule is checked above
        raise InvalidScoreError(f"{err} (in {member_path})") from err
