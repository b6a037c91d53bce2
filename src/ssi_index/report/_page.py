"""The page every report shares: its document, inline styles and small escaping helpers.

A Content-Security-Policy of ``default-src 'none'`` is set in the page itself, so
even a browser that follows links would load nothing. Every text from the store
is escaped; names and notes sit in ``<bdi>`` so a Latin name keeps its place in a
Hebrew sentence and a Hebrew note in an English one.
"""

from __future__ import annotations

import html
from typing import Final

from ssi_index._i18n import direction, format_number, message
from ssi_index._model import PILLAR_MAX, Pillar, PillarScores
from ssi_index.rules import texts

__all__ = ["bdi", "e", "num", "page", "pillar_rows", "signed", "t", "with_html"]

_CSS: Final = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#f6f8fa;color:#1f2328;
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Hebrew",
"Helvetica Neue",Arial,sans-serif;overflow-wrap:break-word}
main{max-width:860px;margin:0 auto;padding:16px}
header{margin:0 0 12px}
h1{font-size:1.45em;line-height:1.25;margin:0 0 4px}
h2{font-size:1.1em;margin:0 0 10px}
section{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px;margin:0 0 14px}
p{margin:0 0 6px}
.muted{color:#57606a}
.small{font-size:.9em}
.headline{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 14px}
.total{font-size:2.8em;font-weight:700;line-height:1;color:#0a66c2}
.badge{display:inline-block;padding:1px 10px;border-radius:999px;border:1px solid #57606a;
font-size:.9em;font-weight:600}
.chart-box{max-width:700px}
.chart-box.narrow{display:none}
@media (max-width:560px){.chart-box.wide{display:none}.chart-box.narrow{display:block}}
.legend{list-style:none;padding:0;margin:8px 0;display:flex;flex-wrap:wrap;gap:4px 16px;
font-size:.9em}
.legend li{margin:0;white-space:nowrap}
.swatch{display:inline-block;width:14px;height:14px;border:1px solid #d0d7de;border-radius:3px;
vertical-align:-2px;margin-inline-end:6px}
.swatch.line{height:0;border:0;border-top:2px dashed;border-radius:0;vertical-align:4px}
svg.chart{display:block;width:100%;height:auto}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%}
table{border-collapse:collapse;width:100%}
th,td{padding:6px 8px;border-bottom:1px solid #eaeef2;text-align:start;vertical-align:top}
th{font-size:.9em;color:#57606a;font-weight:600}
.num{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}
.bar{height:8px;min-width:64px;background:#e8eef5;border-radius:4px;margin-top:7px}
.bar>span{display:block;height:100%;background:#0a66c2;border-radius:4px}
ol,ul{margin:0;padding-inline-start:1.4em}
li{margin:0 0 8px}
li li{margin:2px 0}
.moves{list-style:none;padding:0}
.moves li{margin:2px 0;padding-inline-start:1.3em;position:relative}
.move::before{position:absolute;inset-inline-start:0;font-size:.8em}
.move.up::before{content:"\\25B2";color:#1a7f37}
.move.down::before{content:"\\25BC";color:#cf222e}
.move.flat::before{content:"\\25CF";color:#8c959f}
.up{color:#1a7f37}.down{color:#cf222e}
td.day{white-space:nowrap}
bdi{unicode-bidi:isolate}
footer{font-size:.85em;color:#57606a;padding:4px 2px 24px}
table.board{min-width:560px}
.board td{white-space:nowrap}
.board th{white-space:normal;min-width:5.5em;vertical-align:bottom}
@media (max-width:480px){main{padding:8px}section{padding:12px}.total{font-size:2.3em}}
""".replace("\n", "")

_CSP: Final = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


# C0 controls but NUL (the page's own placeholder mark; stores refuse NUL in text), tab,
# LF and CR, then DEL and the C1 controls: shown as U+FFFD, never written.
_CONTROLS: Final = dict.fromkeys((*range(1, 9), 11, 12, *range(14, 32), *range(127, 160)), "\ufffd")


def e(text: object) -> str:
    """*text* escaped for HTML, its control characters shown as U+FFFD (linear time)."""
    return html.escape(str(text).translate(_CONTROLS), quote=True)


def bdi(text: str) -> str:
    return f"<bdi>{e(text)}</bdi>"


def t(locale: str, key: str, /, **fields: object) -> str:
    """The message *key*, escaped for HTML."""
    return e(message(locale, key, **fields))


def with_html(locale: str, key: str, /, **parts: str) -> str:
    """The message *key* escaped, with *parts* (already HTML) put in their fields."""
    marks = {name: f"\x00{i}\x00" for i, name in enumerate(parts)}
    text = e(message(locale, key, **marks))
    for name, mark in marks.items():
        text = text.replace(mark, parts[name])
    return text


def num(locale: str, value: float) -> str:
    return e(format_number(locale, value, 1))


def page(locale: str, title: str, body: list[str]) -> str:
    dir_ = direction(locale)
    return "".join(
        [
            "<!DOCTYPE html>\n",
            f'<html lang="{locale}" dir="{dir_}">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="ssi-index">',
            f"<title>{e(title)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            f'<body><main dir="{dir_}" data-report>',
            *body,
            f"<footer>{e(message(locale, 'report.footer'))}</footer>",
            "</main></body></html>\n",
        ]
    )


def signed(locale: str, value: float | None) -> str:
    if value is None:
        return '<span class="muted">\u2014</span>'
    css = "up" if value > 0 else "down" if value < 0 else "flat"
    text = e(format_number(locale, value, 1, sign=True))
    return f'<bdi class="{css}" dir="ltr">{text}</bdi>'


def pillar_rows(
    locale: str,
    pillars: PillarScores,
    *,
    gap: bool,
    moved: dict[Pillar, float] | None = None,
) -> list[str]:
    words = texts(locale)
    rows = []
    for pillar, points in pillars.items():
        share = max(0.0, min(1.0, points / PILLAR_MAX)) * 100
        change = (
            "" if moved is None else f'<td class="num">{signed(locale, moved.get(pillar))}</td>'
        )
        rest = change + (f'<td class="num">{num(locale, PILLAR_MAX - points)}</td>' if gap else "")
        rows.append(
            f'<tr data-pillar="{pillar.value}"><td>{e(words.pillar(pillar))}'
            f'<div class="bar"><span style="width:{share:.1f}%"></span></div></td>'
            f'<td class="num">{num(locale, points)}</td>{rest}</tr>'
        )
    return rows
