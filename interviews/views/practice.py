from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from interviews import selectors, services
from interviews.board import scene_as_list
from interviews.forms import FinishForm, QuestionFilterForm
from interviews.fragments import question_cards
from interviews.models import ANSWER_SECTIONS
from interviews.views.http import no_version, posted_version
from progress.selectors import due_reviews_for_user
from progress.srs import MAPPING
from sdprep.errors import REFUSALS, error_message, refused_json
from sdprep.markdown import render_user_markdown
from sdprep.versioning import StaleVersion

STALE_ATTEMPT_MESSAGE = (
    "This answer was saved from another tab or window since this one loaded. Your text here was not saved "
    "and is still on screen: copy what you need, then reload to continue from the newer version."
)


@login_required
@require_safe
def question_bank(request: HttpRequest) -> HttpResponse:
    form = QuestionFilterForm(request.GET)
    valid = form.is_valid()
    questions = list(selectors.questions_for_bank(user=request.user, **form.filters())) if valid else []
    context = {
        "form": form,
        "questions": questions,
        "cards": question_cards(questions),
        "filtered": valid and any(form.filters().values()),
    }
    template = "interviews/bank.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, context, status=200 if valid else 400)


@login_required
@require_safe
def question_detail(request: HttpRequest, slug: str) -> HttpResponse:
    question = selectors.question_for_page(slug)
    context = {
        "question": question,
        "attempts": selectors.attempts_for_question(user=request.user, question=question),
    }
    return render(request, "interviews/question.html", context)


@login_required
@require_POST
def start_attempt(request: HttpRequest, slug: str) -> HttpResponse:
    attempt = services.attempt_start(user=request.user, question=selectors.question_for_page(slug))
    return redirect(attempt)


@login_required
@require_safe
def attempt_page(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = selectors.attempt_for_user(user=request.user, pk=pk)
    if attempt.is_finished:
        return redirect("interviews:result", pk=attempt.pk)
    sections = [(key, label, attempt.answer.get(key, "")) for key, label in ANSWER_SECTIONS]
    context = {
        "attempt": attempt,
        "question": attempt.question,
        "sections": sections,
        "board_elements": scene_as_list(attempt.board),
    }
    return render(request, "interviews/attempt.html", context)


@login_required
@require_POST
def save_attempt(request: HttpRequest, pk: int) -> JsonResponse:
    """Autosave endpoint for autosave.js."""
    attempt = selectors.attempt_for_user(user=request.user, pk=pk)
    version = posted_version(request)
    if version is None:
        return no_version()
    answer = {key: request.POST.get(f"answer_{key}", "") for key, _label in ANSWER_SECTIONS}
    try:
        attempt = services.attempt_save(attempt=attempt, answer=answer, version=version)
    except StaleVersion:
        return JsonResponse({"error": STALE_ATTEMPT_MESSAGE}, status=409)
    except REFUSALS as exc:
        return refused_json(exc, prefix="Not saved — ")
    return JsonResponse({"version": attempt.version})


@login_required
@require_POST
def preview(request: HttpRequest) -> HttpResponse:
    """Live preview of one answer section (the field named by htmx's HX-Trigger-Name)."""
    name = request.htmx.trigger_name if request.htmx else None
    text = request.POST.get(name or "text", "")
    if len(text) > 200_000:
        return HttpResponse('<p class="error">Too long to preview.</p>', status=422)
    return HttpResponse(render_user_markdown(text) or '<p class="muted">Nothing here yet.</p>')


@login_required
@require_POST
def attempt_timer(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = selectors.attempt_for_user(user=request.user, pk=pk)
    try:
        attempt = services.attempt_pause(attempt=attempt, paused=request.POST.get("action") == "pause")
    except REFUSALS as exc:
        return HttpResponse(error_message(exc), status=409)
    return render(request, "interviews/attempt.html#timer", {"attempt": attempt})


@login_required
@require_POST
def reveal_hint(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = selectors.attempt_for_user(user=request.user, pk=pk)
    try:
        attempt = services.attempt_reveal_hint(attempt=attempt)
    except REFUSALS as exc:
        return HttpResponse(error_message(exc), status=409)
    if not request.htmx:
        return redirect(attempt)
    return render(
        request, "interviews/attempt.html#hints", {"attempt": attempt, "question": attempt.question}
    )


@login_required
def finish_attempt(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = selectors.attempt_for_user(user=request.user, pk=pk)
    if attempt.is_finished:
        return redirect("interviews:result", pk=attempt.pk)
    form_kwargs = {
        "checklist": selectors.checklist_for(attempt.question, attempt.level),
        "dimensions": selectors.rubric_for_question(attempt.question, attempt.level),
    }
    form = FinishForm(request.POST or None, **form_kwargs)
    if request.method == "POST":
        if form.is_valid():
            services.attempt_finish(attempt=attempt, checked=form.covered(), ratings=form.ratings())
            messages.success(request, "Attempt finished. Its next review is scheduled.")
            return redirect("interviews:result", pk=attempt.pk)
        status = 422
    else:
        status = 200
    return render(
        request,
        "interviews/finish.html",
        {"attempt": attempt, "form": form, "mapping": MAPPING},
        status=status,
    )


@login_required
@require_safe
def attempt_result(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = selectors.attempt_for_user(user=request.user, pk=pk)
    if not attempt.is_finished:
        return redirect(attempt)
    checked = set(attempt.checked_items.values_list("pk", flat=True))
    context = {
        "attempt": attempt,
        "question": attempt.question,
        "checklist": [
            (item, item.pk in checked) for item in selectors.checklist_for(attempt.question, attempt.level)
        ],
        "ratings": list(attempt.ratings.select_related("dimension").order_by("dimension__order")),
        "sections": [(label, attempt.answer.get(key, "")) for key, label in ANSWER_SECTIONS],
        "case_studies": selectors.what_they_did(attempt.question),
        "card": attempt.user.review_cards.filter(question=attempt.question).first(),
        "mapping": MAPPING,
        "rating_label": next((label for r, label, _ in MAPPING if int(r) == attempt.fsrs_rating), ""),
    }
    return render(request, "interviews/result.html", context)


@login_required
@require_safe
def reviews_due(request: HttpRequest) -> HttpResponse:
    return render(
        request, "interviews/reviews.html", {"cards": list(due_reviews_for_user(user=request.user))}
    )
