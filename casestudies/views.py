from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from casestudies import selectors
from casestudies.forms import LibraryFilterForm, SearchForm
from casestudies.models import CaseStudy, Section
from progress.selectors import library_marks_for_user, study_state_for_user


@login_required
@require_safe
def library(request: HttpRequest) -> HttpResponse:
    form = LibraryFilterForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "case_studies": [], "marks": {}}
        return render(request, "casestudies/library.html", context, status=400)
    filters = form.cleaned_data
    case_studies = list(
        selectors.case_studies_for_library(
            category=filters["category"].slug if filters["category"] else "",
            level=filters["level"].code if filters["level"] else "",
            group=filters["group"],
        )
    )
    marks = library_marks_for_user(user=request.user)
    for case_study in case_studies:
        case_study.studied_count = marks["studied"].get(case_study.pk, 0)
    context = {
        "form": form,
        "case_studies": case_studies,
        "level": filters["level"],
        "marks": marks,
        "filtered": any(filters.values()),
    }
    template = "casestudies/library.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, context)


@login_required
@require_safe
def case_study_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        case_study = selectors.case_study_for_page(slug)
    except CaseStudy.DoesNotExist as exc:
        raise Http404("No such case study.") from exc
    state = study_state_for_user(user=request.user, case_study=case_study)
    sections = [s for s in case_study.sections.all() if s.kind not in Section.TABBED_KINDS]
    for section in sections:
        section.studied = section.pk in state.studied_section_ids
    context = {
        "case_study": case_study,
        "sections": sections,
        "by_level": selectors.points_by_level(case_study),
        "state": state,
        "studied_count": sum(1 for s in sections if s.studied),
    }
    return render(request, "casestudies/detail.html", context)


@login_required
@require_safe
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = selectors.search_case_studies(query) if query else []
    questions = selectors.search_questions(query) if query else []
    context = {"form": form, "query": query, "results": results, "questions": questions}
    status = 200 if form.is_valid() else 400
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "casestudies/search.html#results", context, status=status)
    return render(request, "casestudies/search.html", context, status=status)
