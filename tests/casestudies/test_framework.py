"""casestudies.importing.framework: the category table, guidance, questions and takeaways."""

from casestudies.importing import parse_document
from tests.casestudies.markdown import CONTENT, CONTENT_FILES, MINIMAL


def test_content_framework():
    path = CONTENT / "framework.md"
    doc = parse_document(path.read_text(encoding="utf-8"), str(path))
    assert doc.case_studies == []
    fw = doc.framework
    assert fw is not None
    assert len(fw.categories) == 7
    assert (
        "Geospatial",
        "Spatial indexing and matching",
        "Marketplace optimisation strategy",
    ) in fw.categories
    assert {k: len(v) for k, v in fw.guidance.items()} == {"L6": 3, "L7": 3}
    assert {k: len(v) for k, v in fw.questions.items()} == {"L6": 3, "L7": 3}
    assert all(not q.startswith('"') and not q.endswith('"') for qs in fw.questions.values() for q in qs)
    assert len(fw.takeaways) == 3


def test_content_categories_are_in_the_framework():
    fw = parse_document((CONTENT / "framework.md").read_text(encoding="utf-8")).framework
    known = {name for name, _l6, _l7 in fw.categories}
    for path in CONTENT_FILES:
        cs = parse_document(path.read_text(encoding="utf-8")).case_studies[0]
        assert set(cs.categories) <= known, (path.name, cs.categories)


def test_framework_absent_and_framework_only():
    assert parse_document(MINIMAL).framework is None
    doc = parse_document(
        "### Key Takeaways for Interviews\n\n1. **Trade-offs**\n   - cost\n\n"
        "**L7 Level Questions:**\n1. \u201cWhat next?\u201d\n2. 'Why?'\n"
    )
    assert doc.case_studies == []
    assert doc.framework.takeaways[0].title == "Trade-offs"
    assert doc.framework.takeaways[0].points == ["cost"]
    assert doc.framework.questions == {"L7": ["What next?", "Why?"]}
    assert doc.framework.categories == [] and doc.framework.guidance == {}


def test_framework_table_with_missing_cells():
    doc = parse_document("| Category | L6 Focus | L7 Focus |\n|---|---|---|\n| **A** | x |\n| B | y | z |\n")
    assert doc.framework.categories == [("A", "x", ""), ("B", "y", "z")]


def test_framework_guidance_headings():
    doc = parse_document(
        "## Interview Application Framework\n\n"
        "#### For L6 Interviews:\n\n1. **Focus**\n   - deep\n   - wide\n\n"
        "#### For L9 Interviews\n1. **Vision**\n"
    )
    fw = doc.framework
    assert fw.guidance["L6"][0].title == "Focus"
    assert fw.guidance["L6"][0].points == ["deep", "wide"]
    assert fw.guidance["L9"][0].points == []
