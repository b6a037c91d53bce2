"""Values come only from markup a browser shows, whatever the serialization (ssi_index._parse._dom).

Every mutation family of issue 12, drawn by Hypothesis over every good page
fixture: decoy bars (other values) in a comment, a script string, an attribute
value, a textarea, a template, noscript, style, title, xmp, svg, or CDATA, put
anywhere before the real card; and rewritings a browser reads the same
(unquoted or single-quoted attributes, omitted end tags, upper-case tags,
entities, Ember's ``<!---->`` markers, reformatted whitespace). The parse of
the mutated page, as bytes and as text, must be exactly the fixture's answer.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssi_index import ParseError, Score, parse, parse_html

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MANIFEST = [
    *json.loads((FIXTURES / "manifest.json").read_text("utf-8")),
    *json.loads((FIXTURES / "forms.json").read_text("utf-8")),
]
BARS = (
    "establish-brand__sub-score-bar",
    "find-people__sub-score-bar",
    "engage-with-insights__sub-score-bar",
    "build-relationships__sub-score-bar",
)


def page_text(entry: dict[str, Any]) -> str:
    name = str(entry["file"])
    data = (FIXTURES / name).read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    if data.startswith(b"\xff\xfe"):
        return data.decode("utf-16")
    if "cp1251" in name:
        return data.decode("cp1251")
    return data.decode("utf-8-sig")


PAGES = {
    e["file"]: (page_text(e), Score.from_dict(e["expect"]))
    for e in MANIFEST
    if e["kind"] in ("html", "gzip") and e["expect"] and "cp1251" not in e["file"]
}
BAR_PAGES = sorted(name for name, (text, _) in PAGES.items() if BARS[0] in text)


def fake_bars(values: list[float]) -> str:
    return "".join(
        f'<progress id="{bar}" value="{value}" max="25"></progress>'
        for bar, value in zip(BARS, values, strict=True)
    )


def fake_card(values: list[float]) -> str:
    return (
        '<div class="user-ssi-score__donut-chart-caption"><span class="ssi-score__value">99'
        f"</span></div>{fake_bars(values)}"
        '<div class="group-ssi-score"><div class="group-ssi-score__donut-chart">'
        '<span class="ssi-score__value">1</span></div></div>'
        "<table><tr><th>a</th><td>1</td></tr><tr><th>b</th><td>2</td></tr>"
        "<tr><th>c</th><td>3</td></tr><tr><th>d</th><td>4</td></tr>"
        "<tr><th>e</th><td>90</td></tr></table>"
    )


HIDERS = {
    "comment": lambda m: f"<!-- {m} -->",
    "script": lambda m: f"<script>var t = {json.dumps(m)};</script>",
    "script-raw": lambda m: f'<script type="text/x-template">{m}</script>',
    "attribute": lambda m: f'<div data-x="{html.escape(m)}"></div>',
    "attribute-single": lambda m: f"<div data-x='{html.escape(m, quote=False)}'></div>",
    "textarea": lambda m: f"<textarea>{m}</textarea>",
    "template": lambda m: f"<template>{m}</template>",
    "noscript": lambda m: f"<noscript>{m}</noscript>",
    "style": lambda m: f"<style>/* {m} */</style>",
    "title": lambda m: f"<title>{m}</title>",
    "xmp": lambda m: f"<xmp>{m}</xmp>",
    "svg": lambda m: f"<svg><desc>{m}</desc></svg>",
    "math": lambda m: f"<math><mi>{m}</mi></math>",
    "select": lambda m: f"<select><option>x</option>{m}</select>",
    "cdata": lambda m: f"<![CDATA[ {m.replace('>', '')} ]]>",
    "iframe": lambda m: f"<iframe>{m}</iframe>",
}


def tag_starts(text: str) -> list[int]:
    """Where start tags of ordinary body elements begin."""
    return [m.start() for m in re.finditer(r"<(?:div|section|ul|li|main|span|p)[\s>]", text)]


def insert_points(text: str) -> list[int]:
    """Places just before the member's card, or anywhere in the body before it."""
    first = text.find(BARS[0] + '"')
    first = first if first >= 0 else len(text) // 2
    starts = [p for p in tag_starts(text) if p < first and p > text.find("<body")]
    return starts[-40:] or [first]


@settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    name=st.sampled_from(BAR_PAGES),
    hider=st.sampled_from(sorted(HIDERS)),
    values=st.lists(
        st.floats(0, 25, allow_nan=False).map(lambda v: round(v, 3)), min_size=4, max_size=4
    ),
    data=st.data(),
)
def test_decoys_where_nothing_is_shown_never_yield_a_value(
    name: str, hider: str, values: list[float], data: st.DataObject
) -> None:
    text, expected = PAGES[name]
    at = data.draw(st.sampled_from(insert_points(text)))
    mutated = text[:at] + HIDERS[hider](fake_card(values)) + text[at:]
    assert parse(mutated) == expected
    assert parse(mutated.encode("utf-8")) == expected


def unquote(text: str) -> str:
    return re.sub(r'(\s[a-z-]+)="([A-Za-z0-9_.:#-]+)"', r"\1=\2", text)


def single_quotes(text: str) -> str:
    return re.sub(r'(\s[a-z-]+)="([^"\']*)"', r"\1='\2'", text)


def upper_tags(text: str) -> str:
    return re.sub(
        r"<(/?)(progress|span|div|li|ul|section|table|tr|td|th)\b",
        lambda m: f"<{m.group(1)}{m.group(2).upper()}",
        text,
    )


def omit_ends(text: str) -> str:
    for end in ("</li>", "</dd>", "</dt>", "</tr>", "</td>", "</th>"):
        text = text.replace(end, "")
    return text


def ember_markers(text: str) -> str:
    return text.replace("</span>", "<!----></span><!---->").replace("<li ", "<!----><li ")


def reflow(text: str) -> str:
    return re.sub(r">\s*<", ">\n   \t<", text)


def entities(text: str) -> str:
    return text.replace('class="ssi-rank"', 'class="&#115;si-rank"').replace(
        'value="', 'value="&#32;'
    )


REWRITES = {
    "unquoted": unquote,
    "single-quoted": single_quotes,
    "upper-case": upper_tags,
    "omitted-ends": omit_ends,
    "ember-markers": ember_markers,
    "reflowed": reflow,
    "entities": entities,
}


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    name=st.sampled_from(sorted(PAGES)),
    rewrites=st.sets(st.sampled_from(sorted(REWRITES)), min_size=1, max_size=3),
)
def test_any_serialization_a_browser_reads_alike_gives_the_same_score(
    name: str, rewrites: set[str]
) -> None:
    text, expected = PAGES[name]
    body = text.find("<body")
    mutated = text[:body]
    rest = text[body:]
    for rewrite in sorted(rewrites):
        rest = REWRITES[rewrite](rest)
    mutated += rest
    assert parse(mutated) == expected
    assert parse(mutated.encode("utf-8")) == expected


@pytest.mark.parametrize("hider", sorted(HIDERS))
def test_a_page_whose_only_bars_are_hidden_is_refused(hider: str) -> None:
    page = (
        f"<html><body><main>{HIDERS[hider](fake_card([1.0, 2.0, 3.0, 4.0]))}</main></body></html>"
    )
    with pytest.raises(ParseError):
        parse_html(page)


def test_a_2021_page_with_one_stray_bar_reads_alike_from_bytes_and_text() -> None:
    text, expected = PAGES["pages/2021-en.html"]
    stray = '<progress id="find-people__sub-score-bar" value="3" max="25"></progress>'
    at = text.index("<code")
    mutated = text[:at] + stray + text[at:]
    assert parse(mutated) == parse(mutated.encode("utf-8")) == expected


def test_ccdata_in_a_rank_row_is_not_an_escape() -> None:
    text, expected = PAGES["pages/2026-en.html"]
    mutated = text.replace(
        '<span class="ssi-rank__category-name', '<![CCDATA[x<span class="ssi-rank__category-name', 1
    )
    for value in (mutated, mutated.encode("utf-8")):
        score = parse(value)
        assert score.pillars == expected.pillars
