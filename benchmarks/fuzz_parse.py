"""Fuzz ssi_index.parse: every input must give a Score or an SSIError, nothing else.

Seeds are the fixtures in ``tests/fixtures/`` (the JSON and HAR files whole; pages,
SingleFile and MHTML saves cut down to their SSI section so each run stays fast).
Each input is fed to ``parse`` as bytes and as text, and to ``parse_json`` and
``parse_html``.

With atheris installed (``pip install atheris``; not a dependency of ssi-index)
the run is coverage-guided by libFuzzer; without it, a seeded mutation fuzzer
(bit flips, insertions, deletions, duplications, splices, truncations) over the
same seeds checks the same property. Prints the count of each outcome; exits 1
on the first input that raises anything but an SSIError.

Run: ``python benchmarks/fuzz_parse.py`` (100,000 inputs), ``--quick`` (2,000),
``--runs N``, ``--engine mutate`` to force the fallback.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
MARKERS = ('sub-score-bar"', "ssi-score__value block", "&quot;memberScore&quot;")
COUNTS: collections.Counter[str] = collections.Counter()


def seeds() -> list[bytes]:
    """The fixtures, pages cut to their SSI section (plus their first 2 KB, for the charset)."""
    found = []
    for path in sorted((FIXTURES / "json").iterdir()):
        found.append(path.read_bytes())
    for path in sorted((FIXTURES / "har").iterdir()):
        found.append(path.read_bytes())
    paths = [
        *sorted((FIXTURES / "pages").iterdir()),
        *sorted((FIXTURES / "singlefile").iterdir()),
        *sorted((FIXTURES / "mhtml").iterdir()),
    ]
    for path in paths:
        data = path.read_bytes()
        anchor = max(data.find(marker.encode()) for marker in MARKERS)
        if anchor < 0:
            found.append(data[:2048] + data[len(data) // 2 : len(data) // 2 + 4096])
        else:
            found.append(data[:2048] + data[max(2048, anchor - 3000) : anchor + 6000])
    return found


def check(data: bytes) -> None:
    """Feed *data* every way; count outcomes; let anything but an SSIError escape."""
    import ssi_index

    text = data.decode("utf-8", "replace")
    calls: tuple[tuple[str, Callable[[Any], object], object], ...] = (
        ("parse(bytes)", ssi_index.parse, data),
        ("parse(text)", ssi_index.parse, text),
        ("parse_json", ssi_index.parse_json, data),
        ("parse_html", ssi_index.parse_html, data),
    )
    for _name, func, value in calls:
        try:
            func(value)
        except ssi_index.SSIError as err:
            COUNTS[type(err).__name__] += 1
        else:
            COUNTS["Score"] += 1


def report(runs: int, started: float, engine: str) -> None:
    took = time.perf_counter() - started
    print(f"engine: {engine}; inputs: {runs}; calls: {sum(COUNTS.values())}; {took:.1f} s")
    for outcome, count in COUNTS.most_common():
        print(f"  {outcome:24} {count:>9}")
    print("no input raised anything but an SSIError")


def mutate(rnd: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    """One to four random edits of *data*."""
    buf = bytearray(data)
    for _ in range(rnd.randint(1, 4)):
        choice = rnd.randrange(7)
        pos = rnd.randrange(len(buf) + 1)
        if choice == 0 and buf:  # flip a bit
            i = min(pos, len(buf) - 1)
            buf[i] ^= 1 << rnd.randrange(8)
        elif choice == 1:  # insert random bytes
            buf[pos:pos] = rnd.randbytes(rnd.randint(1, 8))
        elif choice == 2:  # delete a run
            del buf[pos : pos + rnd.randint(1, 64)]
        elif choice == 3:  # duplicate a run
            buf[pos:pos] = buf[pos : pos + rnd.randint(1, 64)]
        elif choice == 4:  # splice with another seed
            other = rnd.choice(pool)
            cut = rnd.randrange(len(other) + 1)
            buf = buf[:pos] + other[cut : cut + rnd.randint(1, 512)]
        elif choice == 5:  # truncate
            del buf[pos:]
        else:  # insert an interesting token
            token = rnd.choice(
                [b"<", b">", b'"', b"&quot;", b"\xef\xbb\xbf", b"\xff", b"%", b",", b"\xc2\xa0",
                 b"\xe2\x80\x8f", b"null", b"[]", b"{}", b"1e999", b"-1", b"</code>", b"</div>"]
            )  # fmt: skip
            buf[pos:pos] = token
    return bytes(buf)


def run_mutation(runs: int, seed: int) -> int:
    rnd = random.Random(seed)
    pool = seeds()
    started = time.perf_counter()
    for i in range(runs):
        data = pool[i] if i < len(pool) else mutate(rnd, rnd.choice(pool), pool)
        try:
            check(data)
        except Exception:
            traceback.print_exc()
            print(f"input {i} raised a non-SSIError; input: {data[:300]!r}...", file=sys.stderr)
            return 1
    report(runs, started, f"seeded mutation fuzzer (seed {seed})")
    return 0


def run_atheris(runs: int) -> int:  # pragma: no cover - needs atheris
    import atheris  # type: ignore[import-untyped]

    with atheris.instrument_imports(include=["ssi_index"]):
        import ssi_index  # noqa: F401

    corpus = Path(tempfile.mkdtemp(prefix="ssi-fuzz-"))
    for i, data in enumerate(seeds()):
        (corpus / f"seed-{i:03d}").write_bytes(data)
    started = time.perf_counter()
    count = [0]

    def one_input(data: bytes) -> None:
        count[0] += 1
        check(data)
        if count[0] == runs:  # libFuzzer ends the process itself, without atexit hooks
            report(count[0], started, "atheris (libFuzzer, coverage-guided)")

    argv = [sys.argv[0], f"-runs={runs}", "-max_len=16384", "-seed=1234", str(corpus)]
    atheris.Setup(argv, one_input)
    atheris.Fuzz()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 inputs (CI)")
    parser.add_argument("--runs", type=int, default=None, help="how many inputs (100,000)")
    parser.add_argument("--engine", choices=("auto", "atheris", "mutate"), default="auto")
    parser.add_argument("--seed", type=int, default=20260401, help="mutation fuzzer seed")
    args = parser.parse_args()
    runs = args.runs or (2_000 if args.quick else 100_000)
    engine = args.engine
    if engine == "auto":
        engine = "atheris" if importlib.util.find_spec("atheris") else "mutate"
    if engine == "atheris":
        return run_atheris(runs)
    return run_mutation(runs, args.seed)


if __name__ == "__main__":
    sys.exit(main())
