"""Any input gives a Score or an SSIError, never a bare KeyError/TypeError/UnicodeDecodeError.

Hypothesis feeds random bytes and text, truncated and shuffled JSON, random JSON
values in every position of a valid payload, and pages with elements removed.
The long fuzz run lives in ``benchmarks/fuzz_parse.py``.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssi_index import Score, SSIError, parse, parse_html, parse_json

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAYLOAD: dict[str, Any] = json.loads((FIXTURES / "json/api-seat.json").read_text("utf-8"))
PAYLOAD_BYTES = (FIXTURES / "json/api-2026.json").read_bytes()
PAGES = {
    name: (FIXTURES / "pages" / name).read_text("utf-8")
    for name in ("2026-en.html", "2026-he.html", "2023-pt.html", "2021-de.html")
}
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=20,
)


def outcome(func: Callable[[Any], Score], value: Any) -> str:
    """Run *func*; a Score or an SSIError is fine, anything else fails the test."""
    result: Score | None = None
    try:
        result = func(value)
    except SSIError as err:
        message, kind = str(err), type(err).__name__
    else:
        message, kind = "ok", "Score"
    assert message, "errors must say something"
    assert kind != "Score" or isinstance(result, Score)
    return kind


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every position in a JSON value, as a tuple of keys and indexes."""
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += paths(value, (*prefix, i))
    return found


PAYLOAD_PATHS = paths(PAYLOAD)


def replaced(data: Any, where: tuple[Any, ...], value: Any) -> Any:
    if not where:
        return value
    data = copy.deepcopy(data)
    node = data
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    return data


@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    outcome(parse, data)
    outcome(parse_json, data)
    outcome(parse_html, data)


@given(st.text(max_size=2000))
def test_random_text(text: str) -> None:
    outcome(parse, text)
    outcome(parse_json, text)
    outcome(parse_html, text)


@given(st.text(alphabet="<>/=\"' abcdeimnoprstuvSI0123456789.,%-_#&;{}:", max_size=400))
def test_markup_like_text(text: str) -> None:
    for start in ("<html>", '<progress id="establish-brand__sub-score-bar" value="', "<code>"):
        outcome(parse, start + text)


@given(st.integers(0, len(PAYLOAD_BYTES)))
def test_truncated_json(cut: int) -> None:
    result = outcome(parse, PAYLOAD_BYTES[:cut])
    assert result in {"Score", "ParseError"}
    if cut < len(PAYLOAD_BYTES.rstrip()):
        assert result == "ParseError"


@given(st.randoms(use_true_random=False))
def test_shuffled_json(rnd: Any) -> None:
    def shuffle(node: Any) -> Any:
        if isinstance(node, dict):
            items = list(node.items())
            rnd.shuffle(items)
            return {k: shuffle(v) for k, v in items}
        if isinstance(node, list):
            return [shuffle(v) for v in rnd.sample(node, len(node))]
        return node

    shuffled = shuffle(PAYLOAD)
    score = parse(json.dumps(shuffled))
    original = parse(PAYLOAD)
    # Pillars are keyed by name, so their order never matters; groups keep payload order.
    assert score.pillars == original.pillars
    assert score.overall == original.overall
    assert sorted(map(repr, score.groups)) == sorted(map(repr, original.groups))


@given(st.sampled_from(PAYLOAD_PATHS), JSON_VALUES)
def test_random_values_in_every_position(where: tuple[Any, ...], value: Any) -> None:
    mutated = replaced(PAYLOAD, where, value)
    outcome(parse, mutated)
    try:
        text = json.dumps(mutated)
    except ValueError:  # pragma: no cover - json.dumps of NaN is allowed; keep the guard
        return
    outcome(parse, text)
    outcome(parse, text.encode("utf-8"))


@given(st.sampled_from(PAYLOAD_PATHS))
def test_removing_any_key_or_item(where: tuple[Any, ...]) -> None:
    if not where:
        return
    data = copy.deepcopy(PAYLOAD)
    node = data
    for key in where[:-1]:
        node = node[key]
    del node[where[-1]]
    outcome(parse, data)


_TAG = re.compile(r"<(?!/)([a-z][a-z0-9-]*)[^>]*>")


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(PAGES)), st.data())
def test_pages_with_an_element_removed(name: str, data: st.DataObject) -> None:
    page = PAGES[name]
    # Concentrate on the SSI section, where removals matter.
    anchor = max(
        page.find('sub-score-bar"'),
        page.find("ssi-score__value block"),
        page.find("&quot;memberScore"),
    )
    tags = list(_TAG.finditer(page, max(0, anchor - 3000), anchor + 6000))
    match = data.draw(st.sampled_from(tags))
    close = page.find(f"</{match.group(1)}>", match.end())
    stop = match.end() if close < 0 else close + len(match.group(1)) + 3
    mutated = page[: match.start()] + page[stop:]
    outcome(parse, mutated)
    outcome(parse, mutated.encode("utf-8"))


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(PAGES)), st.data())
def test_pages_cut_or_spliced(name: str, data: st.DataObject) -> None:
    page = PAGES[name]
    anchor = max(
        page.find('sub-score-bar"'),
        page.find("ssi-score__value block"),
        page.find("&quot;memberScore"),
    )
    start = data.draw(st.integers(max(0, anchor - 3000), anchor + 6000))
    length = data.draw(st.integers(1, 200))
    junk = data.draw(st.text(max_size=30))
    mutated = page[:start] + junk + page[start + length :]
    outcome(parse, mutated)
    outcome(parse, mutated.encode("utf-8", "surrogatepass"))
