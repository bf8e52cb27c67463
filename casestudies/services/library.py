"""Writes to curated content. The importer turns parsed markdown into rows, all or nothing."""

import dataclasses
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from casestudies.importing import (
    Framework,
    ImportProblem,
    ParsedCaseStudy,
    check_complete,
    fingerprint,
    parse_bank,
    parse_document,
)
from casestudies.models import (
    CaseStudy,
    Category,
    CategoryFocus,
    CodeSample,
    CommonQuestion,
    ContentFingerprint,
    Decision,
    Diagram,
    Fact,
    FrameworkItem,
    InterviewPoint,
    Lesson,
    Level,
    ScalingChallenge,
    SearchTerm,
    Section,
)
from casestudies.services.questions import bank_import, dimensions_check
from casestudies.services.search import case_study_index, search_vocabulary_rebuild

_BANK = re.compile(r"^##\s+(Question|Dimension):", re.M)
GROUPS = {"amazon": CaseStudy.Group.AMAZON, "industry": CaseStudy.Group.INDUSTRY}
_KINDS = [
    (re.compile(r"^system overview", re.I), Section.Kind.OVERVIEW),
    (re.compile(r"tips|candidates", re.I), Section.Kind.TIPS),
    (re.compile(r"interview (application|focus)", re.I), Section.Kind.APPLICATION),
    (re.compile(r"lessons", re.I), Section.Kind.LESSONS),
    (re.compile(r"scaling challenges", re.I), Section.Kind.SCALING),
    (
        re.compile(r"decisions|design patterns|key components|strateg|challenges|innovation|pipeline", re.I),
        Section.Kind.DECISIONS,
    ),
]


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    framework: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or any(not f.endswith("unchanged") for f in self.framework))


def section_kind(title: str) -> str:
    return next((kind for pattern, kind in _KINDS if pattern.search(title)), Section.Kind.BODY)


@transaction.atomic
def content_import(*, files: list[tuple[str, str]], dry_run: bool = False) -> ImportReport:
    """Import (path, text) pairs. Any error raises before anything is kept; dry runs roll back."""
    banks = [(path, parse_bank(text, path)) for path, text in files if _BANK.search(text)]
    documents = [(path, parse_document(text, path)) for path, text in files if not _BANK.search(text)]
    studies = [(path, study) for path, doc in documents for study in doc.case_studies]
    _check_unique(studies, "slug")
    for path, study in studies:
        check_complete(study, path)
        _check_not_a_copy(study, path)
    _check_unique(
        [(path, item) for path, bank in banks for item in [*bank.questions, *bank.dimensions]], "id"
    )
    levels = {level.code: level for level in Level.objects.all()}
    report = ImportReport()
    for path, document in documents:
        if document.framework:
            report.framework.append(_framework_import(document.framework, path, levels))
    categories = {c.name.lower(): c for c in Category.objects.all()}
    for path, document in documents:
        for study in document.case_studies:
            outcome = _case_study_import(study, path, levels, categories)
            getattr(report, outcome).append(study.slug)
    for path, bank in banks:
        for outcome, names in bank_import(bank, path, levels).items():
            getattr(report, outcome).extend(names)
    dimensions_check(banks)
    if report.changed or not SearchTerm.objects.exists():
        search_vocabulary_rebuild()
    if dry_run:
        transaction.set_rollback(True)
    return report


def _check_unique(items, what: str) -> None:
    """Refuse two items with one slug across all the files of an import: (path, item) pairs."""
    seen: dict[str, tuple[str, int]] = {}
    for path, item in items:
        if item.slug in seen:
            first_path, first_line = seen[item.slug]
            message = f"duplicate {what} '{item.slug}' (first defined at {first_path}:{first_line})"
            raise ImportProblem(message, path=path, line=item.line)
        seen[item.slug] = (path, item.line)


def _check_not_a_copy(study: ParsedCaseStudy, path: str) -> None:
    """A file without a slug whose title or number is an existing case study's, under another slug, is
    almost always that case study re-exported: refuse it rather than create a second copy."""
    if study.slug_stated:
        return
    same = Q(title__iexact=study.title) | (Q(number=study.number) if study.number else Q(pk__in=[]))
    other = CaseStudy.objects.filter(same).exclude(slug=study.slug).first()
    if other is not None:
        message = (
            f"'{study.title}' has no **Slug:** line and its derived slug '{study.slug}' differs from "
            f"'{other.slug}' (case study {other.number}, '{other.title}'), which has the same "
            f"{'title' if other.title.lower() == study.title.lower() else 'number'}: add **Slug:** "
            f"{other.slug} to update it, or another **Slug:** to add a new case study"
        )
        raise ImportProblem(message, path=path, line=study.line)


def _level(levels: dict, code: str, path: str, line: int) -> Level:
    if code not in levels:
        raise ImportProblem(f"unknown level '{code}' (known: {', '.join(levels)})", path=path, line=line)
    return levels[code]


def _framework_import(framework: Framework, path: str, levels: dict) -> str:
    digest = fingerprint(framework)
    if ContentFingerprint.objects.filter(key="framework", value=digest).exists():
        return f"{path}: framework unchanged"
    ContentFingerprint.objects.update_or_create(key="framework", defaults={"value": digest})
    for order, (name, *focuses) in enumerate(framework.categories):
        category = Category.objects.filter(name__iexact=name).first() or Category(
            name=name, slug=slugify(name), order=order
        )
        category.order = order
        category.full_clean(validate_unique=False)
        category.save()
        for code, focus in zip(("L6", "L7"), focuses, strict=False):
            if code in levels and focus:
                CategoryFocus.objects.update_or_create(
                    category=category, level=levels[code], defaults={"focus": focus}
                )
    if framework.guidance or framework.takeaways:
        FrameworkItem.objects.all().delete()
        items = [
            FrameworkItem(
                kind=FrameworkItem.Kind.GUIDANCE,
                level=_level(levels, code, path, 0),
                order=i,
                title=item.title,
                points=item.points,
            )
            for code, guidance in framework.guidance.items()
            for i, item in enumerate(guidance)
        ]
        items += [
            FrameworkItem(kind=FrameworkItem.Kind.TAKEAWAY, order=i, title=item.title, points=item.points)
            for i, item in enumerate(framework.takeaways)
        ]
        FrameworkItem.objects.bulk_create(items)
    if framework.questions:
        CommonQuestion.objects.all().delete()
        CommonQuestion.objects.bulk_create(
            CommonQuestion(level=_level(levels, code, path, 0), order=i, text=text)
            for code, questions in framework.questions.items()
            for i, text in enumerate(questions)
        )
    return f"{path}: framework imported"


def _infer_categories(study: ParsedCaseStudy, categories: dict) -> list[Category]:
    haystack = f"{study.title} {study.theme} {study.company}".lower()
    return [
        category
        for category in categories.values()
        if any(
            word.strip() and re.search(rf"\b{re.escape(word.strip())}\b", haystack)
            for word in category.keywords.split(",")
        )
    ]


def _case_study_import(study: ParsedCaseStudy, path: str, levels: dict, categories: dict) -> str:
    digest = fingerprint(study)
    existing = CaseStudy.objects.filter(slug=study.slug).first()
    if existing and existing.source_hash == digest:
        return "unchanged"

    if study.categories:
        unknown = [name for name in study.categories if name.lower() not in categories]
        if unknown:
            raise ImportProblem(
                f"unknown categories {unknown} in '{study.title}'", path=path, line=study.line
            )
        chosen = [categories[name.lower()] for name in study.categories]
    else:
        chosen = _infer_categories(study, categories)

    case_study = existing or CaseStudy(slug=study.slug)
    case_study.number = study.number or 0
    case_study.title = study.title
    case_study.company = study.company
    case_study.theme = study.theme
    case_study.group = GROUPS.get(study.group, CaseStudy.Group.INDUSTRY)
    case_study.summary = study.summary
    case_study.published = not study.draft
    case_study.source_hash = digest
    case_study.full_clean(exclude=["search_vector"], validate_unique=False)
    case_study.save()
    case_study.categories.set(chosen)

    sections = _sections_import(case_study, study.sections)
    for model in (Fact, CodeSample, Diagram, Decision, ScalingChallenge, Lesson, InterviewPoint):
        model.objects.filter(case_study=case_study).delete()
    Fact.objects.bulk_create(
        Fact(case_study=case_study, order=i, label=f.label[:80], value=f.value[:300])
        for i, f in enumerate(study.facts)
    )
    CodeSample.objects.bulk_create(
        CodeSample(
            case_study=case_study,
            order=i,
            section=sections.get(c.section),
            language=c.language,
            source=c.source,
        )
        for i, c in enumerate(study.code_samples)
    )
    Diagram.objects.bulk_create(
        Diagram(case_study=case_study, order=i, section=sections.get(d.section), source=d.source)
        for i, d in enumerate(study.diagrams)
    )
    _bulk_parts(Decision, case_study, study.decisions)
    _bulk_parts(ScalingChallenge, case_study, study.scaling_challenges)
    lessons = [(None, text) for text in study.lessons_general]
    lessons += [
        (_level(levels, code, path, study.line), text)
        for code, texts in study.lessons.items()
        for text in texts
    ]
    Lesson.objects.bulk_create(
        Lesson(case_study=case_study, order=i, level=level, text=text)
        for i, (level, text) in enumerate(lessons)
    )
    points = [
        (InterviewPoint.Kind.APPLICATION, code, text)
        for code, texts in study.application.items()
        for text in texts
    ] + [(InterviewPoint.Kind.TIP, code, text) for code, texts in study.tips.items() for text in texts]
    InterviewPoint.objects.bulk_create(
        InterviewPoint(
            case_study=case_study, order=i, kind=kind, level=_level(levels, code, path, study.line), text=text
        )
        for i, (kind, code, text) in enumerate(points)
    )
    case_study_index(case_study=case_study)
    return "updated" if existing else "created"


def _bulk_parts(model, case_study: CaseStudy, items: list) -> None:
    """Rows whose fields are the parsed dataclass's own (Decision, ScalingChallenge), in order."""
    rows = []
    for order, item in enumerate(items):
        fields = {k: v for k, v in dataclasses.asdict(item).items() if k != "line"}
        fields["title"] = fields["title"][:200]
        rows.append(model(case_study=case_study, order=order, **fields))
    model.objects.bulk_create(rows)


def _sections_import(case_study: CaseStudy, parsed_sections: list) -> dict[str, Section]:
    """Upsert sections by a stable key, so users' 'studied' marks survive a content update."""
    existing = {s.key: s for s in Section.objects.filter(case_study=case_study)}
    kept: dict[str, Section] = {}
    by_title: dict[str, Section] = {}
    for order, parsed in enumerate(parsed_sections):
        base = slugify(parsed.title)[:90] or "section"
        key, n = base, 2
        while key in kept:
            key, n = f"{base}-{n}", n + 1
        section = existing.get(key) or Section(case_study=case_study, key=key)
        section.order, section.title, section.body = order, parsed.title[:200], parsed.body
        section.kind = section_kind(parsed.title)
        section.save()
        kept[key] = section
        by_title.setdefault(parsed.title, section)
    Section.objects.filter(case_study=case_study).exclude(key__in=kept).delete()
    return by_title
