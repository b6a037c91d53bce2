"""Read the same SSI from every form a browser saves it in: HTML, MHTML, gzip, HAR.

Run from the repository root::

    python examples/parse_saved_forms.py

Builds each form in memory from one small page and the bundled API answer
(``examples/data/ssi-api.json``), parses it, and shows that a copied request
("Copy as cURL") is refused without echoing its cookie.
"""

from __future__ import annotations

import base64
import gzip
import json
import quopri
from pathlib import Path

import ssi_index

API = (Path(__file__).parent / "data" / "ssi-api.json").read_text("utf-8")

# A 2026 page in Japanese, saved by SingleFile: unquoted attributes, omitted end tags, and a
# decoy bar inside a <template> that a browser never shows.
PAGE = """<!DOCTYPE html><html lang=ja><head><meta charset=utf-8><title>SSI</title></head><body>
<template><progress id=establish-brand__sub-score-bar value=24.9 max=25></template>
<div class=user-ssi-score__donut-chart-caption><span class=ssi-score__value>48</span> / 100</div>
<ul><li><progress id=establish-brand__sub-score-bar value=14.2 max=25></progress>
<li><progress id=find-people__sub-score-bar value=9.0300007 max=25></progress>
<li><progress id=engage-with-insights__sub-score-bar value=13.6 max=25></progress>
<li><progress id=build-relationships__sub-score-bar value=10.7 max=25></progress></ul>
<ul><li class=ssi-rank><span class=ssi-rank__category-name>業界のSSIランク</span>
<span class=ssi-rank__category-score>上位<span class=t-40>12</span>%</span>
<li class=ssi-rank><span class=ssi-rank__category-name>ネットワークのSSIランク</span>
<span class=ssi-rank__category-score>上位<span class=t-40>30</span>%</span></ul>
<div class=group-ssi-score><div class=group-ssi-score__donut-chart>
<span class=ssi-score__value>31</span></div><p>業界の平均SSIは31です。</div>
<div class=group-ssi-score><div class=group-ssi-score__donut-chart>
<span class=ssi-score__value>27</span></div><p>ネットワークの平均SSIは27です。</div>
</body></html>"""


def mhtml(page: str) -> bytes:
    """Chrome's "Webpage, Single File" of *page*."""
    boundary = "----MultipartBoundary--example----"
    body = quopri.encodestring(page.encode()).decode()
    return (
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://www.linkedin.com/sales/ssi\r\n"
        f'MIME-Version: 1.0\r\nContent-Type: multipart/related; type="text/html"; '
        f'boundary="{boundary}"\r\n\r\n--{boundary}\r\nContent-Type: text/html\r\n'
        "Content-Transfer-Encoding: quoted-printable\r\n"
        f"Content-Location: https://www.linkedin.com/sales/ssi\r\n\r\n{body}\r\n--{boundary}--\r\n"
    ).encode()


def har(answer: str) -> bytes:
    """A DevTools HAR with a decoy entry and the salesApiSsi answer (base64)."""

    def entry(url: str, text: str) -> dict[str, object]:
        content = {
            "mimeType": "application/json",
            "encoding": "base64",
            "text": base64.b64encode(text.encode()).decode(),
        }
        return {
            "request": {"method": "GET", "url": url},
            "response": {"status": 200, "content": content},
        }

    decoy = '{"memberScore": {"overall": 99}}'
    entries = [
        entry("https://www.linkedin.com/sales-api/salesApiSsiSettings", decoy),
        entry("https://www.linkedin.com/sales-api/salesApiSsi", answer),
    ]
    return json.dumps({"log": {"version": "1.2", "entries": entries}}).encode()


def main() -> None:
    forms = {
        "SingleFile page": PAGE.encode(),
        "MHTML": mhtml(PAGE),
        "gzip-compressed page": gzip.compress(PAGE.encode()),
        "UTF-16 page": PAGE.encode("utf-16"),
        "HAR (bundled answer)": har(API),
    }
    for name, data in forms.items():
        score = ssi_index.parse(data)
        industry = score.industry or ssi_index.GroupScore()
        print(
            f"{name:22} overall {score.overall:6.2f}  industry: top {industry.rank}%, "
            f"average {industry.average}"
        )
    curl = "curl 'https://www.linkedin.com/sales-api/salesApiSsi' -b 'li_at=AQEDAexample'"
    try:
        ssi_index.parse(curl)
    except ssi_index.ParseError as err:
        print("Copy as cURL:", str(err)[:100], "...")
        print("cookie in the message:", "AQEDAexample" in str(err))


if __name__ == "__main__":
    main()
