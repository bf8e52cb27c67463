import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casestudies.models import CaseStudy
from tests.factories.casestudies import CaseStudyFactory

LIBRARY = reverse("casestudies:library")
HTMX = {"HX-Request": "true"}


def count_queries(client, url, **kwargs) -> int:
    client.get(url, **kwargs)  # warm up: the first request of a session also records it (usersessions)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url", [LIBRARY, reverse("casestudies:detail", args=["dynamodb"]), reverse("search")]
)
def test_pages_require_sign_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_library_lists_the_case_studies(client_bob, content):
    response = client_bob.get(LIBRARY)
    html = response.content.decode()
    assert html.count('class="card study-card"') == 10
    assert "Amazon DynamoDB" in html and "10 trillion requests" in html
    assert "Amazon internal" in html and "Industry benchmark" in html


def test_library_filters_in_place(client_bob, content):
    response = client_bob.get(LIBRARY, {"category": "databases"}, headers=HTMX)
    html = response.content.decode()
    assert "<html" not in html and 'id="results"' in html
    assert "DynamoDB" in html and "S3" in html and "Netflix" not in html

    html = client_bob.get(LIBRARY, {"group": "industry", "level": "L7"}).content.decode()
    assert html.count('class="card study-card"') == 5 and "Prime Video" not in html
    assert "L7 point" in html
    # The level shows each category's focus at that level (Streaming at L7: global distribution).
    assert "Global distribution" in html


def test_library_filters_with_no_match_show_an_empty_state(client_bob, content):
    html = client_bob.get(LIBRARY, {"category": "serverless", "group": "industry"}).content.decode()
    assert "No case study matches these filters" in html


def test_library_rejects_unknown_filters_with_a_400(client_bob, content):
    response = client_bob.get(LIBRARY, {"category": "nope", "group": "<script>"})
    assert response.status_code == 400
    assert b"Select a valid choice" in response.content
    assert b"<script>" not in response.content


def test_library_with_no_content_explains_how_to_load_it(client_bob, levels):
    assert b"load_content" in client_bob.get(LIBRARY).content


def test_library_query_count_does_not_grow_with_the_data(client_bob, content):
    CaseStudy.objects.exclude(slug__in=["dynamodb"]).delete()
    CaseStudyFactory.create_batch(9)
    filters = {"level": "L6", "group": "industry"}
    small, small_filtered = (
        count_queries(client_bob, LIBRARY),
        count_queries(client_bob, LIBRARY, data=filters),
    )
    CaseStudyFactory.create_batch(190)
    assert CaseStudy.objects.count() == 200
    assert count_queries(client_bob, LIBRARY) == small
    assert count_queries(client_bob, LIBRARY, data=filters) == small_filtered


def test_case_study_page_shows_everything(client_bob, content):
    html = client_bob.get(reverse("casestudies:detail", args=["netflix"])).content.decode()
    assert 'class="fact-sheet"' in html and "260M+" in html
    assert '<pre class="mermaid">' in html
    assert 'class="highlight"' in html and '<span class="k">' in html  # Pygments ran on the server
    assert 'role="tab"' in html and "L6 lessons" in html and "Tips for L7 candidates" in html
    assert 'href="#s-system-overview-business-context"' in html
    assert "Mark studied" in html and "Bookmark" in html and 'id="note-body"' in html


def test_unknown_case_study_is_a_404(client_bob, content):
    assert client_bob.get(reverse("casestudies:detail", args=["no-such-study"])).status_code == 404


def test_case_study_page_query_count_does_not_grow_with_the_data(client_bob, content):
    url = reverse("casestudies:detail", args=["dynamodb"])
    small = count_queries(client_bob, url)
    CaseStudyFactory.create_batch(190)
    assert count_queries(client_bob, url) == small


def test_search_puts_dynamodb_first_for_consistent_hashing(client_bob, content):
    response = client_bob.get(reverse("search"), {"q": "consistent hashing"})
    html = response.content.decode()
    first = html.index('class="search-result"')
    assert "DynamoDB" in html[first : first + 300]
    assert "<mark>Consistent</mark> <mark>Hashing</mark>" in html or "<mark>consistent</mark>" in html.lower()


def test_search_as_you_type_returns_a_fragment(client_bob, content):
    response = client_bob.get(
        reverse("search"), {"q": "cold start"}, headers={**HTMX, "HX-Target": "search-dropdown"}
    )
    html = response.content.decode()
    assert "<html" not in html and "Lambda" in html and "See all results" in html


def test_search_states(client_bob, content):
    assert b"Type a few words" in client_bob.get(reverse("search")).content
    assert b"No results for" in client_bob.get(reverse("search"), {"q": "zzzqqqxxx"}).content
    response = client_bob.get(reverse("search"), {"q": "x" * 201})
    assert response.status_code == 400 and b"at most 200 characters" in response.content


def test_search_escapes_the_query_and_the_snippets(client_bob, content):
    html = client_bob.get(reverse("search"), {"q": "<script>alert(1)</script> hashing"}).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html
