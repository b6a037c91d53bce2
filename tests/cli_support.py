"""Helpers for the CLI tests: run the installed ``ssi-index`` script as a user would."""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "cli.md"
SAMPLE = ROOT / "examples" / "data" / "ssi-api.json"
SCRIPT = shutil.which("ssi-index", path=str(Path(sys.executable).parent))

NO_SCRIPT = "the ssi-index console script is not installed in this venv"


def payload(pillars: tuple[float, float, float, float], *, rank: int = 30) -> dict[str, Any]:
    """An SSI API payload as LinkedIn sends it."""
    names = ("PROFESSIONAL_BRAND", "FIND_RIGHT_PEOPLE", "INSIGHT_ENGAGEMENT", "STRONG_RELATIONSHIP")
    return {
        "activeSeat": False,
        "memberScore": {
            "overall": round(sum(pillars), 6),
            "subScores": [{"score": v, "pillar": n} for v, n in zip(pillars, names, strict=True)],
        },
        "groupScore": [
            {"groupType": "INDUSTRY", "rank": rank, "score": {"overall": 28.4, "subScores": []}},
            {"groupType": "NETWORK", "rank": 35, "score": {"overall": 30.1, "subScores": []}},
        ],
    }


def clean_env(tmp_path: Path) -> dict[str, str]:
    """A clean environment: no ssi-index variables, no NO_COLOR, a private data folder."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("SSI_INDEX_") and k not in {"NO_COLOR", "FORCE_COLOR", "TERM"}
    }
    clean.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    return clean


def run(
    *args: str | os.PathLike[str],
    env: Mapping[str, str],
    stdin: bytes | None = None,
    cwd: Path = ROOT,
) -> subprocess.CompletedProcess[str]:
    assert SCRIPT is not None
    return subprocess.run(
        [SCRIPT, *map(str, args)],
        input=stdin.decode("utf-8") if stdin is not None else None,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(env),
        cwd=cwd,
        timeout=60,
        check=False,
    )


def run_json(*args: str | os.PathLike[str], env: Mapping[str, str], cwd: Path = ROOT) -> Any:
    result = run(*args, "--json", env=env, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def run_on_tty(*args: str, env: Mapping[str, str], stream: str) -> tuple[int, str, str]:
    """Run with *stream* ("stdout" or "stderr") attached to a pseudo-terminal.

    Returns the exit code, what the terminal showed, and the other stream.
    """
    assert SCRIPT is not None
    master, slave = pty.openpty()
    with tempfile.TemporaryFile() as other:
        proc = subprocess.Popen(
            [SCRIPT, *args],
            stdin=subprocess.DEVNULL,
            stdout=slave if stream == "stdout" else other,
            stderr=slave if stream == "stderr" else other,
            env=dict(env),
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        os.close(master)
        code = proc.wait(timeout=60)
        other.seek(0)
        return code, b"".join(chunks).decode("utf-8"), other.read().decode("utf-8")


def write_payload(path: Path, pillars: tuple[float, float, float, float], day: dt.date) -> Path:
    """Write a payload file whose modification time is noon UTC of *day*."""
    path.write_text(json.dumps(payload(pillars)), encoding="utf-8")
    noon = dt.datetime.combine(day, dt.time(12), dt.UTC).timestamp()
    os.utime(path, (noon, noon))
    return path


def one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("ssi-index: error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]
