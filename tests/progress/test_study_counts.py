"""Study counts come from one selector and count only the sections a reader can see and toggle."""

import re

from django.urls import reverse

from casestudies.models import CaseStudy, Section
from progress.models import StudiedSection

HTMX = {"HX-Request": "true"}


def _mark_everything(user, slug):
    """Marks on every section, the per-level tabbed ones included (older versions let readers mark them)."""
    sections = CaseStudy.objects.get(slug=slug).sections.all()
    StudiedSection.objects.bulk_create(StudiedSection(user=user, section=s) for s in sections)
    return sections


def _card_count(html: str, slug: str) -> str:
    card = html[html.index(f'href="/library/{slug}/"') :]
    return re.search(r"(\d+)/(\d+) studied", card).group(0)


def test_the_library_counts_only_visible_sections(client_bob, bob, content):
    sections = _mark_everything(bob, "slack")
    visible = [s for s in sections if s.kind not in Section.TABBED_KINDS]
    assert len(visible) < len(sections), "the test needs a study with tabbed sections"
    html = client_bob.get(reverse("casestudies:library")).content.decode()
    assert _card_count(html, "slack") == f"{len(visible)}/{len(visible)} studied"
    page = client_bob.get(reverse("casestudies:detail", args=["slack"])).content.decode()
    assert f"{len(visible)} of {len(visible)} sections studied" in page


def test_marks_only_on_hidden_sections_count_nothing(client_bob, bob, content):
    study = CaseStudy.objects.get(slug="uber")
    hidden = study.sections.filter(kind__in=Section.TABBED_KINDS)
    assert hidden.exists()
    StudiedSection.objects.bulk_create(StudiedSection(user=bob, section=s) for s in hidden)
    html = client_bob.get(reverse("casestudies:library")).content.decode()
    total = study.sections.exclude(kind__in=Section.TABBED_KINDS).count()
    assert _card_count(html, "uber") == f"0/{total} studied"


def test_the_toggle_response_updates_the_header_count_in_place(client_bob, bob, content):
    study = CaseStudy.objects.get(slug="dynamodb")
    visible = list(study.sections.exclude(kind__in=Section.TABBED_KINDS).order_by("order"))
    url = reverse("progress:toggle_studied", args=[visible[0].pk])
    html = client_bob.post(url, {"on": "on"}, headers=HTMX).content.decode()
    assert re.search(r'id="studied-summary"[^>]*hx-swap-oob="true"', html), html
    assert f"1 of {len(visible)} sections studied" in html
    html = client_bob.post(url, {}, headers=HTMX).content.decode()
    assert f"0 of {len(visible)} sections studied" in html


def test_the_toggle_keeps_a_stable_id_for_focus(client_bob, bob, content):
    section = CaseStudy.objects.get(slug="dynamodb").sections.get(key="core-architecture")
    page = client_bob.get(reverse("casestudies:detail", args=["dynamodb"])).content.decode()
    fragment = client_bob.post(
        reverse("progress:toggle_studied", args=[section.pk]), {"on": "on"}, headers=HTMX
    ).content.decode()
    button_id = f'id="studied-{section.pk}"'
    assert button_id in page and button_id in fragment
