import pytest
from django.urls import reverse

from casestudies.models import CaseStudy
from progress.models import Bookmark, Note, StudiedSection
from progress.views.study import STALE_NOTE_MESSAGE

HTMX = {"HX-Request": "true"}


def note_url(slug="dynamodb"):
    return reverse("progress:save_note", args=[slug])


def test_saving_a_note_and_seeing_it_again(client_bob, bob, content):
    response = client_bob.post(note_url(), {"body": "# Partition keys\n\nHot **keys**", "version": 0})
    assert response.status_code == 200
    data = response.json()
    assert data["version"] == 1 and "<strong>keys</strong>" in data["html"]
    response = client_bob.post(note_url(), {"body": "second", "version": 1})
    assert response.json()["version"] == 2
    html = client_bob.get(reverse("casestudies:detail", args=["dynamodb"])).content.decode()
    assert ">second</textarea>" in html and 'name="version" value="2"' in html


def test_a_stale_tab_gets_a_conflict_and_nothing_is_lost(client_bob, bob, content):
    client_bob.post(note_url(), {"body": "from tab A", "version": 0})
    response = client_bob.post(note_url(), {"body": "from tab B", "version": 0})
    assert response.status_code == 409
    assert response.json()["error"] == STALE_NOTE_MESSAGE
    assert Note.objects.get(user=bob).body == "from tab A"


def test_two_first_saves_racing_do_not_overwrite(client_bob, bob, content):
    from progress.services import note_save
    from sdprep.versioning import StaleVersion

    study = CaseStudy.objects.get(slug="dynamodb")
    note_save(user=bob, case_study=study, body="first", version=0)
    with pytest.raises(StaleVersion):
        note_save(user=bob, case_study=study, body="second", version=0)


@pytest.mark.parametrize("data", [{"body": "x" * 50_001, "version": 0}, {"body": "x", "version": "abc"}, {}])
def test_bad_note_input_is_a_422_with_a_message(client_bob, bob, content, data):
    response = client_bob.post(note_url(), data)
    assert response.status_code == 422
    assert response.json()["error"].startswith("Not saved")
    assert not Note.objects.exists()


def test_notes_for_an_unknown_case_study_are_a_404(client_bob, content):
    assert client_bob.post(note_url("nope"), {"body": "x", "version": 0}).status_code == 404


def test_notes_are_private(client, bob, charlie, content):
    client.force_login(bob)
    client.post(note_url(), {"body": "bob's secret plan", "version": 0})
    client.force_login(charlie)
    html = client.get(reverse("casestudies:detail", args=["dynamodb"])).content.decode()
    assert "bob's secret plan" not in html and "bob&#x27;s secret plan" not in html
    # Charlie saving at version 0 creates his own note; Bob's is untouched.
    assert client.post(note_url(), {"body": "charlie's", "version": 0}).status_code == 200
    assert Note.objects.get(user=bob).body == "bob's secret plan"


def test_toggling_a_section_studied(client_bob, bob, content):
    section = CaseStudy.objects.get(slug="dynamodb").sections.get(key="core-architecture")
    url = reverse("progress:toggle_studied", args=[section.pk])
    response = client_bob.post(url, {"on": "on"}, headers=HTMX)
    assert response.status_code == 200 and b"Studied" in response.content and b"<html" not in response.content
    assert StudiedSection.objects.filter(user=bob, section=section).exists()
    client_bob.post(url, {}, headers=HTMX)
    assert not StudiedSection.objects.filter(user=bob).exists()
    # Without htmx the form still works and comes back to the section.
    response = client_bob.post(url, {"on": "on"})
    assert response.status_code == 302 and response["Location"].endswith("#s-core-architecture")


def test_toggling_a_bookmark(client_bob, bob, content):
    url = reverse("progress:toggle_bookmark", args=["uber"])
    assert b"Bookmarked" in client_bob.post(url, {"on": "on"}, headers=HTMX).content
    assert Bookmark.objects.filter(user=bob, case_study__slug="uber").exists()
    html = client_bob.get(reverse("casestudies:library")).content.decode()
    assert "★ Bookmarked" in html
    client_bob.post(url, {}, headers=HTMX)
    assert not Bookmark.objects.exists()


def test_toggles_refuse_get_and_unknown_objects(client_bob, content):
    assert client_bob.get(reverse("progress:toggle_bookmark", args=["uber"])).status_code == 405
    assert client_bob.post(reverse("progress:toggle_studied", args=[999999]), {"on": "on"}).status_code == 404


def test_studied_marks_are_per_user(client, bob, charlie, content):
    section = CaseStudy.objects.get(slug="dynamodb").sections.get(key="core-architecture")
    client.force_login(bob)
    client.post(reverse("progress:toggle_studied", args=[section.pk]), {"on": "on"})
    client.force_login(charlie)
    html = client.get(reverse("casestudies:detail", args=["dynamodb"])).content.decode()
    assert "0 of" in html and "✓ Studied" not in html
