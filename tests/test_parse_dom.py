"""The one full parse and its bounded lookups (ssi_index._parse._dom)."""

from __future__ import annotations

from ssi_index._parse._dom import Doc, by_class, by_tag, load, shown, text_of


def test_text_leaves_out_what_a_browser_does_not_show_as_text() -> None:
    root = load(
        "<p id=x>a<!-- b --><script>c</script><style>d</style><template>e</template>"
        "<noscript>f</noscript><textarea>g</textarea>h&amp;i<span>j</span>k</p>"
    )
    assert root is not None
    (p,) = by_tag(root, "p")
    assert text_of(p) == "ah&ijk"


def test_text_is_bounded() -> None:
    root = load("<p>" + "x" * 10_000 + "</p>")
    assert root is not None
    assert len(text_of(by_tag(root, "p")[0], 100)) == 100


def test_elements_under_template_noscript_select_svg_math_are_not_shown() -> None:
    root = load(
        "<b class=k></b><template><b class=k></b></template><noscript><b class=k></b></noscript>"
        "<select><b class=k></b></select><svg><b class=k></b></svg><math><b class=k></b></math>"
    )
    assert root is not None
    assert len(by_class(root, "k")) == 1
    assert [shown(b) for b in root.iter("b")].count(True) == 1


def test_lookups_are_bounded_and_whole_class_tokens_only() -> None:
    root = load(
        "".join('<i class="ssi-rank x"></i><i class="ssi-rank__name"></i>' for _ in range(200))
    )
    assert root is not None
    doc = Doc(root)
    assert len(doc.by_class("ssi-rank", 4)) == 4
    assert len(doc.by_class("ssi-rank")) == 64
    assert all("ssi-rank" in (n.get("class") or "").split() for n in doc.by_class("ssi-rank"))


def test_empty_and_deep_documents() -> None:
    assert load("") is None
    root = load("<div>" * 100_000 + "<progress id=a value=1>")
    assert root is not None  # cut at the parser's depth limit, never a hang


def test_pages_parse_alike_from_several_threads() -> None:
    import json
    import threading
    from pathlib import Path

    import ssi_index

    fixtures = Path(__file__).resolve().parent / "fixtures"
    entries = json.loads((fixtures / "manifest.json").read_text("utf-8"))
    pages = [
        ((fixtures / e["file"]).read_bytes(), ssi_index.Score.from_dict(e["expect"]))
        for e in entries
        if e["kind"] == "html" and e["expect"]
    ][:8]
    wrong: list[str] = []

    def work() -> None:
        for data, expected in pages:
            if ssi_index.parse(data) != expected:
                wrong.append("mismatch")

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []
