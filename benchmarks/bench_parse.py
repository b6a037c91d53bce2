"""How fast ssi_index.parse reads every saved form, against baselines in the same run.

* A ~300 KB page of every generation (2024-26 bars, 2026 hidden tables, 2022-23,
  ~2021) and a refused (logged-out) page: ``parse`` against
  ``BeautifulSoup(page, "html.parser")`` on the same bytes (building the DOM,
  without even reading the score). Goal: at least 50x faster.
* SingleFile and MHTML saves: the same baseline on the same bytes. Goal: 20x.
* An API payload and a HAR file: ``parse`` against ``json.loads`` of the same
  bytes. Goal: at most 10x the time.
* Linear time: time per KB of ``parse`` on crafted inputs (runs of ``<!--``,
  ``<meta http-equiv=refresh``, ``<link a``, ``<``, quotes, ``&``, nesting ...)
  from 10 KB to 10 MB (1 MB with ``--quick``); the largest size's time per KB
  over the smallest's should stay near 1 (goal: under 3).

Pages come from ``tests/fixtures/``. The parser reads every page whole with lxml
(a runtime dependency), so ``--no-lxml`` (kept for CI's command line) cannot
remove it: it only checks that beautifulsoup4's own lxml builder plays no part,
by hiding ``lxml`` from bs4's builder registry for the baseline.

Run: ``python benchmarks/bench_parse.py`` (``--quick`` for CI).
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
sys.path.insert(0, str(FIXTURES))
from crafted import CRAFTED, crafted  # noqa: E402

PAGES = (
    ("pages/2026-en.html", 50),
    ("pages/2026-he.html", 50),
    ("pages/2026-ja-utf16.html", 50),
    ("pages/2026-tables-en.html", 50),
    ("pages/2023-en.html", 50),
    ("pages/2021-en.html", 50),
    ("pages/login.html", 50),
    ("pages/unrelated.html", 50),
    ("singlefile/2026-es.html", 20),
    ("mhtml/2026-es.mhtml", 20),
)
PAYLOADS = ("json/api-2026.json", "json/api-seat.json", "har/salesApiSsi.har")


def best(func: Callable[[], object], number: int, repeat: int) -> float:
    """Best CPU time of one call, in seconds (``time.process_time``: other work does not count)."""
    timer = timeit.Timer(func, timer=time.process_time)
    return min(timer.repeat(number=number, repeat=repeat)) / number


def outcome(func: Callable[[], object]) -> Callable[[], object]:
    """*func*, with the SSIError a refused input raises caught (it is the answer)."""

    def run() -> object:
        try:
            return func()
        except ssi_index.SSIError as err:
            return err

    return run


def pages(repeat: int, runs: int) -> bool:
    print(f"{'input':34} {'size':>8} {'baseline':>12} {'parse':>10} {'ratio':>9}  goal")
    ok = True
    for name, goal in PAGES:
        data = (FIXTURES / name).read_bytes()
        ours_call = outcome(partial(ssi_index.parse, data))
        ours_call()  # warm up
        soup = best(partial(BeautifulSoup, data, "html.parser"), 1, repeat)
        ours = best(ours_call, runs, repeat)
        ratio = soup / ours
        ok &= ratio >= goal
        print(
            f"{name:34} {len(data) // 1024:>6}KB {soup * 1e3:>9.2f} ms {ours * 1e3:>7.3f} ms "
            f"{ratio:>7.0f}x  >= {goal}x faster than BeautifulSoup(html.parser)"
        )
    return ok


def payloads(repeat: int, runs: int) -> bool:
    ok = True
    for name in PAYLOADS:
        data = (FIXTURES / name).read_bytes()
        ssi_index.parse(data)
        n = max(1, runs // 20) if name.endswith(".har") else runs
        loads = best(partial(json.loads, data), n, repeat)
        ours = best(partial(ssi_index.parse, data), n, repeat)
        ratio = ours / loads
        ok &= ratio <= 10
        print(
            f"{name:34} {len(data):>7}B {loads * 1e6:>9.2f} us {ours * 1e6:>7.2f} us "
            f"{ratio:>7.1f}x  <= 10x the time of json.loads"
        )
    return ok


def linear(sizes: tuple[int, ...], repeat: int) -> bool:
    head = " ".join(f"{s // 1000:>7}KB" for s in sizes)
    print(f"\nlinear time: us per KB of parse() on crafted inputs\n{'pattern':28} {head}  growth")
    ok = True
    for name in CRAFTED:
        per_kb = []
        for size in sizes:
            data = crafted(name, size)
            call = outcome(partial(ssi_index.parse, data))
            per_kb.append(best(call, 1, repeat if size <= 1_000_000 else 1) / (size / 1024))
        growth = per_kb[-1] / per_kb[0]
        ok &= growth < 3
        cells = " ".join(f"{t * 1e6:>9.2f}" for t in per_kb)
        print(f"{name[:28]:28} {cells}  {growth:5.2f}x")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions, sizes to 1 MB (CI)")
    parser.add_argument(
        "--no-lxml",
        action="store_true",
        help="hide bs4's lxml builder (the parser itself always uses lxml)",
    )
    args = parser.parse_args()
    if args.no_lxml:
        from bs4.builder import builder_registry

        builder_registry.builders_for_feature.pop("lxml", None)
    repeat = 3 if args.quick else 7
    runs = 5 if args.quick else 50
    sizes = (10_000, 100_000, 1_000_000) if args.quick else (10_000, 100_000, 1_000_000, 10_000_000)
    print(f"Python {platform.python_version()} on {platform.machine()}, pages parsed whole by lxml")
    ok = pages(repeat, runs)
    ok &= payloads(repeat, runs * 100)
    ok &= linear(sizes, repeat)
    print("all within goal" if ok else "NOT all within goal (see above)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
