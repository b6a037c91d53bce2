"""The words of the SSI page: label stems per language, and the known group sentences.

Pages keep their markup in every language and translate the words. Nothing the
parser *needs* depends on the words: values come from markup, and a group whose
label is in an unknown language is told by its place. The words only help:

* :func:`group_of_label` tells a rank row or a group section by the stem of
  "industry" or "network" in about twenty languages LinkedIn offers;
* :func:`read_averages` reads the group-average sentences in the wordings we
  know (en, pt, de, ru, he, es, fr): a cross-check of the donuts' numbers and
  the only source of the industry's name.

Patterns run on text already passed through
:func:`~ssi_index._parse._numbers.clean_text`. Each has one lazy group between
two literal runs and no nested quantifier, and runs on at most
:data:`~ssi_index._parse._dom.MAX_TEXT` characters of one element's text.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["INDUSTRY", "NETWORK", "group_of_label", "read_averages"]

INDUSTRY: Final = "INDUSTRY"
"""LinkedIn's ``groupType`` of the industry group."""
NETWORK: Final = "NETWORK"
"""LinkedIn's ``groupType`` of the network group."""

_NUM: Final = r"(?P<avg>\d{1,3}(?:[.,]\d{1,6})?)"
_IND: Final = r"(?P<ind>[^.!?]{1,120}?)"

# (group type, pattern) per language; ``ind`` is the industry's name.
_SENTENCES: Final = (
    # en
    (INDUSTRY, rf"Sales professionals in the {_IND} industry have an average SSI of {_NUM}"),
    (INDUSTRY, rf"People in the {_IND} industry have an average SSI of {_NUM}"),
    (INDUSTRY, rf"in your industry have an average SSI of {_NUM}"),
    (NETWORK, rf"in your network have an average SSI of {_NUM}"),
    # pt
    (INDUSTRY, rf"Profissionais de vendas do setor de {_IND} têm um SSI médio de {_NUM}"),
    (INDUSTRY, rf"no seu setor têm um SSI médio de {_NUM}"),
    (NETWORK, rf"na sua rede têm um SSI médio de {_NUM}"),
    # de
    (
        INDUSTRY,
        rf"Vertriebsprofis in der Branche {_IND} haben einen durchschnittlichen SSI von {_NUM}",
    ),
    (INDUSTRY, rf"in Ihrer Branche haben einen durchschnittlichen SSI von {_NUM}"),
    (NETWORK, rf"in Ihrem Netzwerk haben einen durchschnittlichen SSI von {_NUM}"),
    # ru
    (INDUSTRY, rf"Специалисты по продажам в отрасли «{_IND}» имеют средний SSI {_NUM}"),
    (INDUSTRY, rf"вашей отрасли имеют средний SSI {_NUM}"),
    (NETWORK, rf"вашей сети имеют средний SSI {_NUM}"),
    # he
    (INDUSTRY, rf"לאנשי מכירות בתעשיית {_IND} יש SSI ממוצע של {_NUM}"),
    (INDUSTRY, rf"בתעשייה שלך יש SSI ממוצע של {_NUM}"),
    (NETWORK, rf"ברשת שלך יש SSI ממוצע של {_NUM}"),
    # es
    (
        INDUSTRY,
        rf"Los profesionales de ventas del sector {_IND} tienen un SSI medio de {_NUM}",
    ),
    (NETWORK, rf"de tu red tienen un SSI medio de {_NUM}"),
    # fr
    (
        INDUSTRY,
        rf"Les professionnels de la vente du secteur {_IND} ont un SSI moyen de {_NUM}",
    ),
    (NETWORK, rf"de votre réseau ont un SSI moyen de {_NUM}"),
)
_COMPILED: Final = tuple((kind, re.compile(pattern)) for kind, pattern in _SENTENCES)

_LABEL_WORDS: Final = (
    (
        INDUSTRY,
        (
            "industry",  # en
            "setor",  # pt
            "branche",  # de, nl
            "отрасл",  # ru
            "תעשי",  # he
            "sector",  # es, nl
            "industria",  # es, it
            "secteur",  # fr
            "industrie",  # fr
            "settore",  # it
            "branż",  # pl
            "sektör",  # tr
            "業界",  # ja
            "行业",  # zh-CN
            "產業",  # zh-TW
            "업계",  # ko
            "industri",  # sv, da, no, id, ms
            "odvětví",  # cs
            "galų",  # lt (unused by our pages; harmless)
        ),
    ),
    (
        NETWORK,
        (
            "network",  # en
            "rede",  # pt
            "netzwerk",  # de
            "сет",  # ru
            "רשת",  # he
            "red",  # es
            "réseau",  # fr
            "rete",  # it
            "netwerk",  # nl
            "sieci",  # pl
            "sieć",  # pl
            "ağ",  # tr
            "ネットワーク",  # ja
            "人脉",  # zh-CN
            "人脈",  # zh-TW
            "网络",  # zh-CN
            "네트워크",  # ko
            "nätverk",  # sv
            "netværk",  # da
            "nettverk",  # no
            "jaringan",  # id
            "síť",  # cs
        ),
    ),
)


def group_of_label(label: str) -> str | None:
    """Return ``"INDUSTRY"`` or ``"NETWORK"`` for a label, ``None`` if unknown or both.

    Args:
        label: A rank row's label or a group section's text in any language,
            e.g. "SSI-Rang im Netzwerk".
    """
    folded = label.casefold()
    kinds = [kind for kind, words in _LABEL_WORDS if any(word in folded for word in words)]
    return kinds[0] if len(kinds) == 1 else None


def read_averages(text: str) -> dict[str, tuple[str, str | None]]:
    """Find the group-average sentences in *text*.

    Args:
        text: Cleaned text (see :func:`~ssi_index._parse._numbers.clean_text`).

    Returns:
        ``{group type: (average as written, industry name or None)}`` for each
        sentence found; the first sentence of a kind wins.
    """
    found: dict[str, tuple[str, str | None]] = {}
    if "SSI" not in text:
        return found
    for kind, pattern in _COMPILED:
        if kind in found:
            continue
        match = pattern.search(text)
        if match is not None:
            groups = match.groupdict()
            found[kind] = (groups["avg"], groups.get("ind"))
    return found
