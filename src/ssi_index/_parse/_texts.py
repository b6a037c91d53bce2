"""The localized sentences and labels of the SSI page (en, pt, de, ru, he).

Pages keep their markup in every language but translate the words around the
numbers. The group averages exist *only* as sentences ("People in your network
have an average SSI of 33."), so they are read with one pattern per language;
the rank rows are told apart by the words of their label.

Patterns run on text already passed through
:func:`~ssi_index._parse._numbers.clean_text` (direction marks dropped, every
kind of space turned into one ordinary space).
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["INDUSTRY", "NETWORK", "group_of_label", "read_averages"]

INDUSTRY: Final = "INDUSTRY"
"""LinkedIn's ``groupType`` of the industry group."""
NETWORK: Final = "NETWORK"
"""LinkedIn's ``groupType`` of the network group."""

_NUM: Final = r"(?P<avg>\d+(?:[.,]\d+)?)"

# (group type, pattern) per language; ``ind`` is the industry's name.
_SENTENCES: Final = (
    # en
    (INDUSTRY, rf"Sales professionals in the (?P<ind>.+?) industry have an average SSI of {_NUM}"),
    (NETWORK, rf"People in your network have an average SSI of {_NUM}"),
    # pt
    (INDUSTRY, rf"Profissionais de vendas do setor de (?P<ind>.+?) têm um SSI médio de {_NUM}"),
    (NETWORK, rf"Pessoas na sua rede têm um SSI médio de {_NUM}"),
    # de
    (
        INDUSTRY,
        r"Vertriebsprofis in der Branche (?P<ind>.+?) haben einen durchschnittlichen SSI von "
        + _NUM,
    ),
    (NETWORK, rf"Personen in Ihrem Netzwerk haben einen durchschnittlichen SSI von {_NUM}"),
    # ru
    (INDUSTRY, rf"Специалисты по продажам в отрасли «(?P<ind>.+?)» имеют средний SSI {_NUM}"),
    (NETWORK, rf"Участники вашей сети имеют средний SSI {_NUM}"),
    # he
    (INDUSTRY, rf"לאנשי מכירות בתעשיית (?P<ind>.+?) יש SSI ממוצע של {_NUM}"),
    (NETWORK, rf"לאנשים ברשת שלך יש SSI ממוצע של {_NUM}"),
)
_COMPILED: Final = tuple((kind, re.compile(pattern)) for kind, pattern in _SENTENCES)

_LABEL_WORDS: Final = (
    (INDUSTRY, ("industry", "setor", "branche", "отрасл", "תעשי")),
    (NETWORK, ("network", "rede", "netzwerk", "сет", "רשת")),
)


def group_of_label(label: str) -> str | None:
    """Return ``"INDUSTRY"`` or ``"NETWORK"`` for a rank row's label, ``None`` if unknown.

    Args:
        label: The row's label in any supported language, e.g. "SSI-Rang im Netzwerk".
    """
    folded = label.casefold()
    for kind, words in _LABEL_WORDS:
        if any(word in folded for word in words):
            return kind
    return None


def read_averages(text: str) -> dict[str, tuple[str, str | None]]:
    """Find the group-average sentences in *text*.

    Args:
        text: Cleaned page text (see :func:`~ssi_index._parse._numbers.clean_text`).

    Returns:
        ``{group type: (average as written, industry name or None)}`` for each
        sentence found; the first sentence of a kind wins.
    """
    found: dict[str, tuple[str, str | None]] = {}
    for kind, pattern in _COMPILED:
        if kind in found:
            continue
        match = pattern.search(text)
        if match is not None:
            groups = match.groupdict()
            found[kind] = (groups["avg"], groups.get("ind"))
    return found
