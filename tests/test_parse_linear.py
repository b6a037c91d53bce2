"""Linear time on crafted inputs (issue 12), with a loose bound a loaded machine cannot miss.

Each input is 2 MB: a quadratic parser needs minutes on it (the old regexes took
4 minutes on 48 KB), a linear one well under a second. The bound, 30 s of CPU
time per input, only catches the former. Speed itself is measured in
``benchmarks/bench_parse.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from ssi_index import SSIError, parse, parse_html, parse_json

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
import contextlib

from crafted import CRAFTED, crafted

SIZE = 2_000_000
BOUND = 30.0


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_crafted_inputs_take_linear_time(name: str) -> None:
    data = crafted(name, SIZE)
    for call, value in (
        (parse, data),
        (parse, data.decode()),
        (parse_html, data),
        (parse_json, data[: SIZE // 4]),
    ):
        start = time.process_time()
        with contextlib.suppress(SSIError):
            call(value)
        assert time.process_time() - start < BOUND, (name, call.__name__)
