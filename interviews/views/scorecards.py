"""The scorecard: the interviewer's draft until it is submitted, then both participants read it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render

from interviews import selectors
from interviews.forms import RatingForm, ScorecardForm
from interviews.models import Mock
from interviews.services import scorecards as services
from interviews.views.http import wants_json
from sdprep.errors import REFUSALS, error_message, error_status, refused_json


@login_required
def scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    mock = selectors.mock_for_participant(user=request.user, pk=pk)
    card = getattr(mock, "scorecard", None)
    if card is None or (card.submitted_at is None and mock.role_of(request.user) != "interviewer"):
        raise Http404("The scorecard is not submitted yet.")
    if card.submitted_at is None:
        return _scorecard_edit(request, mock, card)
    return _scorecard_read(request, mock, card)


def _scorecard_edit(request: HttpRequest, mock: Mock, card) -> HttpResponse:
    dimensions = selectors.rubric_for_question(mock.question, mock.level)
    initial = {"version": card.version, "signal": card.signal, "feedback": card.feedback}
    for slug, entry in card.ratings.items():
        score = ScorecardForm.NOT_ASSESSED if entry.get("not_assessed") else entry.get("score")
        initial[f"score_{slug}"], initial[f"evidence_{slug}"] = score, entry.get("evidence", "")
    form = ScorecardForm(request.POST or None, dimensions=dimensions, initial=initial)
    status = 200
    if request.method == "POST":
        submit = "submit" in request.POST
        if not form.is_valid():
            if wants_json(request):
                errors = " ".join(e for errors in form.errors.values() for e in errors)
                return JsonResponse({"error": f"Not saved — {errors}"}, status=422)
            status = 422
        else:
            data = form.cleaned_data
            try:
                card = services.scorecard_save(
                    mock=mock,
                    user=request.user,
                    ratings=form.ratings(),
                    signal=data["signal"],
                    feedback=data["feedback"],
                    version=data["version"],
                    submit=submit,
                )
            except REFUSALS as exc:
                if wants_json(request):
                    return refused_json(exc)
                form.add_error(None, error_message(exc))
                status = error_status(exc)
            else:
                if wants_json(request):  # the autosaved draft
                    return JsonResponse({"version": card.version})
                if submit:
                    messages.success(request, "Scorecard submitted. The candidate can see it now.")
                    return redirect(mock)
                messages.success(request, "Draft saved.")
                return redirect("interviews:scorecard", pk=mock.pk)
    return render(request, "interviews/scorecard_form.html", {"mock": mock, "form": form}, status=status)


def _scorecard_read(request: HttpRequest, mock: Mock, card) -> HttpResponse:
    role = mock.role_of(request.user)
    form = RatingForm(request.POST or None, initial={"comment": card.usefulness_comment})
    context = {
        "mock": mock,
        "card": card,
        "dimensions": selectors.rubric_for_question(mock.question, mock.level),
        "role": role,
        "form": form,
    }
    if request.method != "POST":
        return render(request, "interviews/scorecard_view.html", context)
    if role != "candidate":
        return HttpResponseNotAllowed(["GET"])
    if form.is_valid():
        services.scorecard_rate(
            mock=mock,
            user=request.user,
            usefulness=form.cleaned_data["usefulness"],
            comment=form.cleaned_data["comment"],
        )
        messages.success(request, "Thanks — your rating is saved.")
        return redirect("interviews:scorecard", pk=mock.pk)
    return render(request, "interviews/scorecard_view.html", context, status=422)
