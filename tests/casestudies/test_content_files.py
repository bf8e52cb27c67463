"""The case-study files shipped in casestudies/content/."""

import pytest

from casestudies.importing import parse_document
from tests.casestudies.markdown import CONTENT, CONTENT_FILES, CONTENT_SLUGS


def test_content_has_ten_case_study_files():
    assert len(CONTENT_FILES) == 10
    assert (CONTENT / "framework.md").exists()


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: p.name)
def test_content_file_parses_alone(path):
    doc = parse_document(path.read_text(encoding="utf-8"), str(path))
    assert doc.framework is None
    (cs,) = doc.case_studies
    number = int(path.name[:2])
    assert cs.number == number
    assert cs.slug == CONTENT_SLUGS[number - 1]
    assert cs.group == ("amazon" if number <= 5 else "industry")
    assert cs.categories
    assert cs.company and cs.theme
    assert cs.theme != cs.title  # explicit **Theme:**, not derived
    assert cs.facts
    assert cs.decisions
    assert cs.code_samples
    assert cs.sections[0].title.startswith("System Overview")
    has_application = set(cs.application) == {"L6", "L7"}
    has_tips = set(cs.tips) == {"L6", "L7"} and set(cs.lessons) == {"L6", "L7"}
    assert has_application or has_tips


def test_content_explicit_metadata():
    docs = {
        p.name[:2]: parse_document(p.read_text(encoding="utf-8"), str(p)).case_studies[0]
        for p in CONTENT_FILES
    }
    assert docs["01"].company == "Amazon Prime Video"
    assert docs["02"].company == "Amazon (AWS)"
    assert docs["05"].categories == ["E-Commerce", "ML/AI"]
    assert docs["10"].categories == ["Real-time Messaging"]
    assert docs["01"].theme.startswith("Why folding a distributed media pipeline")


def test_content_prime_video_decisions():
    path = CONTENT / "01-prime-video.md"
    cs = parse_document(path.read_text(encoding="utf-8"), str(path)).case_studies[0]
    assert "90%" in cs.decisions[1].benefits
    assert cs.decisions[1].benefits.count("\n- ") == 3
    assert cs.decisions[0].details.startswith("**Components:**\n- Service for video ingestion")
    assert len(cs.lessons_general) == 4
    assert [d.section for d in cs.diagrams] == ["Architectural Journey"]


def test_content_concatenated():
    paths = [*CONTENT_FILES, CONTENT / "framework.md"]
    text = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    doc = parse_document(text, "content/*.md")
    assert [cs.slug for cs in doc.case_studies] == CONTENT_SLUGS
    assert [cs.number for cs in doc.case_studies] == list(range(1, 11))
    assert doc.framework is not None and len(doc.framework.categories) == 7
    # The last case study ends at the framework's "##" heading.
    assert doc.case_studies[-1].sections[-1].title == "For L7 Candidates"
