"""Read an SSI score from whatever you saved: LinkedIn's JSON, a proxy's wrapper, or the page.

Run from the repository root::

    python examples/parse_page.py [FILE ...]

Without arguments it parses the bundled proxy answer ``examples/data/ssi-proxy-wrapped.json``,
a small saved SSI page (written to a temporary directory), and a logged-out page, to show the
error you get. Pass your own files (a page saved with "Save page as...", or the salesApiSsi
JSON copied from the browser's network tab) to parse those instead.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import ssi_index

SAMPLE = Path(__file__).parent / "data" / "ssi-proxy-wrapped.json"

# The part of a 2024-26 SSI page that matters, as the browser saves it (a real page
# is ~300 KB of scripts and styles around it; parse() reads the whole page, but only
# values from markup a browser shows).
PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>SSI</title></head>
<body><div class="user-ssi-score__donut-chart-caption">
  <span class="ssi-score__value t-40">58</span><span>von 100</span></div>
<progress id="establish-brand__sub-score-bar" value="16.120001" max="25"></progress>
<progress id="find-people__sub-score-bar" value="12.5" max="25"></progress>
<progress id="engage-with-insights__sub-score-bar" value="9.8299999" max="25"></progress>
<progress id="build-relationships__sub-score-bar" value="19.24" max="25"></progress>
<ul><li class="ssi-rank"><span class="ssi-rank__category-name">SSI-Rang in der Branche</span>
  <span class="ssi-rank__category-score">Top <span class="t-40">9</span>&nbsp;%</span></li>
<li class="ssi-rank"><span class="ssi-rank__category-name">SSI-Rang im Netzwerk</span>
  <span class="ssi-rank__category-score">Top <span class="t-40">14</span>&nbsp;%</span></li></ul>
<p>Vertriebsprofis in der Branche Maschinenbau haben einen durchschnittlichen SSI von 24,6.</p>
<p>Personen in Ihrem Netzwerk haben einen durchschnittlichen SSI von 29,1.</p>
</body></html>"""

LOGGED_OUT = """<html><head><title>Sign In | LinkedIn</title></head><body>
<form action="/checkpoint/lg/login-submit" method="post">
<input name="session_key"><input type="password" name="session_password"></form></body></html>"""


def show(path: Path) -> int:
    try:
        score = ssi_index.parse_file(path)
    except ssi_index.NotAuthenticatedError as err:
        print(f"{path.name}: not signed in: {err}")
        return 1
    except ssi_index.SSIError as err:
        print(f"{path.name}: {type(err).__name__}: {err}")
        return 1
    pillars = ", ".join(f"{p.label} {v:.2f}" for p, v in score.pillars.items())
    print(f"{path.name}: SSI {score.overall:.2f} ({pillars})")
    for group in score.groups:
        details = [f"top {group.rank}%" if group.rank is not None else None]
        details.append(f"average {group.average:g}" if group.average is not None else None)
        details.append(group.name)
        print(f"  {group.kind}: " + ", ".join(d for d in details if d))
    return 0


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        return max(show(Path(arg)) for arg in argv[1:])
    show(SAMPLE)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "ssi-page.html"
        page.write_text(PAGE, encoding="utf-8")
        show(page)
        login = Path(tmp) / "logged-out.html"
        login.write_text(LOGGED_OUT, encoding="utf-8")
        show(login)  # expected to fail: shows the advice the user gets
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
