"""Writes of a reader's study state: studied toggles, bookmarks, notes (htmx fragments and autosave)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from casestudies import selectors as content
from progress import services
from progress.forms import NoteForm, ToggleForm
from progress.selectors import study_summary_for_user
from sdprep.markdown import render_user_markdown
from sdprep.versioning import StaleVersion

STALE_NOTE_MESSAGE = (
    "These notes were changed in another tab or window. Your text is still here and was not saved: "
    "copy what you need, then reload to see the other version."
)


def _toggle_value(request: HttpRequest) -> bool:
    form = ToggleForm(request.POST)
    return form.is_valid() and form.cleaned_data["on"]


@login_required
@require_POST
def toggle_studied(request: HttpRequest, section_id: int) -> HttpResponse:
    section = content.section_by_pk(section_id)
    studied = services.studied_section_set(user=request.user, section=section, studied=_toggle_value(request))
    if not request.htmx:
        return redirect(f"{section.case_study.get_absolute_url()}#s-{section.key}")
    context = {
        "section": section,
        "studied": studied,
        "summary": study_summary_for_user(user=request.user, case_study=section.case_study),
        "oob": True,
    }
    return render(request, "progress/_studied_toggle.html", context)


@login_required
@require_POST
def toggle_bookmark(request: HttpRequest, slug: str) -> HttpResponse:
    case_study = content.case_study_by_slug(slug)
    bookmarked = services.bookmark_set(
        user=request.user, case_study=case_study, bookmarked=_toggle_value(request)
    )
    if not request.htmx:
        return redirect(case_study)
    return render(
        request, "progress/_bookmark_toggle.html", {"case_study": case_study, "bookmarked": bookmarked}
    )


@login_required
@require_POST
def save_note(request: HttpRequest, slug: str) -> JsonResponse:
    """Autosave endpoint for static/js/autosave.js: answers JSON the script shows as the save status."""
    case_study = content.case_study_by_slug(slug)
    form = NoteForm(request.POST)
    if not form.is_valid():
        message = " ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
        return JsonResponse({"error": f"Not saved — {message}"}, status=422)
    try:
        note = services.note_save(
            user=request.user,
            case_study=case_study,
            body=form.cleaned_data["body"],
            version=form.cleaned_data["version"],
        )
    except StaleVersion:
        return JsonResponse({"error": STALE_NOTE_MESSAGE}, status=409)
    return JsonResponse({"version": note.version, "html": render_user_markdown(note.body)})
