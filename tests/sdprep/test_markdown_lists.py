"""Nested lists render nested, whatever indent the writer used (the content indents sub-bullets by 3)."""

from pathlib import Path

import html5lib
import pytest

from casestudies.importing import parse_document
from sdprep.markdown import render_content, render_user_markdown

CONTENT = Path(__file__).resolve().parents[2] / "casestudies" / "content"
SOURCE = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "system-design-case-studies.md"


def _tree(html: str):
    return html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _own_text(li) -> str:
    """An item's text without its nested lists."""
    return " ".join(
        " ".join(
            [li.text or "", *(_text(c) + (c.tail or "") for c in li if c.tag not in ("ul", "ol"))]
        ).split()
    )


def _nested_items(html: str) -> list[list[str]]:
    """The items of every list nested inside a list item, in document order."""
    return [
        [_own_text(li) for li in ul.findall("li")] for li in _tree(html).iter("li") for ul in li.findall("ul")
    ]


def _top_items(html: str) -> list[str]:
    return [_own_text(li) for top in _tree(html) if top.tag in ("ul", "ol") for li in top.findall("li")]


@pytest.mark.parametrize("indent", [2, 3, 4])
def test_sub_bullets_nest_under_their_item_at_any_indent(indent):
    pad = " " * indent
    html = render_user_markdown(f"1. **First**\n{pad}- one\n{pad}- two\n\n2. **Second**\n{pad}- three\n")
    assert _nested_items(html) == [["one", "two"], ["three"]]
    assert _top_items(html) == ["First", "Second"]


def test_three_levels_and_a_fence_inside_an_item_stay_in_place():
    text = "- a\n  - b\n    - c\n  - d\n- e\n\n   ```python\n   x = 1\n   ```\n"
    html = render_user_markdown(text)
    assert _nested_items(html) == [["b", "d"], ["c"]]
    assert _top_items(html)[0] == "a"
    last = [li for top in _tree(html) if top.tag == "ul" for li in top.findall("li")][-1]
    assert next(d.get("class") for d in last.iter("div")) == "code-block"


def test_indented_code_after_a_paragraph_is_still_not_a_list():
    html = render_user_markdown("Text\n\n    - not a bullet\n")
    assert "<li>" not in html


def _dynamo_patterns(text: str, path: str) -> str:
    study = next(s for s in parse_document(text, path).case_studies if "DynamoDB" in s.title)
    return next(s.body for s in study.sections if s.title.startswith("Key Design Patterns"))


@pytest.mark.parametrize("path", [CONTENT / "02-dynamodb.md", SOURCE], ids=["content", "source"])
def test_dynamodb_key_design_patterns_render_nested(path):
    if not path.exists():
        pytest.skip(f"{path} is not present")
    html = render_content(_dynamo_patterns(path.read_text(encoding="utf-8"), str(path)))
    nested = _nested_items(html)
    assert len(nested) >= 3, html
    assert all(len(items) == 3 for items in nested[:2])
    assert " - " not in _text(_tree(html))
