"""The importer refuses junk and accidental copies, all or nothing, naming the file and line."""

import pytest
from django.core.management import CommandError, call_command

from casestudies.models import CaseStudy
from dashboards.selectors.stats import content_map

FULL = """### Case Study {number}: {title}

{meta}

**System Overview:**
- **Scale**: 1M users

**Architecture:**
Some prose.
"""


def _import(path):
    import io

    call_command("import_casestudies", str(path), stdout=io.StringIO())


def test_the_junk_file_is_refused_and_nothing_counts(db, levels, content, tmp_path):
    before = CaseStudy.objects.count()
    junk = tmp_path / "junk.md"
    junk.write_text("### Case Study 16: Nothing\n\nhello world\n")
    with pytest.raises(CommandError) as error:
        _import(junk)
    message = str(error.value)
    assert f"{junk}:1:" in message and "Nothing" in message
    assert "overview fact" in message and "section" in message
    assert "Nothing was imported" in message
    assert CaseStudy.objects.count() == before
    assert content_map(levels["L6"]).total_case_studies == before


@pytest.mark.parametrize(
    ("body", "missing"),
    [
        ("**System Overview:**\n- **Scale**: 1\n", "section"),
        ("**Architecture:**\nProse only.\n", "overview fact"),
    ],
)
def test_a_case_study_needs_a_fact_and_a_section(db, levels, tmp_path, body, missing):
    path = tmp_path / "x.md"
    path.write_text(f"### Case Study 1: Thing\n\n**Slug:** thing\n**Company:** Acme\n\n{body}")
    with pytest.raises(CommandError, match=rf"x\.md:1: .*{missing}"):
        _import(path)
    assert not CaseStudy.objects.exists()


def test_a_slug_less_copy_of_an_existing_case_study_is_refused(db, levels, content, tmp_path):
    existing = CaseStudy.objects.get(slug="dynamodb")
    path = tmp_path / "copy.md"
    path.write_text(FULL.format(number=existing.number, title=existing.title, meta="**Company:** Amazon"))
    before = CaseStudy.objects.count()
    with pytest.raises(CommandError) as error:
        _import(path)
    message = str(error.value)
    assert f"{path}:1:" in message
    assert "'dynamodb'" in message and "'amazon-dynamodb-nosql-at-scale'" in message
    assert CaseStudy.objects.count() == before


def test_a_new_number_with_a_stated_slug_is_fine(db, levels, content, tmp_path):
    path = tmp_path / "new.md"
    path.write_text(FULL.format(number=2, title="Another take", meta="**Slug:** another\n**Company:** Acme"))
    _import(path)
    assert CaseStudy.objects.filter(slug="another").exists()


def test_a_draft_imports_unpublished_and_counts_nowhere(db, levels, content, client_bob, tmp_path):
    before = content_map(levels["L6"]).total_case_studies
    path = tmp_path / "draft.md"
    path.write_text(FULL.format(number=11, title="Work in progress", meta="**Slug:** wip\n**Draft:** true"))
    _import(path)
    draft = CaseStudy.objects.get(slug="wip")
    assert draft.published is False
    assert content_map(levels["L6"]).total_case_studies == before
    assert b"Work in progress" not in client_bob.get("/library/").content
    assert b"Work in progress" not in client_bob.get("/search/?q=progress").content
    assert client_bob.get("/library/wip/").status_code == 404
    # Publishing it is a matter of dropping the line and importing again.
    path.write_text(FULL.format(number=11, title="Work in progress", meta="**Slug:** wip"))
    _import(path)
    assert CaseStudy.objects.get(slug="wip").published is True
    assert content_map(levels["L6"]).total_case_studies == before + 1
