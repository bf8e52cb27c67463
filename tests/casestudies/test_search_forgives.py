"""Search that forgives: partial words, typos, a suggestion when nothing matches, prose snippets."""

import html as htmllib
import re

import pytest
from django.urls import reverse

from tests.casestudies.test_views import count_queries

SEARCH = reverse("search")
DROPDOWN = {"HX-Request": "true", "HX-Target": "search-dropdown"}


def _titles(html: str) -> list[str]:
    return re.findall(r'class="search-result-title">([^<]*)<', html)


def _first_case_study(html: str) -> str:
    return next(t for t, meta in _results(html) if meta.startswith("Case study"))


def _results(html: str) -> list[tuple[str, str]]:
    pattern = (
        r'class="search-result-title">(.*?)</span>\s*<span class="search-result-meta muted">(.*?)</span>'
    )
    found = re.findall(pattern, html, flags=re.S)
    return [(htmllib.unescape(re.sub(r"<[^>]+>", "", t)).strip(), m) for t, m in found]


def test_a_partial_word_in_the_live_dropdown_finds_the_case_study(client_bob, content):
    html = client_bob.get(SEARCH, {"q": "consis"}, headers=DROPDOWN).content.decode()
    assert "DynamoDB" in _first_case_study(html) or "S3" in _first_case_study(html)
    assert "No results" not in html


@pytest.mark.parametrize(
    ("typed", "meant", "study"),
    [("consistant hashng", "consistent hashing", "DynamoDB"), ("cold strat", "cold start", "Lambda")],
)
def test_a_typo_finds_the_right_case_study_and_says_what_it_searched(
    client_bob, content, typed, meant, study
):
    html = client_bob.get(SEARCH, {"q": typed}).content.decode()
    assert study in _first_case_study(html)
    assert "Did you mean" in html
    assert f'href="/search/?q={meant.replace(" ", "%20")}"' in html


def test_a_query_nothing_resembles_says_so_without_a_suggestion(client_bob, content):
    html = client_bob.get(SEARCH, {"q": "zzzqqqxxx"}).content.decode()
    assert "No results for" in html and "Did you mean" not in html


@pytest.mark.parametrize("q", ["routers", "shards", "gateways fleet"])
def test_snippets_come_from_prose_not_code(client_bob, content, q):
    html = client_bob.get(SEARCH, {"q": q}).content.decode()
    snippets = " ".join(re.findall(r'class="search-result-snippet">(.*?)</span>', html, flags=re.S))
    assert "self." not in snippets and "def init" not in snippets and "= []" not in snippets


def test_question_results_are_titled_by_the_start_of_their_prompt(client_bob, content):
    from casestudies.models import Question

    html = client_bob.get(SEARCH, {"q": "recommendation"}).content.decode()
    questions = [t for t, meta in _results(html) if meta.startswith("Question")]
    assert questions
    prompts = [" ".join(p.split()) for p in Question.objects.values_list("prompt", flat=True)]
    for title in questions:
        start = title.rstrip("…").strip()
        assert any(p.startswith(start) for p in prompts), title


@pytest.mark.parametrize(
    "q", ["consistent hashing", "consistant hashng", "zzzqqqxxx", "a b c d e f g h i j k"]
)
def test_search_query_count_is_fixed(client_bob, content, q):
    # The page's own 3 (session, user, its activity), case studies, questions; with no match: the
    # suggestion, then the suggested search's case studies and questions.
    assert count_queries(client_bob, SEARCH, data={"q": q}) <= 8
