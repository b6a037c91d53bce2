"""The one private cattrs converter behind every ``to_dict`` / ``from_dict``.

Built lazily on first use (no work at import time) with
:func:`cattrs.preconf.json.make_converter`, strict about types (``"12"`` is not
a number, ``true`` is not ``1``) and about extra keys, since the dicts it reads
are ssi-index's own. Structuring errors become :class:`~ssi_index.ParseError`
naming the path (``$.pillars.FIND_RIGHT_PEOPLE``); values that break a score's
rules stay :class:`~ssi_index.InvalidScoreError` / :class:`~ssi_index.InvalidScaleError`.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Mapping
from typing import Any, TypeVar

import cattrs
from cattrs.preconf.json import JsonConverter, make_converter

from ._errors import InvalidScaleError, InvalidScoreError, ParseError, SSIError
from ._model import PillarScores

__all__ = ["converter", "structure", "unstructure"]

T = TypeVar("T")


def _strict_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, found {type(value).__name__} {value!r}")
    return float(value)


def _strict_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, found {type(value).__name__} {value!r}")
    return value


def _strict_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {type(value).__name__} {value!r}")
    return value


def _strict_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, found {type(value).__name__} {value!r}")
    return value


def _structure_pillars(value: object, _: type) -> PillarScores:
    if not isinstance(value, Mapping):
        raise TypeError(f"expected an object of four pillars, found {type(value).__name__}")
    return PillarScores(value)


def _structure_date(value: object, _: type) -> _dt.date:
    if not isinstance(value, str):
        raise TypeError(
            f"expected an ISO date (YYYY-MM-DD), found {type(value).__name__} {value!r}"
        )
    return _dt.date.fromisoformat(value)


def _structure_datetime(value: object, _: type) -> _dt.datetime:
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO datetime, found {type(value).__name__} {value!r}")
    parsed = _dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"expected a timezone-aware ISO datetime, found {value!r}")
    return parsed


@functools.cache
def converter() -> JsonConverter:
    """Return the private converter, built on first use."""
    conv = make_converter(forbid_extra_keys=True)
    conv.register_structure_hook(float, _strict_float)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook(PillarScores, _structure_pillars)
    conv.register_unstructure_hook(PillarScores, PillarScores.to_dict)
    conv.register_structure_hook(_dt.date, _structure_date)
    conv.register_unstructure_hook(_dt.date, _dt.date.isoformat)
    conv.register_structure_hook(_dt.datetime, _structure_datetime)
    conv.register_unstructure_hook(_dt.datetime, _dt.datetime.isoformat)
    return conv


def unstructure(value: object) -> dict[str, Any]:
    """Turn an ssi-index value into a JSON-ready dict."""
    result: dict[str, Any] = converter().unstructure(value)
    return result


def _describe(exc: BaseException, type_: Any) -> str:
    """Say what was expected and found; our own hooks' messages already do."""
    if isinstance(exc, SSIError | TypeError | ValueError) and "expected" in str(exc):
        return str(exc)
    return cattrs.v.format_exception(exc, type_)


def _leaves(err: BaseException) -> list[BaseException]:
    if isinstance(err, BaseExceptionGroup):
        return [leaf for sub in err.exceptions for leaf in _leaves(sub)]
    return [err]


def structure(data: object, cls: type[T]) -> T:
    """Build *cls* from a dict, raising an :class:`~ssi_index.SSIError` that names the path."""
    name = cls.__name__
    if not isinstance(data, Mapping):
        raise ParseError(f"expected an object for {name}, found {type(data).__name__}", path="$")
    try:
        return converter().structure(data, cls)
    except (cattrs.BaseValidationError, SSIError, ValueError, TypeError, KeyError) as err:
        leaves = _leaves(err)
        for kind in (InvalidScaleError, InvalidScoreError):
            if leaves and all(isinstance(leaf, kind) for leaf in leaves):
                raise kind("; ".join(str(leaf) for leaf in leaves)) from err
        if isinstance(err, cattrs.BaseValidationError):
            messages = cattrs.transform_error(err, path="$", format_exception=_describe)
        else:
            messages = [f"{err} @ $"]
        first_path = messages[0].rpartition(" @ ")[2] if messages else "$"
        raise ParseError(f"cannot read {name}: " + "; ".join(messages), path=first_path) from err
