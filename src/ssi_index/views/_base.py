"""What every view shares: styles, escaping, bidi isolation, localized labels."""

from __future__ import annotations

import html
from typing import Final

from ssi_index._i18n import direction, format_number, message, normalize_locale, plural

__all__ = [
    "BLUE",
    "MUTED",
    "NUM",
    "ROOT",
    "TABLE",
    "TD",
    "TH",
    "TH_END",
    "badge",
    "bar",
    "capital",
    "e",
    "iso",
    "label",
    "num",
    "open_root",
    "points",
]

ROOT: Final = (
    "font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;"
    "font-size:13px;line-height:1.45;color:#1f1f1f;max-width:46em;text-align:start"
)
BLUE: Final = "#0a66c2"
MUTED: Final = "color:#666666"
TABLE: Final = "border-collapse:collapse;margin:0.5em 0 0 0;width:100%"
TH: Final = (
    "text-align:start;padding:4px 8px;border-bottom:2px solid #d0d7de;font-weight:600;"
    "white-space:nowrap"
)
TH_END: Final = TH.replace("text-align:start", "text-align:end")
TD: Final = "text-align:start;padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top"
NUM: Final = (
    "text-align:end;padding:4px 8px;border-bottom:1px solid #eaeef2;"
    "font-variant-numeric:tabular-nums;white-space:nowrap;vertical-align:top"
)


def capital(text: str) -> str:
    """*text* with its first letter upper-case (for headers; Hebrew has no case)."""
    return text[:1].upper() + text[1:]


def e(text: object) -> str:
    """Escape *text* for HTML (quotes too)."""
    return html.escape(str(text), quote=True)


def iso(text: object) -> str:
    """Escaped *text* in a ``<bdi>``: its direction never disturbs the line around it."""
    return f"<bdi>{e(text)}</bdi>"


def label(locale: str, key: str, /, **fields: object) -> str:
    """The views message *key* in *locale* (not escaped)."""
    return message(locale, f"views.{key}", **fields)


def num(locale: str, value: float, digits: int = 2, *, sign: bool = False) -> str:
    """A number the locale's way, isolated (``<bdi>13.4</bdi>``)."""
    return iso(format_number(locale, value, digits, sign=sign))


def points(locale: str, value: float) -> str:
    """A count of points with its unit in the right plural form (escaped)."""
    return e(plural(locale, "units.points", value))


def open_root(locale: str, kind: str, *, wide: bool = False) -> str:
    """The opening ``<div>`` of a view: its kind, ``lang`` and direction (RTL for Hebrew)."""
    lang = normalize_locale(locale)
    style = f"{ROOT};max-width:none" if wide else ROOT
    return f'<div lang="{lang}" dir="{direction(lang)}" style="{style}" data-ssi="{kind}">'


def bar(value: float, maximum: float, color: str = BLUE) -> str:
    """A small horizontal bar, filled to *value* of *maximum* (from the start side)."""
    share = max(0.0, min(1.0, value / maximum)) * 100
    return (
        '<div style="background:#e8eef5;border-radius:3px;height:8px;width:9em;'
        'margin-top:5px">'
        f'<div style="background:{color};border-radius:3px;height:8px;width:{share:.1f}%">'
        "</div></div>"
    )


def badge(text: str, color: str, title: str | None = None) -> str:
    """A rounded label (escaped)."""
    tip = f' title="{e(title)}"' if title else ""
    return (
        f'<span{tip} style="display:inline-block;padding:0 7px;border-radius:9px;'
        f"border:1px solid {color};color:{color};font-size:11px;font-weight:600;"
        f'line-height:17px;white-space:nowrap">{e(text)}</span>'
    )
