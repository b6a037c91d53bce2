"""The message tables: parity across locales, plural rules, number formats."""

from __future__ import annotations

import string

import attrs
import pytest

from ssi_index import RuleError, UnknownLocaleError
from ssi_index._i18n import (
    LOCALES,
    direction,
    format_number,
    message,
    messages,
    normalize_locale,
    plural,
    plural_category,
)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_exists_in_every_locale() -> None:
    keys = {loc: set(messages(loc)) for loc in LOCALES}
    for loc in LOCALES:
        assert keys[loc] == keys["en"], (loc, keys[loc] ^ keys["en"])


def test_every_message_uses_the_same_fields_in_every_locale() -> None:
    en = messages("en")
    for loc in LOCALES:
        table = messages(loc)
        for key, text in en.items():
            other = table[key]
            assert isinstance(other, str) == isinstance(text, str), (loc, key)
            en_fields = _fields(text) if isinstance(text, str) else _fields(text["other"])
            forms = [other] if isinstance(other, str) else list(other.values())
            for form in forms:
                assert _fields(form) <= en_fields | {"n"}, (loc, key, form)


@pytest.mark.parametrize(
    ("locale", "n", "expected"),
    [
        ("en", 1, "one"),
        ("en", 2, "other"),
        ("en", 1.5, "other"),
        ("en", 0, "other"),
        ("he", 1, "one"),
        ("he", 2, "two"),
        ("he", 3, "other"),
        ("he", 20, "other"),
        ("ru", 1, "one"),
        ("ru", 21, "one"),
        ("ru", 11, "many"),
        ("ru", 2, "few"),
        ("ru", 24, "few"),
        ("ru", 12, "many"),
        ("ru", 5, "many"),
        ("ru", 0, "many"),
        ("ru", 1.5, "other"),
    ],
)
def test_plural_categories(locale: str, n: float, expected: str) -> None:
    assert plural_category(locale, n) == expected


def test_plural_messages() -> None:
    assert plural("en", "units.points", 1) == "1 point"
    assert plural("en", "units.points", 2) == "2 points"
    assert plural("he", "units.points", 1) == "נקודה אחת"
    assert plural("ru", "units.points", 1) == "1 балл"
    assert plural("ru", "units.points", 3) == "3 балла"
    assert plural("ru", "units.points", 5) == "5 баллов"
    assert plural("ru", "units.points", 2.5) == "2,5 балла"
    # 1.04 shown with one decimal is "1": the form follows what is shown.
    assert plural("en", "units.points", 1.04) == "1 point"


def test_number_formats() -> None:
    assert format_number("en", 1234.56) == "1,234.6"
    assert format_number("ru", 1234.56) == "1\u202f234,6"
    assert format_number("he", -2.0) == "\u200e\u22122"  # a LRM keeps the sign on the left
    assert format_number("he", 2.3, sign=True) == "\u200e+2.3"
    assert format_number("he", 2.3) == "2.3"
    assert format_number("ru", -2.0) == "\u22122"
    assert format_number("en", 2.04, sign=True) == "+2"
    assert format_number("en", -0.01) == "0"
    assert format_number("en", float("nan")) == "\u2014"


def test_locale_tags_and_direction() -> None:
    assert normalize_locale("he-IL") == "he"
    assert normalize_locale("iw") == "he"
    assert normalize_locale("ru_RU.UTF-8") == "ru"
    assert normalize_locale("EN") == "en"
    assert direction("he") == "rtl"
    assert direction("ru") == "ltr"
    with pytest.raises(UnknownLocaleError, match="de"):
        normalize_locale("de")


def test_missing_and_misused_keys_are_rule_errors() -> None:
    with pytest.raises(RuleError, match="no message"):
        message("en", "no.such.key")
    with pytest.raises(RuleError, match="plural"):
        message("en", "units.points")


def test_signed_numbers_read_sign_first_in_hebrew_in_a_browser(browser: object) -> None:
    """In a right-to-left paragraph the sign stays on the number's left: "+2.3", not "2.3+"."""
    from typing import cast

    from playwright.sync_api import Browser

    rise, fall = format_number("he", 2.3, sign=True), format_number("he", -1.6)
    page = cast(Browser, browser).new_page()
    try:
        page.set_content(
            '<p dir="rtl" lang="he" style="font-size:40px">'
            f'בקצב: <span id="rise">{rise}</span> השבוע, '
            f'<span id="fall">{fall}</span> בשבוע שעבר</p>'
        )
        for ident, sign in (("rise", "+"), ("fall", "\u2212")):
            boxes = page.evaluate(
                """([id, sign]) => {
                    const node = document.getElementById(id).firstChild;
                    const text = node.textContent;
                    const box = (i) => { const r = document.createRange();
                        r.setStart(node, i); r.setEnd(node, i + 1);
                        return r.getBoundingClientRect().left; };
                    return [box(text.indexOf(sign)), box(text.search(/[0-9]/))];
                }""",
                [ident, sign],
            )
            assert boxes[0] < boxes[1], f"{ident}: the sign is drawn right of the digits"
    finally:
        page.close()


def test_points_with_their_number_agree_with_a_whole_count() -> None:
    """An effect of exactly 1 or 5 points reads '1 point' / '+5 баллов', never '1 points'."""
    from ssi_index import ActivityKind, Pillar
    from ssi_index.activity import Effect, Insights

    effect = Effect(
        pillar=Pillar.FIND_RIGHT_PEOPLE,
        kind=ActivityKind.INVITATION_SENT,
        per_unit=1.0,
        low=0.5,
        high=1.5,
        lag=0,
        weeks=30,
        median_weekly=5.0,
    )
    view = {loc: Insights.from_history([], [], locale=loc) for loc in ("en", "he", "ru")}
    en, he, ru = (view[loc].sentence(effect) for loc in ("en", "he", "ru"))
    assert "rose 1 point more" in en
    assert "that is +5 points." in en
    assert "ב-1 נקודה יותר" in he
    assert "+5 נקודות" in he
    assert "на 1 балл больше" in ru
    assert "это +5 баллов." in ru
    fraction = attrs.evolve(effect, per_unit=0.25)
    assert "на 0,25 балла больше" in view["ru"].sentence(fraction)


def test_counted_words_in_views_and_insights_agree_with_the_count() -> None:
    from ssi_index._i18n import plural

    assert plural("he", "views.span_days", 2, 0) == "(יומיים)"
    assert plural("he", "views.span_days", 5, 0) == "(5 ימים)"
    assert plural("en", "activity.reason_code.few_weeks", 1, 0, minimum=12).startswith(
        "1 usable week with"
    )
    two = plural("he", "activity.reason_code.few_weeks", 2, 0, minimum=12)
    assert two.startswith("יש שני שבועות")
