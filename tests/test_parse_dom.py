"""The one full parse and its bounded lookups (ssi_index._parse._dom)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ssi_index._parse._dom import _NO_TEXT, Doc, by_class, by_tag, load, shown, text_of


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


def _text_by_stack(node: Any, limit: int) -> str:
    """The text of *node* gathered as the first version of :func:`text_of` did (a stack)."""
    pieces: list[str] = []
    size = 0
    stack: list[tuple[Any, bool]] = [(node, False)]
    while stack and size < limit:
        el, tail_only = stack.pop()
        if not tail_only:
            if el.text and isinstance(el.tag, str):
                pieces.append(el.text)
                size += len(el.text)
            for child in reversed(list(el)):
                if isinstance(child.tag, str) and child.tag not in _NO_TEXT:
                    stack.append((child, True))
                    stack.append((child, False))
                else:
                    stack.append((child, True))
        elif el is not node and el.tail:
            pieces.append(el.tail)
            size += len(el.tail)
    return "".join(pieces)[:limit]


_PIECES = st.sampled_from(
    [
        *("a", "bc ", "&amp;", "<!--c-->", "<?pi x?>", "<![CDATA[d]]>", "<p>", "</p>", "<b>"),
        *("</b>", "<i class=k>", "</i>", "<script>s</script>", "<style>y</style>", "<br>"),
        *("<textarea>t</textarea>", "<template>", "</template>", "<noscript>", "</noscript>"),
        *("<svg>", "</svg>", "<table><tr><td>", "</td></tr></table>", "<select><option>o"),
        *("</select>", "<title>z"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40), st.integers(1, 30))
def test_text_is_what_the_tree_holds_outside_hidden_elements(pieces: list[str], limit: int) -> None:
    root = load("<div>" + "".join(pieces) + "</div>")
    assert root is not None
    for node in root.iter():
        assert text_of(node, limit) == _text_by_stack(node, limit)
        assert text_of(node) == _text_by_stack(node, 4000)


def test_compiled_search_of_the_ssi_classes_is_per_thread() -> None:
    page = '<i class="ssi-rank"></i><b class="x ssi-score__value"></b>'
    with ThreadPoolExecutor(max_workers=4) as pool:
        found = list(pool.map(lambda _: len(Doc(load(page)).by_class("ssi-rank")), range(16)))
    assert found == [1] * 16
