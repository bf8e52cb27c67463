"""casestudies.importing.lines and errors: fences, line endings, tabs, slugs, the error type."""

import pickle

import pytest

from casestudies.importing import (
    CodeSample,
    Diagram,
    ImportProblem,
    Section,
    fingerprint,
    parse_document,
    slugify,
)
from sdprep.errors import DomainError, error_status
from tests.casestudies.markdown import CODE_BLOCKS, DECISIONS, MINIMAL, line_of, one


def test_hash_comment_lines_in_code_are_not_headings():
    doc = parse_document(CODE_BLOCKS)
    assert len(doc.case_studies) == 1
    cs = doc.case_studies[0]
    assert cs.title == "Code Heavy"
    assert [s.title for s in cs.sections] == [
        "Core Architecture",
        "Config",
        "Timeline",
        "Diagram",
        "Lessons Learned",
    ]
    assert cs.lessons_general == ["still the same case study"]


def test_code_sample_languages_sections_and_lines():
    cs = one(CODE_BLOCKS)
    assert [(c.language, c.section) for c in cs.code_samples] == [
        ("python", "Core Architecture"),
        ("yaml", "Config"),
        ("", "Timeline"),
    ]
    assert cs.code_samples[0].source == (
        "# Not a heading\n## Not a group heading either\n### Case Study 99: not a case study\n"
        "class Thing:\n    pass"
    )
    assert cs.code_samples[1].source.endswith("  name: thing   # trailing comment\n---")
    assert cs.code_samples[2].source == "2006: start\n# done"
    assert [c.line for c in cs.code_samples] == [
        line_of(CODE_BLOCKS, "```python"),
        line_of(CODE_BLOCKS, "```yaml"),
        line_of(CODE_BLOCKS, "**Timeline:**") + 2,
    ]
    assert cs.diagrams == [Diagram("graph TD\n    A --> B", "Diagram", line_of(CODE_BLOCKS, "```mermaid"))]
    assert cs.sections[0].body.startswith("```python\n# Not a heading")


def test_tilde_and_long_fences():
    cs = one(
        "### Case Study 1: X\n\n**Code:**\n\n"
        "~~~python\nprint('```')\n~~~\n\n"
        "````markdown\n```python\n# inner\n```\n````\n"
    )
    assert [(c.language, c.source) for c in cs.code_samples] == [
        ("python", "print('```')"),
        ("markdown", "```python\n# inner\n```"),
    ]


def test_tabs_in_code_are_kept():
    cs = one("### Case Study 1: X\n\n**Code:**\n```go\nfunc f() {\n\treturn\n}\n```\n")
    assert cs.code_samples[0].source == "func f() {\n\treturn\n}"


def test_crlf_input_parses_like_lf():
    lf = parse_document(DECISIONS + "\n" + CODE_BLOCKS)
    crlf = parse_document((DECISIONS + "\n" + CODE_BLOCKS).replace("\n", "\r\n"))
    assert crlf == lf
    assert "\r" not in crlf.case_studies[1].code_samples[0].source


def test_dataclass_types():
    cs = one(CODE_BLOCKS)
    assert isinstance(cs.code_samples[0], CodeSample)
    assert isinstance(cs.sections[0], Section)


def test_unclosed_fence_reports_opening_line():
    text = "### Case Study 1: X\n\n**Code:**\n\n```python\nprint(1)\n\n**Lessons Learned:**\n- a\n"
    with pytest.raises(ImportProblem) as info:
        parse_document(text, "doc.md")
    err = info.value
    assert err.line == 5
    assert err.path == "doc.md"
    assert err.message == "code block opened here is never closed"
    assert str(err) == "doc.md:5: code block opened here is never closed"


def test_unclosed_indented_fence_in_list_item():
    text = "### Case Study 1: X\n\n**Key Design Decisions:**\n1. **A**\n   ```\n   Benefits:\n   - x\n"
    with pytest.raises(ImportProblem, match="never closed") as info:
        parse_document(text)
    assert info.value.line == 5


def test_fence_closed_by_info_string_line_is_not_closed():
    with pytest.raises(ImportProblem, match="never closed") as info:
        parse_document("### Case Study 1: X\n\n```\ncode\n```python\n")
    assert info.value.line == 3


def test_slugify():
    assert slugify("Uber's Real-time Dispatch System - Geospatial Optimization") == (
        "ubers-real-time-dispatch-system-geospatial-optimization"
    )
    long = slugify("word " * 30)
    assert len(long) <= 60 and not long.endswith("-") and long.startswith("word-word")
    assert slugify("Ça va: Crème brûlée!") == "ca-va-creme-brulee"
    assert slugify("x" * 80) == "x" * 60


def test_import_problem_is_a_domain_error_for_bad_input_and_pickles():
    err = ImportProblem("boom", path="a.md", line=3)
    assert isinstance(err, DomainError)
    assert (err.status, error_status(err), err.message) == (422, 422, "boom")
    clone = pickle.loads(pickle.dumps(err))  # noqa: S301 - our own bytes
    assert (clone.path, clone.line, clone.message, str(clone)) == ("a.md", 3, "boom", "a.md:3: boom")
    assert (clone.status, type(clone)) == (422, ImportProblem)
    assert str(ImportProblem("no file")) == "no file"


def test_fingerprint_ignores_line_numbers_only():
    first = one(MINIMAL)
    moved = one("\n\n" + MINIMAL)
    assert moved.line == first.line + 2
    assert fingerprint(moved) == fingerprint(first)
    assert fingerprint(one(MINIMAL.replace("1M", "2M"))) != fingerprint(first)
