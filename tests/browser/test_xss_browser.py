"""The XSS gate in Chromium: a sample of the corpus (the first two payloads of each family) typed and shown
where people read it. No dialog opens, no payload's script runs (some set window.__xss instead of calling
alert), and the live DOM of the user's text holds no script sink once htmx, autosave, the live sync, the
replay and mermaid have all had their turn. The `page` fixture also fails on any CSP violation."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from casestudies.models import CaseStudy, Question
from interviews.models import ANSWER_SECTIONS
from interviews.services import mocks as mock_services
from interviews.services import practice as practice_services
from tests.browser.test_library import sign_in
from tests.factories.interviews import scheduled_mock
from tests.helpers import xss_families

pytestmark = pytest.mark.browser

SAMPLE = [payload for payloads in xss_families().values() for payload in payloads[:2]]
NAMES = [payload for payload in SAMPLE if len(payload) <= 80]  # a display name holds 80 characters
SECTIONS = [key for key, _label in ANSWER_SECTIONS]
USER_TEXT = ".prose, .answer-preview, #note-preview, #replay-view, .nav-user"
# What would run script or fire a request, found in the live DOM under the user's text.
SINKS = """(selector) => {
  const found = [];
  const elements = ["script", "iframe", "frame", "object", "embed", "base", "meta", "link", "form", "input",
                    "button", "textarea", "select"];
  const urls = ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"];
  for (const root of document.querySelectorAll(selector)) {
    for (const el of root.querySelectorAll("*")) {
      if (elements.includes(el.localName)) found.push(el.outerHTML.slice(0, 200));
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase(), value = attr.value.replace(/[\\t\\n\\r]/g, "").trim();
        if (/^(on|hx-|data-hx-|srcdoc$)/.test(name)
            || (urls.includes(name) && /^(javascript|vbscript|data):/i.test(value))) {
          found.push(`${el.localName} ${name}=${attr.value.slice(0, 100)}`);
        }
      }
    }
  }
  return found;
}"""
# Every diagram mermaid has started on is drawn (an invalid one as mermaid's error picture). Previews that
# autosave or htmx replaced are not drawn at all until the page is reloaded.
DIAGRAMS_DRAWN = """() => [...document.querySelectorAll("pre.mermaid")].every(
  (pre) => !pre.dataset.processed || pre.querySelector("svg"))"""
SLIDE_TO = """(slider, value) => {
  slider.value = value;
  slider.dispatchEvent(new Event("input", {bubbles: true}));
}"""
NEXT_FRAMES = "() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))"


# Chrome reports an inline handler in a string DOMPurify parses (DOMParser) as a CSP violation, though that
# document never runs anything (cure53/DOMPurify#107). Mermaid passes diagram labels through DOMPurify, so a
# label holding `onerror=` is reported from mermaid's bundle: expected, and nothing else is.
PARSED_NOT_RUN = ("Executing inline event handler violates", "/static/vendor/mermaid.min.js")


class Watch:
    """What a payload that ran would leave on a page: a dialog, window.__xss set, a script sink in the DOM
    of the user's text, a CSP violation (the `page` fixture fails the test on one)."""

    def __init__(self, page):
        self.page = page
        self.dialogs: list[str] = []
        self.parsed_not_run = 0
        page.on("dialog", self.record_dialog)
        page.on("console", self.record_console)

    def record_dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def record_console(self, message):
        text, source = PARSED_NOT_RUN
        if message.text.startswith(text) and message.location["url"].endswith(source):
            self.page.console_errors.remove(message.text)
            self.parsed_not_run += 1

    def assert_inert(self):
        """Once loaded, diagrams drawn and two frames painted (CSS animations have started), nothing ran."""
        self.page.wait_for_load_state("load")
        self.page.wait_for_function(DIAGRAMS_DRAWN)
        self.page.evaluate(NEXT_FRAMES)
        assert self.dialogs == []
        assert self.page.evaluate("() => window.__xss") is None
        assert self.page.evaluate(SINKS, USER_TEXT) == []


def page_without_csp(browser, asgi_server, user):
    """A browser that ignores the CSP, so a payload the sanitiser let through would run and be seen. Fails
    the test on script errors as the `page` fixture does (the caller checks `console_errors` at the end)."""
    context = browser.new_context(
        base_url=asgi_server, bypass_csp=True, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.console_errors = []
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: (
            page.console_errors.append(msg.text)
            if msg.type == "error" and not msg.text.startswith("Failed to load resource")
            else None
        ),
    )
    sign_in(page, user)
    return page


def previewed(response, key: str) -> bool:
    """The live preview's answer for one section (htmx names the field that changed)."""
    return (
        response.url.endswith("/practice/preview/")
        and response.request.headers.get("hx-trigger-name") == f"answer_{key}"
    )


def test_the_sample_is_varied():
    assert len(SAMPLE) >= 30 and len(set(SAMPLE)) == len(SAMPLE)
    assert len(NAMES) >= 10


def test_notes_typed_and_reloaded(page, bob, content):
    """Autosave puts the server's preview in the page (innerHTML); the reload renders it on the server."""
    watch = Watch(page)
    sign_in(page, bob)
    case_study = CaseStudy.objects.order_by("number").first()
    page.goto(case_study.get_absolute_url())
    for version, payload in enumerate(SAMPLE, start=1):
        page.fill("#note-body", payload)
        page.locator("#note-body").blur()  # saves now rather than 1.5 s after typing stops
        expect(page.locator("input[name=version]")).to_have_value(str(version))
        expect(page.locator("#note-status")).to_have_text("Saved")
        watch.assert_inert()
    for payload in SAMPLE[:: len(SAMPLE) // 4]:  # a few from the server
        bob.notes.filter(case_study=case_study).update(body=payload)
        page.reload()
        watch.assert_inert()
        assert page.input_value("#note-body") == payload.replace("\r\n", "\n")  # as a textarea reads


def test_answers_and_results_with_names_in_the_nav(page, browser, asgi_server, bob, content):
    """Stored answers, seven an attempt, on the attempt page (previews, diagrams) and the result page, each
    opened with the CSP (nothing even tries to run) and without it (nothing runs); the navigation shows a
    different payload as bob's display name each time."""
    sign_in(page, bob)
    no_csp = page_without_csp(browser, asgi_server, bob)
    watches = [Watch(page), Watch(no_csp)]
    question = Question.objects.filter(levels__code="L6").order_by("slug").first()
    names = iter(NAMES)
    for start in range(0, len(SAMPLE), len(SECTIONS)):
        texts = SAMPLE[start : start + len(SECTIONS)]
        attempt = practice_services.attempt_start(user=bob, question=question)
        answer = dict(zip(SECTIONS, texts, strict=False))
        practice_services.attempt_save(attempt=attempt, answer=answer, version=attempt.version)
        bob.display_name = " ".join(next(names).split())  # as the profile form stores it
        bob.save(update_fields=["display_name"])
        for watch in watches:
            watch.page.goto(attempt.get_absolute_url())
            watch.assert_inert()
            expect(watch.page.locator(".nav-user")).to_have_text(bob.display_name)
        practice_services.attempt_finish(attempt=attempt, checked=[], ratings={})
        for watch in watches:
            watch.page.goto(reverse("interviews:result", args=[attempt.pk]))
            watch.assert_inert()
    assert watches[0].parsed_not_run > 0  # the sample's mermaid label with onerror= was parsed, not run
    assert no_csp.console_errors == []
    no_csp.context.close()


def test_a_mock_live_and_replayed(page, browser, asgi_server, alice, bob, content):
    """The candidate types each payload in the scratchpad: their live preview (htmx) and the interviewer's
    room (server-sent events, innerHTML; the interviewer's browser ignores the CSP) show it. After the
    mock, the replay steps through every save."""
    mock, _invite = scheduled_mock(interviewer=alice, candidate=bob)
    mock_services.mock_transition(mock=mock, user=alice, action="start")
    candidate = Watch(page)
    sign_in(page, bob)
    page.goto(mock.get_absolute_url())
    other = page_without_csp(browser, asgi_server, alice)
    interviewer = Watch(other)
    other.goto(mock.get_absolute_url())
    expect(other.locator("#room")).to_have_attribute("data-transport", "stream")
    for i, payload in enumerate(SAMPLE):
        key = SECTIONS[i % (len(SECTIONS) - 1)]  # the last section carries which save this is
        with page.expect_response(lambda response, key=key: previewed(response, key)):
            page.fill(f"#answer_{key}", payload)
            page.fill(f"#answer_{SECTIONS[-1]}", f"save {i}")
        expect(other.locator(f"[data-section={SECTIONS[-1]}]")).to_have_text(f"save {i}")
        candidate.assert_inert()
        interviewer.assert_inert()
    mock_services.mock_transition(mock=mock, user=alice, action="end")
    expect(page.locator("#room-state")).to_have_text("Feedback")  # the room reloads itself: let it
    page.goto(reverse("interviews:mock_replay", args=[mock.pk]))
    frames = page.evaluate("JSON.parse(document.getElementById('replay-frames').textContent).length")
    assert frames >= len(SAMPLE)
    for frame in range(1, frames + 1):
        at = page.evaluate(f"window.sdprepReplay.frameAt({frame})")
        page.locator("#replay-slider").evaluate(SLIDE_TO, str(at))
        expect(page.locator("#replay-position")).to_have_text(str(frame))
        candidate.assert_inert()
    assert other.console_errors == []
    other.context.close()
