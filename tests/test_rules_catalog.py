"""The advice catalog: every locale complete and parallel, right-to-left text intact."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest

from ssi_index import (
    HEBREW_GUIDE_SCALE,
    LINKEDIN_2014_SCALE,
    RUSSIAN_GUIDE_SCALE,
    Goal,
    Pillar,
    RuleError,
    Score,
    UnknownLocaleError,
    recommend,
)
from ssi_index.rules import available_locales, texts
from ssi_index.rules._catalog import load_catalog, placeholders, resolve_locale

LOCALES = ("en", "he", "ru")
OTHERS = ("he", "ru")
SCALES = (HEBREW_GUIDE_SCALE, RUSSIAN_GUIDE_SCALE, LINKEDIN_2014_SCALE)
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def catalog(locale: str) -> dict[str, Any]:
    return load_catalog(locale)


def test_available_locales() -> None:
    assert available_locales() == LOCALES


@pytest.mark.parametrize(("tag", "locale"), [("he-IL", "he"), ("ru_RU", "ru"), ("EN", "en")])
def test_tags_resolve(tag: str, locale: str) -> None:
    assert resolve_locale(tag) == locale


@pytest.mark.parametrize("tag", ["fr", "", "iw", 5])
def test_unknown_tags(tag: object) -> None:
    with pytest.raises(UnknownLocaleError, match="available locales: en, he, ru"):
        resolve_locale(tag)


@pytest.mark.parametrize("locale", OTHERS)
def test_same_advice_keys_as_english(locale: str) -> None:
    assert list(catalog(locale)["advice"]) == list(catalog("en")["advice"])


@pytest.mark.parametrize("locale", OTHERS)
def test_same_placeholders_and_sources_per_entry(locale: str) -> None:
    for key, en in catalog("en")["advice"].items():
        other = catalog(locale)["advice"][key]
        assert placeholders(other.title) == placeholders(en.title), key
        assert placeholders(other.why) == placeholders(en.why), key
        assert len(other.actions) == len(en.actions), key
        for mine, theirs in zip(other.actions, en.actions, strict=True):
            assert placeholders(mine) == placeholders(theirs), key
        assert other.sources == en.sources, key


@pytest.mark.parametrize("locale", OTHERS)
@pytest.mark.parametrize("table", ["sources", "groups", "phrases"])
def test_same_simple_tables(locale: str, table: str) -> None:
    en, other = catalog("en")[table], catalog(locale)[table]
    assert set(other) == set(en)
    for key, text in en.items():
        assert placeholders(other[key]) == placeholders(text), (table, key)
        assert other[key].strip(), (table, key)


@pytest.mark.parametrize("locale", LOCALES)
def test_one_name_per_pillar_everywhere(locale: str) -> None:
    """Advice, insights and errors name a pillar the same way (errors quote the name)."""
    from ssi_index._i18n import message
    from ssi_index.activity import Insights

    quotes = {"en": "'{}'", "he": '"{}"', "ru": "«{}»"}[locale]
    view = Insights.from_history([], [], locale=locale)
    for pillar in Pillar:
        name = message(locale, f"units.pillar.{pillar.value}")
        assert name.strip()
        assert name != pillar.value
        assert texts(locale).pillar(pillar) == name
        assert message(locale, f"errors.pillar.{pillar.value}") == quotes.format(name)
        assert view._pillar(pillar) == name


@pytest.mark.parametrize("locale", LOCALES)
def test_every_name_the_engine_needs(locale: str) -> None:
    data = catalog(locale)
    assert "pillars" not in data  # the names live in locales/*/units.toml, for every view
    assert set(data["goals"]) == {g.value for g in Goal}
    assert all(data["goals"][g.value]["label"].strip() for g in Goal)
    for scale in SCALES:
        for tier in scale:
            entry = data["tiers"][scale.name][tier.name]
            assert entry["label"].strip()
            assert entry["meaning"].strip()
    advice = data["advice"]
    for pillar in Pillar:
        assert f"pillar.{pillar.slug}.grow" in advice
        assert f"pillar.{pillar.slug}.maintain" in advice
    for goal in Goal:
        assert f"goal.{goal.value}.target" in advice
        for extra in goal.advice:
            assert extra.key in advice
    for key in (
        "caution.mass_invites",
        "caution.mass_reposts",
        "caution.network_size",
        "target.custom",
        "target.reached",
        "tier",
        "compare.above",
        "compare.below",
        "history.start",
        "history.drop",
    ):
        assert key in advice, key


@pytest.mark.parametrize("locale", LOCALES)
def test_every_entry_cites_a_known_source(locale: str) -> None:
    data = catalog(locale)
    for key, entry in data["advice"].items():
        assert set(entry.sources) <= set(data["sources"]), key
        if key != "tier":  # the tier item cites the scale's own source
            assert entry.sources, key


def test_the_sources_numbers_are_in_the_catalog() -> None:
    """Every number the two articles give is somewhere in each locale's texts."""
    for locale in LOCALES:
        blob = repr(catalog(locale))
        dec = "," if locale == "ru" else "."
        for number in ("25", "50", "55", "60", "70", "80", "$2", "$10", "100%"):
            assert number in blob, (locale, number)
        for number in ("13.4", "10.7", "11.1"):
            assert number.replace(".", dec) in blob, (locale, number)


def test_hebrew_is_right_to_left_and_intact() -> None:
    he = catalog("he")
    assert he["meta"]["direction"] == "rtl"
    assert texts("he").direction == "rtl"
    for key, entry in he["advice"].items():
        for text in (entry.title, entry.why, *entry.actions):
            assert not BIDI_CONTROLS.search(text), key
            plain = re.sub(r"\{[^}]*\}|https?://\S+|SSI|LinkedIn", "", text)
            strong = [c for c in plain if unicodedata.bidirectional(c) in ("L", "R")]
            if strong:
                assert unicodedata.bidirectional(strong[0]) == "R", (key, text)
    rendered = recommend(Score.from_pillars([13.4, 10.7, 11.1, 25]), locale="he")
    assert rendered[0].title.startswith("אתרו את האנשים הנכונים")
    assert any("לינקדאין" in r.why for r in rendered)
    assert not any("ןיאדקניל" in r.why for r in rendered)  # not stored or shown reversed


def test_russian_numbers_use_a_decimal_comma() -> None:
    assert texts("ru").number(14.3) == "14,3"
    assert texts("ru").number(25.0) == "25"
    assert texts("en").number(9.8) == "9.8"
    assert texts("he").number(-0.04) == "0"


def test_texts_accessors() -> None:
    en = texts("en")
    assert en.pillar(Pillar.INSIGHT_ENGAGEMENT) == "Engage with insights"
    assert en.group("INDUSTRY") == "your industry"
    assert en.group("SOMETHING_NEW") == "SOMETHING_NEW"
    assert en.group(None) == "the group"
    assert en.goal("job_search") == "Looking for a job"
    assert en.phrase("compare_rank", rank=7) == "LinkedIn ranks you in the top 7% of this group."
    assert "pillar.professional_brand.grow" in en.advice_keys()
    assert texts("he-IL") is texts("he")


def test_missing_phrase_or_value_is_a_rule_error() -> None:
    en = texts("en")
    with pytest.raises(RuleError, match="expected a phrase 'nope'"):
        en.phrase("nope")
    with pytest.raises(RuleError, match=r"expected values for \['rank'\]"):
        en.phrase("compare_rank")
