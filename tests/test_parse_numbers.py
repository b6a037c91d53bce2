"""Local number formats and localized labels and sentences (ssi_index._parse._numbers, _texts)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_index._parse._numbers import clean_text, read_int, read_number
from ssi_index._parse._texts import INDUSTRY, NETWORK, group_of_label, read_averages

SPACES = ["", " ", "\u00a0", "\u2009", "\u202f"]
MARKS = ["", "\u200e", "\u200f", "\u202b", "\u202c"]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("31,5", 31.5),
        ("31.5", 31.5),
        ("20,973", 20.973),
        ("13.118002", 13.118002),
        ("10%", 10.0),
        ("10\u00a0%", 10.0),
        ("10\u202f%", 10.0),
        ("%10", 10.0),
        ("\u200f%\u200f10", 10.0),
        ("  7 ", 7.0),
    ],
)
def test_read_number_accepts_local_formats(text: str, number: float) -> None:
    assert read_number(text) == number


@pytest.mark.parametrize("text", ["", "n/a", "1e3", "1.2.3", "10 20", "-3", "1,000,000", "%%1"])
def test_read_number_refuses_anything_but_one_number(text: str) -> None:
    assert read_number(text) is None


@given(
    whole=st.integers(0, 100),
    frac=st.integers(0, 999),
    comma=st.booleans(),
    space=st.sampled_from(SPACES),
    mark=st.sampled_from(MARKS),
    percent=st.sampled_from(["", "%", "before"]),
)
def test_read_number_round_trips_formatted_numbers(
    whole: int, frac: int, comma: bool, space: str, mark: str, percent: str
) -> None:
    written = f"{whole}{',' if comma else '.'}{frac:03d}"
    if percent == "%":
        written = f"{written}{space}%"
    elif percent == "before":
        written = f"%{space}{written}"
    assert read_number(f"{mark}{written}{mark}") == float(f"{whole}.{frac:03d}")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("10", 10),
        ("Top 10%", 10),
        ("Primeiros 7\u00a0%", 7),
        ("верхние 4\u2009%", 4),
        ("\u200f%12", 12),
    ],
)
def test_read_int_finds_the_rank_in_any_language(text: str, number: int) -> None:
    assert read_int(text) == number


@pytest.mark.parametrize("text", ["", "Top", "Top 1.5%", "Top 1,5%"])
def test_read_int_needs_a_whole_number(text: str) -> None:
    assert read_int(text) is None


def test_clean_text_drops_marks_and_collapses_spaces() -> None:
    assert clean_text(" a\u00a0\u2009b\u200f\n c ") == "a b c"


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Industry SSI rank", INDUSTRY),
        ("Network SSI rank", NETWORK),
        ("Classificação do SSI no setor", INDUSTRY),
        ("Classificação do SSI na rede", NETWORK),
        ("SSI-Rang in der Branche", INDUSTRY),
        ("SSI-Rang im Netzwerk", NETWORK),
        ("Рейтинг SSI в отрасли", INDUSTRY),
        ("Рейтинг SSI в сети", NETWORK),
        ("דירוג SSI בתעשייה", INDUSTRY),
        ("דירוג SSI ברשת", NETWORK),
        ("Team rank", None),
    ],
)
def test_group_of_label(label: str, kind: str | None) -> None:
    assert group_of_label(label) == kind


SENTENCES = {
    "en": (
        "Sales professionals in the {ind} industry have an average SSI of {avg}.",
        "People in your network have an average SSI of {avg}.",
    ),
    "pt": (
        "Profissionais de vendas do setor de {ind} têm um SSI médio de {avg}.",
        "Pessoas na sua rede têm um SSI médio de {avg}.",
    ),
    "de": (
        "Vertriebsprofis in der Branche {ind} haben einen durchschnittlichen SSI von {avg}.",
        "Personen in Ihrem Netzwerk haben einen durchschnittlichen SSI von {avg}.",
    ),
    "ru": (
        "Специалисты по продажам в отрасли «{ind}» имеют средний SSI {avg}.",
        "Участники вашей сети имеют средний SSI {avg}.",
    ),
    "he": (
        "לאנשי מכירות בתעשיית {ind} יש SSI ממוצע של {avg}.",
        "לאנשים ברשת שלך יש SSI ממוצע של {avg}.",
    ),
}


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_read_averages_in_every_language(language: str) -> None:
    industry, network = SENTENCES[language]
    text = " ".join(
        [industry.format(ind="Computer Software", avg="31,5"), network.format(avg="33")]
    )
    assert read_averages(clean_text(text)) == {
        INDUSTRY: ("31,5", "Computer Software"),
        NETWORK: ("33", None),
    }


def test_read_averages_finds_nothing_in_other_text() -> None:
    assert read_averages("You scored 91 out of 100 on the assessment.") == {}
