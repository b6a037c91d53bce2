"""What the coach costs per new score: ``roadmap`` + ``focus`` + ``recommend``.

Run ``python benchmarks/bench_coach.py`` (or ``--quick`` for a few-second run, as CI does).

Figures printed, in microseconds per new score (each pass uses scores never seen before,
the best pass is kept), with ratios against two baselines measured in the same run:
``Score.from_pillars`` and ``copy.deepcopy`` of a score dict.

- roadmap: 12 weekly milestones at ssi-index's pace;
- focus: this week's actions (it plans one week itself);
- recommend: the ranked advice;
- all three, as the CLI's ``show`` and a weekly report use them; in Hebrew too.

The aim is under 1 ms for the three together. The script never fails on speed: it prints
and exits 0.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import random
import sys
import time
from collections.abc import Callable

from ssi_index import Score, focus, recommend, roadmap

WORKED = [13.4, 10.7, 11.1, 25.0]
START = dt.date(2026, 1, 5)


def per_call(fn: Callable[[], object], number: int, repeat: int) -> float:
    """The best of *repeat* timings of *number* calls, in microseconds per call."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, time.perf_counter() - start)
    return best / number * 1e6


def per_item(fn: Callable[[Score], object], make: Callable[[], list[Score]], repeat: int) -> float:
    """The best of *repeat* passes of *fn* over new scores from *make*, in µs per score."""
    best = float("inf")
    for _ in range(repeat):
        scores = make()
        start = time.perf_counter()
        for score in scores:
            fn(score)
        best = min(best, (time.perf_counter() - start) / len(scores))
    return best * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, a few seconds")
    args = parser.parse_args(argv)
    number, repeat, distinct = (1_000, 3, 300) if args.quick else (10_000, 5, 3_000)

    score = Score.from_pillars(WORKED)
    begin = time.perf_counter()
    roadmap(score, start=START)
    focus(score, start=START)
    recommend(score)
    first = (time.perf_counter() - begin) * 1e6

    as_dict = score.to_dict()
    base_build = per_call(lambda: Score.from_pillars(WORKED), number, repeat)
    base_copy = per_call(lambda: copy.deepcopy(as_dict), number, repeat)
    rng = random.Random(2026)

    def fresh() -> list[Score]:
        return [Score.from_pillars([rng.uniform(0, 25) for _ in range(4)]) for _ in range(distinct)]

    def coach(s: Score, locale: str = "en") -> None:
        roadmap(s, start=START, locale=locale)
        focus(s, start=START, locale=locale)
        recommend(s, locale=locale)

    rows = [
        ("baseline: Score.from_pillars", base_build),
        ("baseline: copy.deepcopy(score dict)", base_copy),
        ("first calls (load the data files)", first),
        ("roadmap, new score", per_item(lambda s: roadmap(s, start=START), fresh, repeat)),
        ("focus, new score", per_item(lambda s: focus(s, start=START), fresh, repeat)),
        ("recommend, new score", per_item(recommend, fresh, repeat)),
        ("roadmap + focus + recommend, en", per_item(coach, fresh, repeat)),
        ("roadmap + focus + recommend, he", per_item(lambda s: coach(s, "he"), fresh, repeat)),
    ]
    print(f"bench_coach ({'quick' if args.quick else 'full'}; Python {sys.version.split()[0]})")
    print(f"{'':40} {'µs/score':>10} {'× from_pillars':>15} {'× deepcopy':>11}")
    for name, value in rows:
        print(f"{name:40} {value:10.1f} {value / base_build:15.1f} {value / base_copy:11.1f}")
    print("aim: under 1000 µs for roadmap + focus + recommend together")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
