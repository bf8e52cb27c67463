"""Content read once per process until it changes (casestudies.cache): fewer queries when warm, a
changed study shown at once, and one reader's marks never reaching another."""

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casestudies.models import CaseStudy, Section
from progress.models import StudiedSection

DETAIL = reverse("casestudies:detail", args=["dynamodb"])
LIBRARY = reverse("casestudies:library")


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_warm_pages_read_the_content_with_one_query(client_bob, content):
    # The library also keeps its filter bar (the choices: 2 queries), for a second read of the stamp.
    for url, saved in ((DETAIL, 6), (LIBRARY, 6)):
        client_bob.get(url)  # the session's first request also records it
        caches["fragments"].clear()
        cold = queries(client_bob, url)
        assert queries(client_bob, url) == cold - saved


def test_a_changed_study_shows_at_once(client_bob, content):
    assert "DynamoDB" in client_bob.get(DETAIL).content.decode()
    study = CaseStudy.objects.get(slug="dynamodb")
    study.title = "DynamoDB, imported again"
    study.save()  # what the importer does: updated_at moves, and with it the content's stamp
    assert "DynamoDB, imported again" in client_bob.get(DETAIL).content.decode()
    assert "DynamoDB, imported again" in client_bob.get(LIBRARY).content.decode()


def test_one_readers_marks_do_not_reach_another(client, content, bob, charlie):
    section = Section.objects.filter(case_study__slug="dynamodb").exclude(kind__in=Section.TABBED_KINDS)[0]
    StudiedSection.objects.create(user=bob, section=section)
    client.force_login(bob)
    assert "1/" in client.get(LIBRARY).content.decode()
    assert client.get(DETAIL).content.decode().count("✓ Studied") >= 1
    client.force_login(charlie)
    assert "1/" not in client.get(LIBRARY).content.decode()
    assert "✓ Studied" not in client.get(DETAIL).content.decode()


def test_the_filter_bar_shows_the_filters_chosen_each_time(client_bob, content):
    for code in ("L7", "L6", "L7"):
        html = client_bob.get(LIBRARY, {"level": code}).content.decode()
        start = html.index('<select name="level"')
        select = html[start : html.index("</select>", start)]
        assert f'value="{code}" selected' in select and select.count(" selected") == 1
    bad = client_bob.get(LIBRARY, {"level": "L9"})
    assert bad.status_code == 400 and 'class="error"' in bad.content.decode()
