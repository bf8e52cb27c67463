"""casestudies.importing.case_studies: headings, metadata, blocks and their errors."""

import pytest

from casestudies.importing import Fact, ImportProblem, Section, parse_document
from tests.casestudies.markdown import MINIMAL, one


def test_only_an_overview():
    cs = one(MINIMAL)
    assert cs.number == 1
    assert cs.title == "Acme Widgets - Fast Widgets"
    assert cs.slug == "acme-widgets-fast-widgets"
    assert cs.company == "Acme"
    assert cs.theme == "Fast Widgets"
    assert cs.group == "industry"
    assert cs.facts == [Fact("Scale", "1M widgets")]
    assert cs.sections == [Section("System Overview", "- **Scale**: 1M widgets", 3)]
    assert cs.decisions == [] and cs.scaling_challenges == [] and cs.code_samples == [] and cs.diagrams == []
    assert cs.lessons_general == [] and cs.lessons == {} and cs.application == {} and cs.tips == {}
    assert cs.summary == ""


def test_overview_prose_becomes_summary_and_fact_variants():
    cs = one(
        "### Case Study 2: Foo\n\n"
        "**System Overview & Business Context:**\n"
        "Foo is a system.\nIt is big.\n\n"
        "- **Scale**: 10 things\n"
        "- **Latency:** 5ms\n"
        "- **Global Reach**: many\n  regions worldwide\n"
        "\nClosing remark.\n"
    )
    assert cs.summary == "Foo is a system. It is big.\n\nClosing remark."
    assert cs.facts == [
        Fact("Scale", "10 things"),
        Fact("Latency", "5ms"),
        Fact("Global Reach", "many regions worldwide"),
    ]


def test_metadata_lines():
    cs = one(
        "### Case Study 3: Something Long\n"
        "**Slug:** my-slug\n"
        "**Company:**   Example Corp  \n"
        "**Theme**: Doing things well\n"
        "**Categories:** Databases, ML/AI\n"
        "\n**System Overview:**\n- **Scale**: big\n"
    )
    assert (cs.slug, cs.company, cs.theme) == ("my-slug", "Example Corp", "Doing things well")
    assert cs.categories == ["Databases", "ML/AI"]
    assert cs.sections[0].title == "System Overview"


def test_categories_with_semicolons():
    cs = one("### Case Study 3: X\n\n**Categories:** A; B ;C\n\n**System Overview:**\n- **Scale**: big\n")
    assert cs.categories == ["A", "B", "C"]


def test_metadata_only_right_after_heading():
    cs = one("### Case Study 3: X\n\n**Notes:**\n**Slug:** later\n")
    assert cs.slug == "x"
    assert cs.sections[0].body == "**Slug:** later"


def test_interview_focus_and_application_variants():
    cs = one(
        "### Case Study 1: X\n\n"
        "**L6 Interview Focus:**\n- focus a\n- focus b\n\n"
        "**L7 Interview Application:**\n- app a\n\n"
        "**L8 Interview Application:**\n- staff+\n"
    )
    assert cs.application == {"L6": ["focus a", "focus b"], "L7": ["app a"], "L8": ["staff+"]}


def test_lessons_learned_numbered_or_bulleted():
    numbered = one("### Case Study 1: X\n\n**Lessons Learned:**\n1. one\n2. two\n")
    bulleted = one("### Case Study 1: X\n\n**Lessons Learned:**\n- one\n* two\n")
    assert numbered.lessons_general == bulleted.lessons_general == ["one", "two"]
    assert numbered.lessons == {}


def test_lessons_for_managers_wrapper():
    cs = one(
        "### Case Study 1: X\n\n"
        "**Lessons for L6/L7 Managers:**\n\n"
        "**L6 Leadership Lessons:**\n- lead a\n- lead b\n\n"
        "**L7 Strategic Lessons:**\n- strat a\n"
    )
    assert cs.lessons == {"L6": ["lead a", "lead b"], "L7": ["strat a"]}
    assert cs.lessons_general == []
    assert [s.title for s in cs.sections] == [
        "Lessons for L6/L7 Managers",
        "L6 Leadership Lessons",
        "L7 Strategic Lessons",
    ]


def test_candidate_tips():
    cs = one(
        "### Case Study 1: X\n\n**Interview Application Tips:**\n\n"
        "**For L6 Candidates:**\n- tip 6\n\n**For L7 Candidates:**\n- tip 7\n  continued here\n"
    )
    assert cs.tips == {"L6": ["tip 6"], "L7": ["tip 7 continued here"]}
    assert cs.application == {}


def test_label_variants_trailing_spaces_and_colon_outside_bold():
    cs = one(
        "### Case Study 1: X   \n"
        "**System Overview:**   \n"
        "- **Scale**: big   \n"
        "**Lessons Learned**:\n"
        "1. one\n"
        "**L6 Interview Application:**\t\n"
        "- app\n"
        "\n"
        "**Not a label**\n"
        "**Also not a label:** because text follows\n"
    )
    assert cs.title == "X"
    assert [s.title for s in cs.sections] == [
        "System Overview",
        "Lessons Learned",
        "L6 Interview Application",
    ]
    assert cs.facts == [Fact("Scale", "big")]
    assert cs.lessons_general == ["one"]
    assert cs.application == {"L6": ["app"]}
    assert cs.sections[-1].body == "- app\n\n**Not a label**\n**Also not a label:** because text follows"


def test_missing_and_extra_blank_lines():
    cs = one(
        "### Case Study 1: X\n**System Overview:**\n- **Scale**: big\n"
        "**Lessons Learned:**\n1. one\n\n\n\n2. two\n\n\n"
    )
    assert cs.facts == [Fact("Scale", "big")]
    assert cs.lessons_general == ["one", "two"]


def test_case_study_boundaries():
    text = (
        "# Title of the document\n\n"
        "## Amazon Internal System Case Studies\n\n"
        "### Case Study 1: Amazon Thing\n**Lessons Learned:**\n- a\n\n---\n\n"
        "Stray text after the rule.\n\n"
        "### Untitled-number Study\n**Lessons Learned:**\n- b\n"
        "## Industry Benchmark Case Studies\n"
        "### Case Study 2: Other Thing\n**Lessons Learned:**\n- c\n"
        "## Something Else\n"
        "### Not a case study\n"
    )
    doc = parse_document(text)
    assert [(c.number, c.title, c.group) for c in doc.case_studies] == [
        (1, "Amazon Thing", "amazon"),
        (None, "Untitled-number Study", "amazon"),
        (2, "Other Thing", "industry"),
    ]
    assert doc.case_studies[0].lessons_general == ["a"]
    assert doc.case_studies[0].sections[-1].body == "- a"


def test_case_study_heading_levels_and_forms():
    doc = parse_document(
        "# Case Study 1: One\n**Lessons Learned:**\n- x\n"
        "## Case Study 2 - Two\n"
        "### Case Study: Three\n"
        "### 🚀 Case Study 4: Four\n"
    )
    assert [(c.number, c.title) for c in doc.case_studies] == [
        (1, "One"),
        (2, "Two"),
        (None, "Three"),
        (4, "Four"),
    ]


def test_sub_headings_inside_a_case_study_are_sections():
    cs = one("### Case Study 1: X\n\n#### Deep Dive\nsome text\n\n**Lessons Learned:**\n- a\n")
    assert [s.title for s in cs.sections] == ["Deep Dive", "Lessons Learned"]
    assert cs.sections[0].body == "some text"


def test_preamble_prose_goes_to_summary():
    cs = one("### Case Study 1: X\n\nAn introduction.\n\n**System Overview:**\nMore prose.\n")
    assert cs.summary == "An introduction.\n\nMore prose."


def test_level_codes_come_from_labels():
    cs = one(
        "### Case Study 1: X\n\n**L5 Leadership Lessons:**\n- five\n\n**For L8 Candidates:**\n- eight\n"
        "**Lessons for L6/L7 Managers:**\n- wrapper text is not a level list\n"
    )
    assert cs.lessons == {"L5": ["five"]}
    assert cs.tips == {"L8": ["eight"]}


def test_group_defaults_to_industry_and_untitled_group_members():
    doc = parse_document(
        "## Amazon Internal System Case Studies\n\n### Fulfilment Robotics\n**Lessons Learned:**\n- x\n"
    )
    (cs,) = doc.case_studies
    assert (cs.number, cs.title, cs.group, cs.company, cs.slug) == (
        None,
        "Fulfilment Robotics",
        "amazon",
        "Fulfilment",
        "fulfilment-robotics",
    )


@pytest.mark.parametrize(
    "heading",
    ["### Case Study 3:", "### Case Study 3", "### Case Study 3:   ", "## Case Study: ", "# Case Study 7 -"],
)
def test_case_study_heading_without_title(heading):
    with pytest.raises(ImportProblem, match="case study heading has no title") as info:
        parse_document(f"{MINIMAL}\n---\n\n{heading}\n\n**System Overview:**\n- **Scale**: x\n")
    assert info.value.line == MINIMAL.count("\n") + 4


def test_empty_heading_in_group_has_no_title():
    with pytest.raises(ImportProblem, match="has no title") as info:
        parse_document("## Industry Benchmark Case Studies\n\n###\n")
    assert info.value.line == 3


def test_duplicate_explicit_slug_names_both_lines():
    text = (
        "### Case Study 1: A\n**Slug:** same\n\n**System Overview:**\n- **Scale**: 1\n\n---\n\n"
        "### Case Study 2: B\n**Slug:** same\n"
    )
    with pytest.raises(ImportProblem) as info:
        parse_document(text, "x.md")
    assert info.value.line == 10
    assert info.value.message == "duplicate slug 'same' (first defined on line 2)"
    assert str(info.value) == "x.md:10: duplicate slug 'same' (first defined on line 2)"


def test_duplicate_derived_slug_names_both_heading_lines():
    text = "### Case Study 1: Same Title\n\n### Case Study 2: Same Title\n"
    with pytest.raises(
        ImportProblem, match=r"duplicate slug 'same-title' \(first defined on line 1\)"
    ) as info:
        parse_document(text)
    assert info.value.line == 3


def test_duplicate_slug_across_explicit_and_derived():
    with pytest.raises(ImportProblem, match="duplicate slug 'foo'"):
        parse_document("### Case Study 1: Foo\n\n### Case Study 2: Bar\n**Slug:** foo\n")


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("**Slug:**", "Slug"),
        ("**Company:**   ", "Company"),
        ("**Theme**:", "Theme"),
        ("**Categories:** ; ,", "Categories"),
    ],
)
def test_empty_metadata_value(line, name):
    with pytest.raises(ImportProblem, match=f"metadata '{name}' has an empty value") as info:
        parse_document(f"### Case Study 1: X\n\n{line}\n**System Overview:**\n- **Scale**: y\n")
    assert info.value.line == 3


def test_invalid_and_repeated_metadata():
    with pytest.raises(ImportProblem, match="invalid slug") as info:
        parse_document("### Case Study 1: X\n**Slug:** not a slug!\n")
    assert info.value.line == 2
    with pytest.raises(ImportProblem, match="given twice") as info:
        parse_document("### Case Study 1: X\n**Theme:** a\n**Theme:** b\n")
    assert info.value.line == 3


@pytest.mark.parametrize(
    "text",
    ["", "\n\n   \n", "# Just a title\n\nSome prose.\n", "## Case Study Categories\n\nnothing here\n"],
)
def test_document_without_case_study_or_framework(text):
    with pytest.raises(ImportProblem, match="no case study or framework found") as info:
        parse_document(text, "empty.md")
    assert str(info.value).startswith("empty.md:1: ")
