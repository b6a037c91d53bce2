"""Re-take the report screenshots in docs/_static/ (needs Playwright and Debian's chromium).

Run from the repository root: ``python docs/screenshots.py``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

SHOTS = {
    "report-personal.png": ("dana.html", 1000),
    "report-personal-he-phone.png": ("dana.he.html", 390),
    "report-team.png": ("team-emea.html", 1000),
    "report-team-ru-phone.png": ("team-emea.ru.html", 390),
}


def main() -> None:
    static = Path(__file__).parent / "_static"
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "examples/reports.py", folder], check=True)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            for png, (page_file, width) in SHOTS.items():
                page = browser.new_page(viewport={"width": width, "height": 800})
                html = (Path(folder) / page_file).read_text(encoding="utf-8")
                page.set_content(html)
                page.screenshot(path=str(static / png), full_page=True)
                page.close()
            browser.close()


if __name__ == "__main__":
    main()
