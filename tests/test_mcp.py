"""The MCP server, through the SDK's own client, against the real server run as a subprocess."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

import ssi_index
from ssi_index import Note, Score, Snapshot, SQLiteStore

mcp = pytest.importorskip("mcp", reason="the mcp extra is not installed (pip install '.[mcp]')")

import anyio  # noqa: E402  (installed with mcp)
from mcp import ClientSession, StdioServerParameters  # noqa: E402
from mcp.client.stdio import stdio_client  # noqa: E402
from mcp.types import CallToolResult, TextContent  # noqa: E402

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
API_JSON = ROOT / "examples" / "data" / "ssi-api.json"
PAGES = ROOT / "tests" / "fixtures" / "pages"
LI_AT = "AQEDARsecretLiAtCookieValue0123456789abcdefXYZ"
JSESSIONID = "ajax:4936271850123456789"
PG_PASSWORD = "pg-Secret-Pass-7731"
NO_CONFIG = str(ROOT / "tests" / "no-such-folder" / "config.toml")
TOOLS = {
    "read_score": True,
    "record_score": False,
    "score_history": True,
    "recommendations": True,
    "weekly_report": True,
    "roadmap": True,
    "focus": True,
    "team_leaderboard": True,
    "import_history": False,
    "add_note": False,
}
"""Every tool, and whether it only reads."""


def _env(store: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSI_INDEX_")}
    env.update(
        SSI_INDEX_CONFIG=NO_CONFIG,  # never the developer's own settings file
        SSI_INDEX_STORE=store,
        SSI_INDEX_PROFILE="me",
        SSI_INDEX_LI_AT=LI_AT,
        SSI_INDEX_JSESSIONID=JSESSIONID,
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def _store_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ssi.db'}"


async def _session(
    env: dict[str, str],
    errlog: Any,
    body: Callable[[ClientSession], Awaitable[T]],
    command: tuple[str, ...] = ("-m", "ssi_index.mcp"),
) -> T:
    params = StdioServerParameters(command=sys.executable, args=list(command), env=env)
    async with (
        stdio_client(params, errlog=errlog) as (read, write),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        return await body(session)


def _run(
    tmp_path: Path,
    env: dict[str, str],
    body: Callable[[ClientSession], Awaitable[T]],
    command: tuple[str, ...] = ("-m", "ssi_index.mcp"),
) -> tuple[T, str]:
    """Run *body* against a fresh server; return its result and everything the server logged."""
    runs = len(list(tmp_path.glob("server-stderr-*.log")))
    log = tmp_path / f"server-stderr-{runs}.log"
    with (
        log.open("w", encoding="utf-8") as errlog,
        concurrent.futures.ThreadPoolExecutor(1) as pool,
    ):
        # A thread of its own: Playwright's sync API (the session's browser fixture) keeps
        # an event loop running in the main thread, and anyio will not nest in it.
        result = pool.submit(anyio.run, _session, env, errlog, body, command).result()
    return result, log.read_text(encoding="utf-8")


def _text(result: CallToolResult) -> str:
    return "\n".join(c.text for c in result.content if isinstance(c, TextContent))


def _snap(profile: str, day: dt.date, *pillars: float) -> Snapshot:
    return Snapshot(profile=profile, day=day, score=Score.from_pillars(pillars), source="manual")


# ---------------------------------------------------------------------------


def test_lists_every_tool_with_typed_described_arguments_and_annotations(tmp_path: Path) -> None:
    async def body(session: ClientSession) -> Any:
        return await session.list_tools()

    listed, _ = _run(tmp_path, _env(_store_url(tmp_path)), body)
    tools = {tool.name: tool for tool in listed.tools}
    assert set(tools) == set(TOOLS)
    for name, read_only in TOOLS.items():
        tool = tools[name]
        assert tool.description
        assert tool.title
        assert tool.annotations is not None
        assert tool.annotations.readOnlyHint is read_only, name
        assert tool.annotations.openWorldHint is False
        props = tool.inputSchema["properties"]
        assert props, name
        for arg, schema in props.items():
            assert schema.get("description"), (name, arg)
            assert "type" in schema or "anyOf" in schema, (name, arg)
    assert tools["read_score"].inputSchema["required"] == ["content"]
    assert tools["team_leaderboard"].inputSchema["required"] == ["team"]
    locale = tools["read_score"].inputSchema["properties"]["locale"]
    assert {"enum": ["en", "he", "ru"], "type": "string"} in locale["anyOf"]


def test_read_score_from_json_and_from_a_hebrew_page(tmp_path: Path) -> None:
    page = (PAGES / "2026-he.html").read_text(encoding="utf-8")

    async def body(session: ClientSession) -> tuple[CallToolResult, CallToolResult]:
        first = await session.call_tool("read_score", {"content": API_JSON.read_text()})
        second = await session.call_tool("read_score", {"content": page, "locale": "he"})
        return first, second

    (from_json, from_page), _ = _run(tmp_path, _env(_store_url(tmp_path)), body)
    expected = ssi_index.parse_file(API_JSON)
    assert not from_json.isError
    assert from_json.structuredContent is not None
    assert from_json.structuredContent["score"] == expected.to_dict()
    assert from_json.structuredContent["tier"]["name"] == expected.tier.name
    assert _text(from_json).startswith("SSI 52.9 of 100: ")
    assert "Top 22% of " in _text(from_json)

    he = ssi_index.parse(page)
    assert not from_page.isError
    assert from_page.structuredContent is not None
    assert from_page.structuredContent["score"]["overall"] == he.overall
    assert "מתוך 100" in _text(from_page)
    # read_score stores nothing
    with SQLiteStore(tmp_path / "ssi.db") as store:
        assert store.profiles() == []


def test_record_note_and_history_write_to_the_real_store(tmp_path: Path) -> None:
    monday, next_monday = dt.date(2026, 3, 2), dt.date(2026, 3, 9)
    higher = json.loads(API_JSON.read_text())
    for sub in higher["memberScore"]["subScores"]:
        if sub["pillar"] == "FIND_RIGHT_PEOPLE":
            sub["score"] += 3
    higher["memberScore"]["overall"] += 3

    async def body(session: ClientSession) -> list[CallToolResult]:
        return [
            await session.call_tool(
                "record_score", {"content": API_JSON.read_text(), "day": monday.isoformat()}
            ),
            await session.call_tool(
                "record_score",
                {"content": json.dumps(higher), "day": next_monday.isoformat(), "locale": "ru"},
            ),
            await session.call_tool(
                "add_note",
                {
                    "text": "sent 20 personal invitations",
                    "day": "2026-03-05",
                    "pillar": "FIND_RIGHT_PEOPLE",
                },
            ),
            await session.call_tool("score_history", {"target": 70}),
        ]

    (first, second, note, history), _ = _run(tmp_path, _env(_store_url(tmp_path)), body)
    assert not any(r.isError for r in (first, second, note, history)), _text(history)
    assert first.structuredContent == {
        "profile": "me",
        "day": "2026-03-02",
        "stored": True,
        "score": ssi_index.parse_file(API_JSON).to_dict(),
        "tier": first.structuredContent["tier"] if first.structuredContent else None,
    }
    assert _text(first).startswith("Recorded SSI 52.9 for me on 2026-03-02.")
    assert _text(second).startswith("Сохранён SSI 55,9 для me за 2026-03-09.")

    with SQLiteStore(tmp_path / "ssi.db") as store:
        stored = store.history("me")
        notes = store.notes("me")
    assert [s.day for s in stored] == [monday, next_monday]
    assert stored[0].source == "mcp-json"
    assert stored[1].score.pillars.find_right_people == pytest.approx(14.0300007)
    assert [n.text for n in notes] == ["sent 20 personal invitations"]

    data = history.structuredContent
    assert data is not None
    assert [s["day"] for s in data["snapshots"]] == ["2026-03-02", "2026-03-09"]
    (week,) = data["weekly_changes"]
    assert week["total"] == pytest.approx(3.0)
    assert week["moved_most"] == "FIND_RIGHT_PEOPLE"
    assert data["streak"]["weeks"] == 1
    assert data["target_streak"] == {"target": 70.0, "weeks": 0, "since": None, "longest": 0}
    assert data["forecast"]["status"] == "not-enough-data"
    assert data["notes"][0]["pillar"] == "FIND_RIGHT_PEOPLE"
    text = _text(history)
    assert "me: 2 recorded scores from 2026-03-02 to 2026-03-09; latest SSI 55.9." in text
    assert "Week ending 2026-03-09: +3 (moved most: " in text
    assert "Note, 2026-03-05: sent 20 personal invitations" in text


def test_recommendations_for_the_latest_score_and_for_pasted_content(tmp_path: Path) -> None:
    score = Score.from_pillars([13.4, 10.7, 11.1, 25])
    with SQLiteStore(tmp_path / "ssi.db") as store:
        store.put(_snap("ana", dt.date(2026, 3, 2), 13.4, 10.7, 11.1, 25))

    async def body(session: ClientSession) -> tuple[CallToolResult, CallToolResult]:
        stored = await session.call_tool(
            "recommendations", {"profile": "ana", "goal": "ads", "top": 2, "locale": "he"}
        )
        pasted = await session.call_tool("recommendations", {"content": API_JSON.read_text()})
        return stored, pasted

    (stored, pasted), _ = _run(tmp_path, _env(_store_url(tmp_path)), body)
    assert not stored.isError
    assert not pasted.isError
    expected = ssi_index.recommend(score, goal="ads", locale="he")[:2]
    assert stored.structuredContent is not None
    got = stored.structuredContent["recommendations"]
    assert [r["key"] for r in got] == [r.key for r in expected]
    assert [r["title"] for r in got] == [r.title for r in expected]
    assert stored.structuredContent["day"] == "2026-03-02"
    assert expected[0].title in _text(stored)
    assert pasted.structuredContent is not None
    assert pasted.structuredContent["profile"] is None
    want = [r.key for r in ssi_index.recommend(ssi_index.parse_file(API_JSON))[:3]]
    assert [r["key"] for r in pasted.structuredContent["recommendations"]] == want


def test_weekly_report_roadmap_and_focus_are_the_coachs(tmp_path: Path) -> None:
    today = dt.datetime.now(dt.UTC).date()
    days = [today - dt.timedelta(days=d) for d in (21, 14, 7, 0)]
    snaps = [_snap("me", day, 10 + i, 9 + i / 2, 8, 12) for i, day in enumerate(days)]
    with SQLiteStore(tmp_path / "ssi.db") as store:
        store.put_many(snaps)
        store.add_note(Note(profile="me", day=today - dt.timedelta(days=2), text="posted twice"))
        notes = store.notes("me")
    pasted = API_JSON.read_text()

    async def body(session: ClientSession) -> list[CallToolResult]:
        return [
            await session.call_tool("weekly_report", {"target": 60}),
            await session.call_tool("roadmap", {"target": 60, "weeks": 6, "locale": "he"}),
            await session.call_tool("focus", {"goal": "ads"}),
            await session.call_tool("roadmap", {"content": pasted, "target": 75}),
            await session.call_tool("focus", {"content": pasted, "locale": "ru"}),
            await session.call_tool("weekly_report", {"profile": "nobody"}),
        ]

    results, _ = _run(tmp_path, _env(_store_url(tmp_path)), body)
    week, plan, focus, pasted_plan, pasted_focus, nobody = results
    assert not any(r.isError for r in results[:5]), [_text(r) for r in results]
    expected_week = ssi_index.weekly_report(snaps, notes=notes, target=60, today=today)
    assert week.structuredContent == {"profile": "me", **expected_week.to_dict()}
    assert _text(week) == expected_week.to_text()
    expected_plan = ssi_index.roadmap(
        snaps[-1].score, 60, weeks=6, start=today, history=snaps[:-1], locale="he"
    )
    assert plan.structuredContent == {"profile": "me", **expected_plan.to_dict()}
    assert _text(plan) == expected_plan.to_text()
    expected_focus = ssi_index.focus(snaps[-1].score, goal="ads", history=snaps[:-1], start=today)
    assert focus.structuredContent == {"profile": "me", **expected_focus.to_dict()}
    score = ssi_index.parse(pasted)
    assert pasted_plan.structuredContent is not None
    assert pasted_plan.structuredContent["profile"] is None
    assert pasted_plan.structuredContent == {
        "profile": None,
        **ssi_index.roadmap(score, 75, start=today).to_dict(),
    }
    assert _text(pasted_focus) == ssi_index.focus(score, locale="ru", start=today).to_text()
    assert nobody.isError
    assert "expected a recorded score for profile 'nobody'" in _text(nobody)


def test_import_history_reads_an_export_once(tmp_path: Path) -> None:
    snaps = [
        _snap("me", dt.date(2026, 1, 5) + dt.timedelta(weeks=w), 10 + w, 9, 8, 7) for w in range(6)
    ]
    export = tmp_path / "history.json"
    ssi_index.export_json(snaps, export)
    (tmp_path / "notes.txt").write_text("not a score history\n", encoding="utf-8")

    async def body(session: ClientSession) -> list[CallToolResult]:
        return [
            await session.call_tool("import_history", {"paths": [str(export)], "dry_run": True}),
            await session.call_tool("import_history", {"paths": [str(export)], "locale": "ru"}),
            await session.call_tool("import_history", {"paths": [str(export)]}),
            await session.call_tool("import_history", {"paths": [str(tmp_path / "notes.txt")]}),
            await session.call_tool("import_history", {"paths": [str(export)], "profile": "ana"}),
        ]

    (dry, first, again, unknown, other), _ = _run(tmp_path, _env(_store_url(tmp_path)), body)
    assert not dry.isError, _text(dry)
    assert dry.structuredContent is not None
    (report,) = dry.structuredContent["reports"]
    assert report["added"] == 6
    assert report["dry_run"] is True
    assert _text(dry).startswith("Dry run, nothing written.")
    assert not first.isError, _text(first)
    assert "добавлено 6" in _text(first)
    assert again.structuredContent is not None
    assert again.structuredContent["reports"][0]["added"] == 0
    assert again.structuredContent["reports"][0]["unchanged"] == 6
    with SQLiteStore(tmp_path / "ssi.db") as store:
        stored = store.history("me")
    assert [s.score for s in stored] == [s.score for s in snaps]
    assert unknown.isError
    assert not other.isError
    assert other.structuredContent is not None
    assert len(other.structuredContent["reports"][0]["refused"]) == 6
    assert "another profile's row" in _text(other)


def test_team_leaderboard_and_its_privacy_floor(tmp_path: Path) -> None:
    day = dt.date(2026, 3, 2)
    with SQLiteStore(tmp_path / "ssi.db") as store:
        for i in range(12):
            profile = f"seller-{i:02d}"
            store.set_team(profile, "emea" if i < 11 else "solo")
            store.put(_snap(profile, day, 5 + i, 10, 12, 8 + i / 2))
        for i in range(3):
            store.set_team(f"small-{i}", "tiny")
            store.put(_snap(f"small-{i}", day, 10, 10, 10, 10 + i))
        expected = ssi_index.leaderboard(store, "emea")

    async def body(session: ClientSession) -> list[CallToolResult]:
        return [
            await session.call_tool("team_leaderboard", {"team": "emea"}),
            await session.call_tool("team_leaderboard", {"team": "tiny"}),
            await session.call_tool("team_leaderboard", {"team": "tiny", "floor": 3}),
        ]

    (board, refused, lowered), _ = _run(tmp_path, _env(_store_url(tmp_path)), body)
    assert not board.isError
    assert board.structuredContent is not None
    assert board.structuredContent["size"] == 11
    assert [r["profile"] for r in board.structuredContent["rows"]] == [
        r.profile for r in expected.rows
    ]
    assert board.structuredContent["average"] == pytest.approx(expected.average)
    assert "Team emea: 11 members ranked" in _text(board)
    assert refused.isError
    floor_message = str(ssi_index.TeamTooSmallError("tiny", 3, 10))
    assert floor_message in _text(refused)
    assert "small-" not in _text(refused)
    assert not lowered.isError
    assert lowered.structuredContent is not None
    assert lowered.structuredContent["size"] == 3


def test_errors_come_back_as_tool_errors_with_the_ssi_message(tmp_path: Path) -> None:
    unrelated = (PAGES / "unrelated.html").read_text(encoding="utf-8")
    with pytest.raises(ssi_index.ParseError) as parse_error:
        ssi_index.parse(unrelated)
    login = (PAGES / "login.html").read_text(encoding="utf-8")
    with pytest.raises(ssi_index.NotAuthenticatedError) as auth_error:
        ssi_index.parse(login)

    async def body(session: ClientSession) -> list[CallToolResult]:
        return [
            await session.call_tool("read_score", {"content": unrelated}),
            await session.call_tool("read_score", {"content": login}),
            await session.call_tool("score_history", {"profile": "nobody"}),
            await session.call_tool("recommendations", {"profile": "nobody"}),
            await session.call_tool("score_history", {"target": 150}),
            await session.call_tool("record_score", {"content": "   "}),
            await session.call_tool(
                "score_history", {"since": "2026-03-09", "until": "2026-03-01"}
            ),
            await session.call_tool("no_such_tool", {}),
        ]

    results, log = _run(tmp_path, _env(_store_url(tmp_path)), body)
    assert all(r.isError for r in results), [_text(r) for r in results]
    parse, auth, history, advice, target, blank, backwards, unknown = map(_text, results)
    assert str(parse_error.value) in parse
    assert str(auth_error.value) in auth
    assert "found no 'nobody' in the store" in history
    assert "expected a recorded score for profile 'nobody'" in advice
    assert "150" in target
    assert "less than or equal to 100" in target
    assert "found empty text" in blank
    assert "expected since on or before until" in backwards
    assert "no_such_tool" in unknown
    assert "Traceback" not in log


def _secrets_in(*texts: str) -> list[str]:
    return [s for s in (LI_AT, JSESSIONID, PG_PASSWORD) for t in texts if s in t]


def test_no_secret_in_any_output_or_in_the_server_log(tmp_path: Path) -> None:
    # Pasted text that holds the session cookies, and a store URL with a password.
    leaky_page = f"<html><body>li_at={LI_AT}; JSESSIONID={JSESSIONID}</body></html>"
    leaky_json = json.dumps({"li_at": LI_AT, "JSESSIONID": JSESSIONID})

    async def body(session: ClientSession) -> list[CallToolResult]:
        return [
            await session.call_tool("read_score", {"content": leaky_page}),
            await session.call_tool("read_score", {"content": leaky_json}),
            await session.call_tool("record_score", {"content": leaky_page, "profile": LI_AT}),
            await session.call_tool("add_note", {"text": f"cookie {LI_AT}", "day": "2026-03-02"}),
            await session.call_tool("score_history", {}),
        ]

    results, log = _run(tmp_path, _env(_store_url(tmp_path)), body)
    outputs = [_text(r) + json.dumps(r.structuredContent) for r in results]
    assert [r.isError for r in results] == [True, True, True, False, False]
    assert _secrets_in(*outputs, log) == []
    assert "[redacted]" in outputs[3]

    pg_url = f"postgresql://ssi:{PG_PASSWORD}@127.0.0.1:1/nothing?connect_timeout=2"

    async def pg_body(session: ClientSession) -> CallToolResult:
        return await session.call_tool("record_score", {"content": API_JSON.read_text()})

    refused, pg_log = _run(tmp_path, _env(pg_url), pg_body)
    assert refused.isError
    assert "cannot connect" in _text(refused) or "psycopg" in _text(refused)
    assert _secrets_in(_text(refused), pg_log) == []


def _rpc(method: str, params: dict[str, Any], id_: int | None = None) -> bytes:
    message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
    if id_ is not None:
        message["id"] = id_
    return (json.dumps(message) + "\n").encode()


def test_standard_output_holds_only_protocol_messages(tmp_path: Path) -> None:
    requests = [
        _rpc(
            "initialize",
            {
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": {"name": "raw-test", "version": "0"},
            },
            1,
        ),
        _rpc("notifications/initialized", {}),
        _rpc("tools/list", {}, 2),
        _rpc("tools/call", {"name": "record_score", "arguments": {"content": "{}"}}, 3),
        _rpc(
            "tools/call",
            {"name": "record_score", "arguments": {"content": API_JSON.read_text()}},
            4,
        ),
        _rpc("tools/call", {"name": "score_history", "arguments": {}}, 5),
    ]
    server = subprocess.Popen(
        [sys.executable, "-m", "ssi_index.mcp"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(_store_url(tmp_path)),
    )
    assert server.stdin is not None
    assert server.stdout is not None
    lines: queue.Queue[bytes] = queue.Queue()

    def read() -> None:
        for line in server.stdout or ():
            lines.put(line)

    reader = threading.Thread(target=read)
    reader.start()
    replies: list[dict[str, Any]] = []
    try:
        for request in requests:
            server.stdin.write(request)
            server.stdin.flush()
            wanted = json.loads(request).get("id")
            while wanted is not None and not any(r.get("id") == wanted for r in replies):
                replies.append(json.loads(lines.get(timeout=60)))  # every line is JSON
        server.stdin.close()
        assert server.wait(timeout=60) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        reader.join(timeout=10)
        stderr = server.stderr.read().decode() if server.stderr else ""
        if server.stderr:
            server.stderr.close()
        server.stdout.close()
    while not lines.empty():
        replies.append(json.loads(lines.get()))
    assert all(r["jsonrpc"] == "2.0" for r in replies), stderr  # ... and JSON-RPC
    by_id = {r["id"]: r for r in replies if "id" in r}
    assert sorted(by_id) == [1, 2, 3, 4, 5]
    assert by_id[3]["result"]["isError"] is True
    assert by_id[4]["result"]["isError"] is False
    assert by_id[5]["result"]["structuredContent"]["snapshots"][0]["overall"] == 52.87


def test_ssi_index_mcp_takes_its_settings_from_the_settings_file(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    with SQLiteStore(tmp_path / "conf" / "mine.db") as store:
        store.put(_snap("dana", dt.date(2026, 3, 2), 12, 11, 10, 13))
    settings = tmp_path / "conf" / "config.toml"
    settings.write_text('store = "mine.db"\nprofile = "dana"\nlocale = "he"\n', encoding="utf-8")
    env = {k: v for k, v in _env("unused").items() if not k.startswith("SSI_INDEX_")}
    env.update(SSI_INDEX_CONFIG=str(settings), HOME=str(tmp_path))

    async def body(session: ClientSession) -> CallToolResult:
        return await session.call_tool("score_history", {})

    result, log = _run(tmp_path, env, body, ("-m", "ssi_index", "mcp"))
    assert not result.isError, _text(result) + log
    assert result.structuredContent is not None
    assert result.structuredContent["profile"] == "dana"
    assert result.structuredContent["snapshots"][0]["overall"] == 46.0
    assert "ציון שמור אחד" in _text(result)


def test_a_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from ssi_index.mcp import build_server

    monkeypatch.setitem(sys.modules, "mcp", None)  # what Python does for a blocked import
    with pytest.raises(ssi_index.MissingDependencyError, match=r"ssi-index\[mcp\]"):
        build_server("memory://")


def test_an_unknown_locale_stops_the_server_at_start(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ssi_index.mcp"],
        input=b"",
        capture_output=True,
        env=_env(_store_url(tmp_path), SSI_INDEX_LOCALE="xx"),
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == b""
    assert "no texts for locale 'xx'" in done.stderr.decode()


def test_tool_errors_speak_the_calls_locale(tmp_path: Path) -> None:
    async def body(session: ClientSession) -> list[CallToolResult]:
        return [
            await session.call_tool("team_leaderboard", {"team": "nobody", "locale": "he"}),
            await session.call_tool("team_leaderboard", {"team": "nobody", "locale": "ru"}),
            await session.call_tool("team_leaderboard", {"team": "nobody"}),
        ]

    (he, ru, en), _ = _run(tmp_path, _env(_store_url(tmp_path)), body)
    assert he.isError
    assert ru.isError
    assert en.isError
    assert "\u2068nobody\u2069" in _text(he)  # isolated among the Hebrew
    assert "ודוח דורש לפחות" in _text(he)
    assert "в команде «nobody» оценки есть у 0 участников" in _text(ru)
    assert str(ssi_index.TeamTooSmallError("nobody", 0, 10)) in _text(en)
