"""Import the question bank and the rubric, inside content_import's transaction."""

from django.contrib.postgres.search import SearchVector
from django.db.models import Value

from casestudies.importing import ImportProblem, ParsedBank, ParsedDimension, ParsedQuestion, fingerprint
from casestudies.models import (
    CaseStudy,
    Category,
    ChecklistItem,
    Level,
    Question,
    RubricAnchor,
    RubricDimension,
)


def bank_import(bank: ParsedBank, path: str, levels: dict[str, Level]) -> dict[str, list[str]]:
    """Upsert questions and dimensions by slug."""
    outcome: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": []}
    categories = {c.name.lower(): c for c in Category.objects.all()}
    studies = dict(CaseStudy.objects.values_list("slug", "pk"))
    for order, dimension in enumerate(bank.dimensions):
        result = _dimension_import(dimension, order, path, levels)
        outcome[result].append(f"rubric:{dimension.slug}")
    for question in bank.questions:
        result = _question_import(question, path, levels, categories, studies)
        outcome[result].append(f"question:{question.slug}")
    return outcome


def _levels(codes: list[str], levels: dict, path: str, line: int) -> list[Level]:
    unknown = [code for code in codes if code not in levels]
    if unknown:
        raise ImportProblem(f"unknown level(s) {unknown}", path=path, line=line)
    return [levels[code] for code in codes]


def _dimension_import(parsed: ParsedDimension, order: int, path, levels) -> str:
    """Compared field by field (a dimension is small), so an unchanged one is left alone."""
    dimension = RubricDimension.objects.filter(slug=parsed.slug).first()
    chosen = _levels(parsed.levels, levels, path, parsed.line)
    existing_anchors = (
        sorted(
            (a.level.code, a.score, a.text, a.example_question, a.example)
            for a in dimension.anchors.select_related("level")
        )
        if dimension
        else []
    )
    wanted_anchors = sorted(
        (code, score, text, *(parsed.examples.get(code) or [("", "")] * 4)[score - 1])
        for code, texts in parsed.anchors.items()
        for score, text in enumerate(texts, start=1)
    )
    if (
        dimension
        and (dimension.name, dimension.description, dimension.order, dimension.question_kinds)
        == (parsed.name, parsed.description, order, parsed.question_kinds)
        and sorted(dimension.levels.values_list("code", flat=True)) == sorted(parsed.levels)
        and existing_anchors == wanted_anchors
    ):
        return "unchanged"
    created = dimension is None
    dimension = dimension or RubricDimension(slug=parsed.slug)
    dimension.name, dimension.description, dimension.order = parsed.name, parsed.description, order
    dimension.question_kinds = parsed.question_kinds
    dimension.full_clean(validate_unique=False)
    dimension.save()
    dimension.levels.set(chosen)
    dimension.anchors.all().delete()
    RubricAnchor.objects.bulk_create(
        RubricAnchor(
            dimension=dimension,
            level=levels[code],
            score=score,
            text=text[:400],
            example_question=example_question,
            example=example[:400],
        )
        for code, score, text, example_question, example in wanted_anchors
    )
    return "created" if created else "updated"


def _question_import(parsed: ParsedQuestion, path, levels, categories, studies) -> str:
    digest = fingerprint(parsed)
    question = Question.objects.filter(slug=parsed.slug).first()
    if question and question.source_hash == digest:
        return "unchanged"
    category = categories.get(parsed.category.lower())
    if category is None:
        raise ImportProblem(
            f"{parsed.slug}: unknown category '{parsed.category}'", path=path, line=parsed.line
        )
    missing = [slug for slug in parsed.case_studies if slug not in studies]
    if missing:
        raise ImportProblem(f"{parsed.slug}: unknown case studies {missing}", path=path, line=parsed.line)
    chosen = _levels(parsed.levels, levels, path, parsed.line)
    created = question is None
    question = question or Question(slug=parsed.slug)
    question.prompt, question.category, question.kind = parsed.prompt, category, parsed.kind
    question.hints, question.follow_ups, question.source_hash = parsed.hints, parsed.follow_ups, digest
    question.hint_phases, question.follow_up_phases = parsed.hint_phases, parsed.follow_up_phases
    question.curveballs, question.dimension_slugs = parsed.curveballs, parsed.dimensions
    question.full_clean(exclude=["search_vector"], validate_unique=False)
    question.save()
    question.levels.set(chosen)
    question.case_studies.set([studies[slug] for slug in parsed.case_studies])
    # Checklist rows are replaced only when their text changed, so ticks on old attempts keep their items.
    wanted = [
        (code, i, text[:400]) for code, items in parsed.checklists.items() for i, text in enumerate(items)
    ]
    current = {(item.level.code, item.order): item for item in question.checklist.select_related("level")}
    keep = set()
    for code, order, text in wanted:
        item = current.get((code, order))
        if item and item.text == text:
            keep.add(item.pk)
            continue
        if item:
            item.text = text
            item.save(update_fields=["text"])
            keep.add(item.pk)
        else:
            keep.add(
                ChecklistItem.objects.create(question=question, level=levels[code], order=order, text=text).pk
            )
    question.checklist.exclude(pk__in=keep).delete()
    question_index(question=question)
    return "created" if created else "updated"


def dimensions_check(banks: list[tuple[str, ParsedBank]]) -> None:
    """After every bank is in: a question's own dimension list names dimensions that exist."""
    known = set(RubricDimension.objects.values_list("slug", flat=True))
    for path, bank in banks:
        for question in bank.questions:
            unknown = sorted(set(question.dimensions) - known)
            if unknown:
                raise ImportProblem(
                    f"{question.slug}: unknown rubric dimensions {unknown}"
                    f" (known: {', '.join(sorted(known))})",
                    path=path,
                    line=question.line,
                )


def question_index(*, question: Question) -> None:
    checklist = " ".join(question.checklist.values_list("text", flat=True))
    Question.objects.filter(pk=question.pk).update(
        search_vector=SearchVector(Value(question.prompt), weight="A", config="english")
        + SearchVector(Value(" ".join(question.hints) + " " + checklist), weight="B", config="english")
    )
