"""Driving the mock room and its board in a browser: shared by the room, board and scale-out tests."""

import datetime

from playwright.sync_api import expect

from tests.browser.test_library import sign_in

# The board's scene as comparable rows: [id, version, versionNonce, isDeleted], sorted.
SCENE = """() => window.sdprepBoard.getElements()
  .map((e) => [e.id, e.version, e.versionNonce, e.isDeleted]).sort()"""
ADD_BOX = """([x, label]) => {
  const api = window.SdprepBoard, board = window.sdprepBoard;
  const made = api.convertToExcalidrawElements([{type: "rectangle", x, y: 40, width: 160, height: 80,
    label: {text: label}}], {regenerateIds: true});
  board.setElements(board.getElements().concat(made));
}"""


def open_context(browser, base_url: str, user, **options):
    """A signed-in browser context of its own (its own cookies): one person."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900}, **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, user)
    return context, page, errors


def create_mock(interviewer, level: str = "L6") -> str:
    """The interviewer schedules a mock an hour from now; returns the invite link."""
    interviewer.goto("/practice/mocks/new/")
    interviewer.select_option("#id_level", level)
    interviewer.select_option("#id_role", "interviewer")
    when = (datetime.datetime.now() + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    interviewer.fill("#id_scheduled_at", when)
    interviewer.click("text=Create the mock")
    return interviewer.input_value(".invite-link")


def submit_scorecard(interviewer, feedback: str) -> None:
    """A 3 on every dimension the scorecard asks for (those the question exercises)."""
    interviewer.click("text=Write the scorecard")
    scores = interviewer.locator("input[type=radio][name^=score_][value='3']")
    expect(scores.first).to_be_visible()
    for radio in scores.all():
        radio.check()
    interviewer.select_option("#id_signal", "hire")
    interviewer.fill("#id_feedback", feedback)
    interviewer.click("text=Submit to the candidate")


def draw_with_the_mouse(page, x: int, y: int) -> None:
    page.evaluate("document.getElementById('board').scrollIntoView({block: 'center'})")  # clear of the header
    page.locator("#board label:has([data-testid=toolbar-rectangle])").click()
    box = page.locator("#board canvas.interactive").bounding_box()
    page.mouse.move(box["x"] + x, box["y"] + y)
    page.mouse.down()
    page.mouse.move(box["x"] + x + 140, box["y"] + y + 90, steps=8)
    page.mouse.up()


def wait_until_converged(pages, elements: int, tries: int = 200) -> list:
    """Every page shows the same scene, with this many live elements; returns it."""
    for _ in range(tries):
        scenes = [p.evaluate(SCENE) for p in pages]
        if all(s == scenes[0] for s in scenes) and len([e for e in scenes[0] if not e[3]]) == elements:
            return scenes[0]
        pages[0].wait_for_timeout(100)
    raise AssertionError(scenes)


def wait_for_board(page) -> None:
    expect(page.locator("#board")).to_have_attribute("data-ready", "true")
