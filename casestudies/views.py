"""Search over the content: case studies and questions (no user state, so it lives with the content)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from casestudies.forms import SearchForm
from casestudies.search import search_content
from sdprep.db_router import replica_reads


@login_required
@require_safe
@replica_reads
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    live = bool(request.htmx) and not request.htmx.history_restore_request
    found = search_content(query, prefix=live)
    context = {
        "form": form,
        "query": query,
        "results": found.case_studies,
        "questions": found.questions,
        "suggestion": found.suggestion,
    }
    status = 200 if form.is_valid() else 400
    if live:
        return render(request, "casestudies/search.html#results", context, status=status)
    return render(request, "casestudies/search.html", context, status=status)
