"""How fast ssi_index.parse reads saved pages and API JSON, against baselines in the same run.

* A ~300 KB 2024-26 page and the ~2021 page: ``parse`` against
  ``BeautifulSoup(page, "html.parser")`` alone (building the DOM, without even
  reading the score). Goal: at least 50x faster (aim 100x).
* An API payload: ``parse`` against ``json.loads`` of the same bytes.
  Goal: at most 10x the time (aim 4x).

Pages come from ``tests/fixtures/pages/``; each is measured as text (what
``page.content()`` gives) and as bytes (what a saved file holds).

Run: ``python benchmarks/bench_parse.py`` (``--quick`` for a few seconds' run;
``--no-lxml`` to measure the beautifulsoup4 path used when lxml is not installed).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
import timeit
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bs4 import BeautifulSoup

import ssi_index

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
PAGES = ("pages/2026-en.html", "pages/2026-he.html", "pages/2021-en.html")
PAYLOADS = ("json/api-2026.json", "json/api-seat.json")


def best(func: Callable[[], object], number: int, repeat: int) -> float:
    """Best CPU time of one call, in seconds.

    CPU time of this process (``time.process_time``), not wall time, so that other
    work on a shared machine does not skew the ratios.
    """
    timer = timeit.Timer(func, timer=time.process_time)
    return min(timer.repeat(number=number, repeat=repeat)) / number


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions (CI)")
    parser.add_argument(
        "--no-lxml",
        action="store_true",
        help="measure the beautifulsoup4 fallback (as without lxml)",
    )
    args = parser.parse_args()
    repeat = 5 if args.quick else 7  # best of 5 even when quick: a shared machine is noisy
    page_runs, json_runs, soup_runs = (20, 2000, 1) if args.quick else (300, 30000, 3)

    print(f"Python {platform.python_version()} on {platform.machine()}, ", end="")
    print("pages parsed whole with lxml's HTML5 tokenizer (a runtime dependency)")
    print(f"{'input':34} {'size':>8} {'baseline':>12} {'parse':>10} {'ratio':>9}  goal")
    ok = True
    for name in PAGES:
        data = (FIXTURES / name).read_bytes()
        for label, page in (
            (f"{name} (text)", data.decode("utf-8-sig")),
            (f"{name} (bytes)", data),
        ):
            ssi_index.parse(page)  # warm up: imports, caches
            soup = best(partial(BeautifulSoup, page, "html.parser"), soup_runs, repeat)
            ours = best(partial(ssi_index.parse, page), page_runs, repeat)
            ratio = soup / ours
            ok &= ratio >= 50
            print(
                f"{label:34} {len(data) // 1024:>6}KB {soup * 1e3:>9.2f} ms {ours * 1e3:>7.3f} ms "
                f"{ratio:>7.0f}x  >= 50x faster than BeautifulSoup(html.parser)"
            )
    for name in PAYLOADS:
        data = (FIXTURES / name).read_bytes()
        ssi_index.parse(data)
        loads = best(partial(json.loads, data), json_runs, repeat)
        ours = best(partial(ssi_index.parse, data), json_runs, repeat)
        ratio = ours / loads
        ok &= ratio <= 10
        print(
            f"{name + ' (bytes)':34} {len(data):>7}B {loads * 1e6:>9.2f} us {ours * 1e6:>7.2f} us "
            f"{ratio:>7.1f}x  <= 10x the time of json.loads"
        )
    print("all within goal" if ok else "NOT all within goal (see above)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
