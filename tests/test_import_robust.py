"""Any file, however broken, gives a report or an SSIError: never a bare builtin error."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import ssi_index
from import_helpers import HISTORY

SEEDS = sorted(
    p
    for p in HISTORY.rglob("*")
    if p.is_file()
    and p.name != "expected.json"
    and p.suffix != ".py"
    and p.stat().st_size < 400_000
)
FORMATS = (None, *ssi_index.import_formats())


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """A fixture's bytes, cut short, with bytes flipped or text spliced in."""
    data = draw(st.sampled_from(SEEDS)).read_bytes()
    data = data[: draw(st.integers(min_value=0, max_value=min(len(data), 6000)))]
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        if not data:
            break
        at = draw(st.integers(min_value=0, max_value=len(data) - 1))
        splice = draw(
            st.sampled_from(
                [b"\x00", b"\xff", b'"', b",", b";", b"\n", b"\r", b"null", b"-1e999", b"{", b"]"]
            )
        )
        data = data[:at] + splice + data[at + 1 :]
    return data


@settings(max_examples=int(os.environ.get("SSI_INDEX_FUZZ_EXAMPLES", "300")))
@given(damaged(), st.sampled_from(FORMATS))
def test_any_damaged_file_gives_a_report_or_an_ssi_error(data: bytes, fmt: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input"
        path.write_bytes(data)
        store = ssi_index.MemoryStore()
        try:
            report = ssi_index.import_history(path, store, "me", format=fmt)
        except ssi_index.SSIError:
            assert store.profiles() == []
            return
        assert (report.added, report.replaced, report.unchanged) == (len(store.history("me")), 0, 0)


@settings(max_examples=100)
@given(st.binary(max_size=2000), st.sampled_from(FORMATS))
def test_random_bytes_give_a_report_or_an_ssi_error(data: bytes, fmt: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input"
        path.write_bytes(data)
        with contextlib.suppress(ssi_index.SSIError):
            ssi_index.import_history(path, ssi_index.MemoryStore(), "me", format=fmt)
