"""The study pages: the library and a case study, the content shown with the reader's own study state."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from casestudies import selectors as content
from casestudies.forms import LibraryFilterForm
from casestudies.models import Section
from progress.selectors import library_marks_for_user, study_state_for_user, study_summary_for_user
from sdprep.db_router import replica_reads


@login_required
@require_safe
@replica_reads
def library(request: HttpRequest) -> HttpResponse:
    form = LibraryFilterForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "case_studies": [], "marks": {}}
        return render(request, "casestudies/library.html", context, status=400)
    filters = form.cleaned_data
    case_studies = list(
        content.library_cards(
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
@replica_reads
def case_study_detail(request: HttpRequest, slug: str) -> HttpResponse:
    case_study = content.case_study_for_page(slug)
    state = study_state_for_user(user=request.user, case_study=case_study)
    sections = [s for s in case_study.sections.all() if s.kind not in Section.TABBED_KINDS]
    for section in sections:
        section.studied = section.pk in state.studied_section_ids
    context = {
        "case_study": case_study,
        "sections": sections,
        "by_level": content.points_by_level(case_study),
        "state": state,
        "summary": study_summary_for_user(user=request.user, case_study=case_study),
    }
    return render(request, "casestudies/detail.html", context)
