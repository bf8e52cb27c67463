import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

from casestudies.importing import ImportProblem
from casestudies.models import (
    CaseStudy,
    CodeSample,
    CommonQuestion,
    Decision,
    Diagram,
    FrameworkItem,
    InterviewPoint,
    Question,
    RubricAnchor,
    RubricDimension,
    Section,
)
from casestudies.services import content_import
from progress.models import Note, StudiedSection
from tests.casestudies.markdown import CONTENT, CONTENT_SLUGS
from tests.factories.accounts import UserFactory


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def table_counts() -> dict:
    return {
        m.__name__: m.objects.count()
        for m in (CaseStudy, Section, CodeSample, Diagram, Decision, InterviewPoint)
    }


def fences_per_study(text: str) -> list[tuple[int, int]]:
    """(mermaid, other) fence counts per case study, counted straight from the markdown."""
    parts = re.split(r"^### Case Study \d+:", text, flags=re.M)[1:]
    counts = []
    for part in parts:
        part = part.split("\n## ")[0]
        openings = re.findall(r"^\s*```(\w*)\s*$", part, flags=re.M)[::2]
        counts.append((openings.count("mermaid"), len(openings) - openings.count("mermaid")))
    return counts


def test_source_document_imports_its_ten_case_studies(db, levels, source_document):
    output = run("import_casestudies", str(source_document))
    assert "10 created" in output
    studies = list(CaseStudy.objects.order_by("number"))
    assert [s.number for s in studies] == list(range(1, 11))
    assert [s.company for s in studies] == ["Amazon"] * 5 + ["Netflix", "Uber", "Spotify", "Airbnb", "Slack"]
    assert [s.decisions.count() for s in studies] == [2, 3, 3, 3, 3, 2, 5, 3, 4, 2]
    expected_fences = fences_per_study(source_document.read_text())
    for study, (mermaid, code) in zip(studies, expected_fences, strict=True):
        assert study.title and study.company, study.slug
        assert study.facts.count() >= 3, study.slug
        assert study.diagrams.count() == mermaid, study.slug
        assert study.codesamples.count() == code, study.slug
        for code_level in ("L6", "L7"):
            assert study.interviewpoints.filter(level__code=code_level).exists(), (study.slug, code_level)
    assert {s.group for s in studies[:5]} == {"amazon"} and {s.group for s in studies[5:]} == {"industry"}

    prime = studies[0]
    assert prime.facts.get(label="Scale").value.startswith("200M+ subscribers")
    assert prime.lessons.filter(level=None).count() == 4
    assert prime.decisions.filter(benefits__contains="90%").exists()
    dynamo = studies[1]
    assert dynamo.facts.get(label="Availability").value.startswith("99.999%")
    assert dynamo.lessons.filter(level__code="L6").count() == 4
    assert dynamo.codesamples.get().language == "python"
    s3 = studies[3]
    assert (
        s3.interviewpoints.filter(level__code="L6", kind="application").count() == 3
    )  # "L6 Interview Focus"
    netflix = studies[5]
    assert netflix.decisions.filter(title__icontains="Open Connect", result__contains="95%").exists()
    assert netflix.scalingchallenges.filter(challenge__contains="30x").exists()
    assert FrameworkItem.objects.filter(kind="guidance").count() == 6
    assert CommonQuestion.objects.filter(level__code="L7").count() == 3

    again = run("import_casestudies", str(source_document))
    assert "No change" in again and "10 unchanged" in again


def test_an_unclosed_code_block_imports_nothing(db, levels, tmp_path, content):
    before = table_counts()
    broken = tmp_path / "broken.md"
    lines = [
        "### Case Study 11: Broken",
        "",
        "**Slug:** broken",
        "",
        "**System Overview:**",
        "- **Scale**: 1",
        "",
    ]
    broken.write_text("\n".join([*lines, "```python", "x = 1", ""]))
    with pytest.raises(CommandError) as error:
        run("import_casestudies", str(tmp_path / "broken.md"))
    assert f"{broken}:8:" in str(error.value)
    assert "never closed" in str(error.value)
    assert "Nothing was imported" in str(error.value)
    assert table_counts() == before


def test_a_duplicate_slug_across_files_imports_nothing(db, levels, tmp_path):
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(
            "### Case Study 1: Same\n\n**Slug:** same\n\n**System Overview:**\n- **Scale**: 1\n"
        )
    with pytest.raises(CommandError, match="duplicate slug 'same'"):
        run("import_casestudies", str(tmp_path))
    assert not CaseStudy.objects.exists()


def test_a_case_study_without_a_title_is_refused(db, levels, tmp_path):
    (tmp_path / "x.md").write_text("### Case Study 1:\n\n**System Overview:**\n- **Scale**: 1\n")
    with pytest.raises(CommandError, match=r"x\.md:1: .*no title"):
        run("import_casestudies", str(tmp_path / "x.md"))


def test_the_command_exits_non_zero_on_error(tmp_path, db):
    import subprocess
    import sys

    from django.conf import settings

    from tests.browser.conftest import database_url

    (tmp_path / "bad.md").write_text("### Case Study 1: X\n\n```\nunclosed\n")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_casestudies", str(tmp_path / "bad.md")],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": database_url(), "HOME": str(tmp_path)},
    )
    assert result.returncode != 0
    assert "bad.md:3:" in result.stderr


def test_dry_run_reports_and_changes_nothing(db, levels, content):
    before = table_counts()
    CaseStudy.objects.filter(slug="netflix").update(source_hash="stale")
    output = run("load_content", "--dry-run")
    assert "would be updated: netflix" in output
    assert "would be left alone:" in output
    assert "Nothing was changed" in output
    assert CaseStudy.objects.get(slug="netflix").source_hash == "stale"
    assert table_counts() == before


def test_shipped_content_loads_once_and_then_reports_no_change(db, levels, content):
    assert CaseStudy.objects.count() == 10
    assert set(CaseStudy.objects.values_list("slug", flat=True)) == set(CONTENT_SLUGS)
    assert all(cs.categories.exists() for cs in CaseStudy.objects.all())
    output = run("load_content")
    assert "No change: 0 created, 0 updated" in output


def test_a_changed_file_updates_in_place_and_keeps_user_data(db, levels, content, tmp_path):
    from sdprep.settings.base import BASE_DIR

    user = UserFactory()
    study = CaseStudy.objects.get(slug="dynamodb")
    section = study.sections.get(key="core-architecture")
    StudiedSection.objects.create(user=user, section=section)
    Note.objects.create(user=user, case_study=study, body="my note", version=1)

    text = (BASE_DIR / "casestudies/content/02-dynamodb.md").read_text()
    changed = text.replace("**Theme:**", "**Theme:** Revised:", 1)
    report = content_import(files=[("02-dynamodb.md", changed)])

    assert report.updated == ["dynamodb"]
    study.refresh_from_db()
    assert study.theme.startswith("Revised:")
    assert CaseStudy.objects.get(slug="dynamodb").pk == study.pk
    assert StudiedSection.objects.filter(user=user, section=section).exists()
    assert Note.objects.get(user=user, case_study=study).body == "my note"


def test_content_stats(db, levels, content):
    stats = json.loads(run("content_stats", "--json"))
    assert stats["case_studies"] == 10
    assert stats["categories"] == 7
    assert stats["sections"] == Section.objects.count() > 50
    assert stats["diagrams"] == Diagram.objects.count() >= 5
    assert stats["code_samples"] == CodeSample.objects.count()
    assert stats["decisions"] == Decision.objects.count()
    assert stats["questions"] == {
        "L6": Question.objects.filter(levels__code="L6").count(),
        "L7": Question.objects.filter(levels__code="L7").count(),
        "total": Question.objects.count(),
    }
    assert stats["questions"]["total"] >= 80
    table = run("content_stats")
    assert "case studies" in table and "10" in table


def test_a_bank_question_in_an_unknown_category_imports_nothing(db, levels, tmp_path):
    bank = tmp_path / "bank.md"
    bank.write_text(
        "## Question: q-one\n**Prompt:** P\n**Levels:** L6\n**Category:** Nowhere\n**Kind:** scaling\n"
        "**Hints:**\n- a\n- b\n**Follow-ups:**\n- c\n- d\n**Checklist L6:**\n- e\n"
    )
    with pytest.raises(ImportProblem) as info:
        content_import(files=[(str(bank), bank.read_text())])
    assert (info.value.path, info.value.line) == (str(bank), 1)
    assert info.value.message == "q-one: unknown category 'Nowhere'"
    with pytest.raises(CommandError, match=rf"{re.escape(str(bank))}:1: q-one: unknown category"):
        run("import_casestudies", str(bank))
    assert not Question.objects.exists()


def test_every_shipped_question_carries_the_interviewers_kit(db, levels, content):
    """Phase tags on every probe, 1 to 3 curveballs with L6 and L7 answers, dimensions at each level;
    every rubric anchor has a calibration example from a real question."""
    dimensions = list(RubricDimension.objects.prefetch_related("levels"))
    for question in Question.objects.prefetch_related("levels"):
        assert all(question.hint_phases) and len(question.hint_phases) == len(question.hints), question.slug
        assert all(question.follow_up_phases) and len(question.follow_up_phases) == len(question.follow_ups)
        assert 1 <= len(question.curveballs) <= 3, question.slug
        assert all(set(c["answers"]) == {"L6", "L7"} for c in question.curveballs)
        for level in question.levels.all():
            at_level = [d for d in dimensions if level in d.levels.all()]
            assert any(question.exercises(d) for d in at_level), (question.slug, level.code)
    anchors = RubricAnchor.objects.all()
    slugs = set(Question.objects.values_list("slug", flat=True))
    assert anchors.exists() and all(a.example and a.example_question in slugs for a in anchors)

    stats = json.loads(run("content_stats", "--json"))
    probes = sum(len(q.hints) + len(q.follow_ups) for q in Question.objects.all())
    assert stats["phase_tagged_hints"] == probes and stats["untagged_hints"] == 0
    assert (
        stats["curveballs"]
        == sum(len(q.curveballs) for q in Question.objects.all())
        >= Question.objects.count()
    )
    assert stats["calibration_examples"] == anchors.count()


def test_a_question_naming_an_unknown_dimension_imports_nothing(db, levels, content, tmp_path):
    text = (CONTENT / "questions" / "dynamodb.md").read_text(encoding="utf-8")
    broken = text.replace("**Kind:** scaling", "**Kind:** scaling\n**Dimensions:** wizardry", 1)
    before = Question.objects.get(slug="dynamodb-hot-partitions").updated_at
    with pytest.raises(
        ImportProblem, match=r"dynamodb-hot-partitions: unknown rubric dimensions \['wizardry'\]"
    ):
        content_import(files=[("questions/dynamodb.md", broken)])
    assert Question.objects.get(slug="dynamodb-hot-partitions").updated_at == before
