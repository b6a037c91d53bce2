"""How much one ``recommend()`` call costs, as a ratio against a baseline measured in the same run.

Run ``python benchmarks/bench_recommend.py`` (or ``--quick`` for a few-second run, as CI does).

Figures printed, all in microseconds per call:

- baseline: ``Score.from_pillars`` (building the input) and ``copy.deepcopy`` of a score dict;
- first call: the one-time cost of reading the catalog, goals and pipeline files;
- warm: the same score again (the default pipeline's results are memoised by their inputs);
- cold: a new score every call (nothing memoised: every rule runs, every text is rendered),
  the best of a few passes, each over scores never seen before;
- cold, Hebrew and Russian: the same, in the other two locales.

Since the ranking weighs each item by what the roadmap's pace says it can add this
month, a cold call costs a few hundred µs; the aim is for ``roadmap`` + ``focus`` +
``recommend`` together to stay under 1 ms per new score (``bench_coach.py`` measures
that). The ratios make the figures comparable across machines. The script never fails
on speed: it prints and exits 0.
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
import time
from collections.abc import Callable

from ssi_index import Score, recommend

WORKED = [13.4, 10.7, 11.1, 25.0]


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
    """The best of *repeat* passes of *fn* over new scores from *make*, each used once.

    In microseconds per call. Every pass has scores never seen before, so nothing is
    memoised; taking the best pass, as :func:`per_call` does, keeps out the noise of a
    shared machine.
    """
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
    number, repeat, distinct = (2_000, 3, 2_000) if args.quick else (20_000, 5, 20_000)

    score = Score.from_pillars(WORKED)
    start = time.perf_counter()
    recommend(score)
    first = (time.perf_counter() - start) * 1e6

    as_dict = score.to_dict()
    base_build = per_call(lambda: Score.from_pillars(WORKED), number, repeat)
    base_copy = per_call(lambda: copy.deepcopy(as_dict), number, repeat)
    warm = per_call(lambda: recommend(score), number, repeat)

    rng = random.Random(2026)

    def fresh() -> list[Score]:
        return [Score.from_pillars([rng.uniform(0, 25) for _ in range(4)]) for _ in range(distinct)]

    cold = per_item(recommend, fresh, repeat)
    cold_he = per_item(lambda s: recommend(s, locale="he"), fresh, repeat)
    cold_ru = per_item(lambda s: recommend(s, locale="ru", goal="ads"), fresh, repeat)

    rows = [
        ("baseline: Score.from_pillars", base_build),
        ("baseline: copy.deepcopy(score dict)", base_copy),
        ("recommend, first call (loads data)", first),
        ("recommend, warm (same score)", warm),
        ("recommend, cold (new score), en", cold),
        ("recommend, cold (new score), he", cold_he),
        ("recommend, cold (new score), ru + ads", cold_ru),
    ]
    print(f"bench_recommend ({'quick' if args.quick else 'full'}; Python {sys.version.split()[0]})")
    print(f"{'':40} {'µs/call':>10} {'× from_pillars':>15} {'× deepcopy':>11}")
    for name, value in rows:
        print(f"{name:40} {value:10.1f} {value / base_build:15.1f} {value / base_copy:11.1f}")
    print("aim: roadmap + focus + recommend under 1 ms per new score (see bench_coach.py)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
