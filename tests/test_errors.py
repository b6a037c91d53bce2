"""The exception tree: one root, builtin refinements, useful attributes."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest

import ssi_index
from ssi_index import _errors


def _public_errors() -> list[type[BaseException]]:
    return [
        obj
        for name in _errors.__all__
        if inspect.isclass(obj := getattr(_errors, name)) and issubclass(obj, BaseException)
    ]


def test_every_error_is_an_ssi_error_and_exported() -> None:
    errors = _public_errors()
    assert len(errors) == len(_errors.__all__)
    for err in errors:
        assert issubclass(err, ssi_index.SSIError)
        assert getattr(ssi_index, err.__name__) is err
        assert err.__doc__


def test_every_leaf_is_drawn_in_the_module_docstring() -> None:
    doc = _errors.__doc__ or ""
    for err in _public_errors():
        assert err.__name__ in doc


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (ssi_index.ParseError, ValueError),
        (ssi_index.InvalidScoreError, ValueError),
        (ssi_index.InvalidScaleError, ValueError),
        (ssi_index.UnreachableTargetError, ValueError),
        (ssi_index.TeamTooSmallError, ValueError),
        (ssi_index.UnknownLocaleError, LookupError),
        (ssi_index.MissingDependencyError, ImportError),
        (ssi_index.RateLimitError, ssi_index.FetchError),
    ],
)
def test_leaves_refine_builtins(error: type[BaseException], builtin: type[BaseException]) -> None:
    assert issubclass(error, builtin)


def test_parse_error_carries_path() -> None:
    err = ssi_index.ParseError("expected a number", path="$.memberScore.overall")
    assert err.path == "$.memberScore.overall"
    assert str(err) == "expected a number"


def test_unknown_locale_lists_available() -> None:
    err = ssi_index.UnknownLocaleError("fr", ("en", "he", "ru"))
    assert "'fr'" in str(err)
    assert "en, he, ru" in str(err)
    assert err.available == ("en", "he", "ru")


def test_team_too_small() -> None:
    err = ssi_index.TeamTooSmallError("sales", 4, 10)
    assert (err.size, err.floor) == (4, 10)
    assert "at least 10" in str(err)


def test_rate_limit_is_429_with_retry_after() -> None:
    when = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    err = ssi_index.RateLimitError("slow down", retry_after=when)
    assert err.status == 429
    assert err.retry_after == when


def test_missing_dependency_names_the_extra() -> None:
    from ssi_index._optional import require

    with pytest.raises(
        ssi_index.MissingDependencyError, match=r"pip install 'ssi-index\[nothing\]'"
    ) as info:
        require("surely_not_an_installed_module_xyz", "nothing")
    assert isinstance(info.value.__cause__, ImportError)
    assert info.value.extra == "nothing"
    assert require("json", "none").__name__ == "json"
