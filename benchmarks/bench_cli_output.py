"""What the CLI's safe output layer costs, against plain string formatting in the same run.

A year of history (365 rows of ten columns, with notes in Hebrew, Chinese and emoji) is
laid out by ``ssi_index.cli._output.table`` and rendered (every cell escaped, padded by
display width) and compared with the naive layout most CLIs use: ``str.ljust`` on
``len()`` (which misaligns wide characters and lets control characters through).
Goal: at most 15x the naive time, and well under 50 ms for the year, so ``history``
stays instant.

Run: ``python benchmarks/bench_cli_output.py`` (``--quick`` for a short run).
"""

from __future__ import annotations

import argparse
import io
import time
import timeit
from collections.abc import Callable

from ssi_index.cli._output import Output, table

NOTES = ("", "פוסט ראשון", "发了三篇文章", "wrote 😀 posts", "", "", "note\x1b[2J")


def rows(days: int) -> list[list[str]]:
    """A history table: a header, then one row a day."""
    header = ["day", "total", "brand", "people", "insights", "relationships", "week", "notes"]
    body = [
        [
            f"2026-{1 + i // 31 % 12:02d}-{1 + i % 28:02d}",
            f"{40 + i % 30:.2f}",
            f"{10 + i % 15:.2f}",
            f"{9 + i % 14:.2f}",
            f"{8 + i % 13:.2f}",
            f"{12 + i % 12:.2f}",
            f"{(i % 7) - 3:+.2f}",
            NOTES[i % len(NOTES)],
        ]
        for i in range(days)
    ]
    return [header, *body]


def safe(data: list[list[str]]) -> str:
    out = Output(io.StringIO(), False)
    return "".join(out.render(line) + "\n" for line in table(data, right=frozenset(range(1, 7))))


def naive(data: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in data) for i in range(len(data[0]))]
    return "".join(
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n" for r in data
    )


def best(func: Callable[[], object], number: int, repeat: int) -> float:
    """Best CPU time of one call, in seconds (CPU time: other processes do not count)."""
    return min(timeit.repeat(func, timer=time.process_time, number=number, repeat=repeat)) / number


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (CI)")
    args = parser.parse_args()
    number, repeat = (3, 3) if args.quick else (20, 7)
    data = rows(365)
    ours = best(lambda: safe(data), number, repeat)
    base = best(lambda: naive(data), number, repeat)
    print(f"history table, 365 rows: safe {ours * 1000:.2f} ms, naive {base * 1000:.2f} ms")
    print(f"ratio safe / naive: {ours / base:.1f}x (goal: at most 15x, and under 50 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
