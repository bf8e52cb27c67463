"""The `make loadtest` scenario: study, practice and mock flows, each simulated user signed in as its own
person. bench/loadtest.py runs it and prepares what it reads from the environment:

- LOADTEST_PERSONAS: a JSON list of {flow, user, session, cookie, mock}: the session key to send as the
  cookie named `cookie`, and for the mock flow the mock (already started) and the seat ("interviewer" or
  "candidate"). LOADTEST_<FLOW>_USERS say how many simulated users each flow gets.
- LOADTEST_LOG_DIR: where each process appends the writes the server acknowledged, one JSON object a
  line: {kind, id, field, value, version, user, seq}, and each 409 as {kind: "conflict", field: <kind>}.
- LOADTEST_SECONDS: the run's length; interviewers end their mock and submit the scorecard at 65-85% of it.

A user reads the CSRF token from the page it works on (<body hx-headers>, as htmx and autosave.js send it)
and the version of what it edits from the form, then keeps its own version from each save's answer. A 409
(changed elsewhere, or the mock is no longer live) is logged as a conflict, not a failure: the user
reloads the page for the current version and goes on. Any other unexpected status is a failure and the
user starts its flow again. Between two actions a user thinks for 1 to 3 s.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import gevent
from loadtest_helpers import Abandon, AckLog, form_version
from locust import FastHttpUser, between, events, task
from locust.stats import CSV_STATS_INTERVAL_SEC
from requests.cookies import create_cookie

PERSONAS = json.loads(Path(os.environ["LOADTEST_PERSONAS"]).read_text())
SECONDS = float(os.environ.get("LOADTEST_SECONDS", "120"))
POOLS = {
    flows: iter([p for p in PERSONAS if p["flow"] in flows])
    for flows in (("study",), ("practice",), ("interviewer", "candidate"))
}
SEARCHES = ["consistent hashing", "cache", "rate limiter", "kafka", "sharding", "feed", "chat", "payments"]
SIGNALS = ["strong_no_hire", "no_hire", "hire", "strong_hire"]
CSRF = re.compile(r'"X-CSRFToken": "([^"]+)"')
TOGGLE = re.compile(
    r'<form class="toggle-form"[^>]*action="/progress/sections/(\d+)/studied/".*?</form>', re.S
)
SAVED = (200, 409)  # an autosave's answers: saved, or refused as stale (or the mock is over)
FORM_JSON = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
started_at = time.time()


@events.test_start.add_listener
def _started(**_kwargs) -> None:
    global started_at
    started_at = time.time()


@events.quitting.add_listener
def _last_csv_rows(**_kwargs) -> None:
    """The users have stopped: give locust's CSV writer, which runs every second, one more turn, so that the
    statistics the runner reads hold the requests of the last second and of the stop timeout too."""
    gevent.sleep(CSV_STATS_INTERVAL_SEC + 0.5)


class Person(FastHttpUser):
    abstract = True
    wait_time = between(1, 3)
    flows: tuple[str, ...] = ()

    def on_start(self) -> None:
        self.persona = next(POOLS[self.flows])
        self.user_id = self.persona["user"]
        host = urlsplit(self.host).hostname
        self.client.cookiejar.set_cookie(
            create_cookie(self.persona["cookie"], self.persona["session"], domain=host)
        )
        self.csrf = ""
        self.seq = 0
        self.steps = None

    @task
    def step(self) -> None:
        """One action of the current flow: the flows are generators that yield where a person thinks."""
        if self.steps is None:
            self.steps = self.flow()
        try:
            next(self.steps)
        except (StopIteration, Abandon):
            self.steps = None

    def flow(self):
        raise NotImplementedError

    # -- requests --------------------------------------------------------------------------------------

    def call(self, method: str, path: str, name: str, *, expect=(200,), data=None, headers=None):
        """One request. A status in `expect` is a success (a 409 too where the caller handles it); anything
        else is a failure and abandons the flow. Redirects are not followed: a form's 302 is its answer."""
        body = urlencode(data, doseq=True) if data is not None else None
        with self.client.request(
            method, path, name=name, data=body, headers=headers, catch_response=True, allow_redirects=False
        ) as response:
            status = response.status_code
            if status in expect:
                response.success()
            else:
                response.failure(f"HTTP {status}" if status else f"no response: {response.error!r}"[:200])
        if status not in expect:
            raise Abandon(f"{method} {path}: {status}")
        return response

    def page(self, path: str, name: str):
        response = self.call("GET", path, name)
        match = CSRF.search(response.text)
        if match is None:
            response.failure("no CSRF token on the page")
            raise Abandon(path)
        self.csrf = match.group(1)
        return response

    def post(self, path: str, name: str, data: dict, *, expect=(200,), headers=None):
        headers = {**FORM_JSON, "X-CSRFToken": self.csrf, **(headers or {})}
        return self.call("POST", path, name, expect=expect, data=data, headers=headers)

    def get_json(self, path: str, name: str) -> dict:
        return self.call("GET", path, name, headers={"Accept": "application/json"}).json()

    def ack(self, kind: str, key, field: str, value, version: int | None = None) -> None:
        self.seq += 1
        AckLog.write(
            kind=kind, id=key, field=field, value=value, version=version, user=self.user_id, seq=self.seq
        )

    def conflict(self, kind: str) -> None:
        AckLog.write(kind="conflict", field=kind, user=self.user_id)

    def saved_version(self, response) -> int | None:
        """The new version a 2xx autosave answered, or None for a 409 (the caller logs the conflict)."""
        return None if response.status_code == 409 else int(response.json()["version"])

    def typed(self, text: str, what: str) -> str:
        """`text` with one more line typed, kept under about 2 KB."""
        line = (
            f"{what} {self.user_id}.{self.seq}: {random.choice(SEARCHES)} trade-offs, {random.random():.6f}\n"
        )
        return (text + line)[-2000:]

    # -- study -----------------------------------------------------------------------------------------

    def study(self):
        library = self.page("/library/", "/library/")
        slugs = sorted(set(re.findall(r'href="/library/([\w-]+)/"', library.text)))
        yield
        slug = random.choice(slugs)
        path = f"/library/{slug}/"
        detail = self.page(path, "/library/[slug]/")
        toggles = [(int(m.group(1)), 'name="on"' not in m.group(0)) for m in TOGGLE.finditer(detail.text)]
        note_path = f"/progress/case-studies/{slug}/note/"
        version = form_version(detail.text, note_path)
        yield
        for section, studied in random.sample(toggles, k=min(2, len(toggles))):
            on = not studied
            answer = self.post(
                f"/progress/sections/{section}/studied/",
                "/progress/sections/[id]/studied/",
                {"on": "on"} if on else {},
                headers={"HX-Request": "true", "Accept": "text/html"},
            )
            self.ack("studied", f"{self.user_id}:{section}", "studied", on)
            yield
        body = ""
        for _ in range(random.randint(2, 4)):
            body = self.typed(body, "note")
            answer = self.post(
                note_path,
                "/progress/case-studies/[slug]/note/",
                {"body": body, "version": version},
                expect=SAVED,
            )
            new = self.saved_version(answer)
            if new is None:
                self.conflict("note")
                version = form_version(self.page(path, "/library/[slug]/").text, note_path)
            else:
                version = new
                self.ack("note", f"{self.user_id}:{slug}", "body", body, version)
            yield
        self.page(f"/search/?q={random.choice(SEARCHES).replace(' ', '+')}", "/search/?q=[term]")
        yield

    # -- practice --------------------------------------------------------------------------------------

    def practice(self):
        bank = self.page("/practice/", "/practice/")
        slugs = sorted(set(re.findall(r'href="/practice/questions/([\w-]+)/"', bank.text)))
        yield
        slug = random.choice(slugs)
        self.page(f"/practice/questions/{slug}/", "/practice/questions/[slug]/")
        yield
        started = self.post(
            f"/practice/questions/{slug}/start/", "/practice/questions/[slug]/start/", {}, expect=(302,)
        )
        attempt = int(re.search(r"/practice/attempts/(\d+)/", started.headers["Location"]).group(1))
        self.ack("attempt_start", attempt, "user", self.user_id)
        path, save = f"/practice/attempts/{attempt}/", f"/practice/attempts/{attempt}/save/"
        page = self.page(path, "/practice/attempts/[id]/")
        version = form_version(page.text, save)
        answer = {key: "" for key in dict.fromkeys(re.findall(r'name="answer_(\w+)"', page.text))}
        yield
        for _ in range(random.randint(3, 6)):
            key = random.choice(list(answer))
            answer[key] = self.typed(answer[key], key)
            data = {"version": version, **{f"answer_{k}": v for k, v in answer.items()}}
            new = self.saved_version(self.post(save, "/practice/attempts/[id]/save/", data, expect=SAVED))
            if new is None:
                self.conflict("attempt")
                version = form_version(self.page(path, "/practice/attempts/[id]/").text, save)
            else:
                version = new
                self.ack("attempt", attempt, "answer", dict(answer), version)
            yield
        finish = f"/practice/attempts/{attempt}/finish/"
        form = self.page(finish, "/practice/attempts/[id]/finish/")
        scores = list(dict.fromkeys(re.findall(r'name="(score_[\w-]+)"', form.text)))
        covered = re.findall(r'name="covered" value="(\d+)"', form.text)
        yield
        data = {name: random.randint(1, 4) for name in scores}
        data["covered"] = random.sample(covered, k=random.randint(0, len(covered)))
        self.post(
            finish, "/practice/attempts/[id]/finish/", data, expect=(302,), headers={"Accept": "text/html"}
        )
        self.ack("finish", attempt, "ratings", len(scores))
        self.page(f"/practice/attempts/{attempt}/result/", "/practice/attempts/[id]/result/")
        yield


class Studier(Person):
    flows = ("study",)
    fixed_count = int(os.environ.get("LOADTEST_STUDY_USERS", "1"))

    def flow(self):
        return self.study()


class Practiser(Person):
    flows = ("practice",)
    fixed_count = int(os.environ.get("LOADTEST_PRACTICE_USERS", "1"))

    def flow(self):
        return self.practice()


class MockParticipant(Person):
    """One seat of a live mock. The candidate autosaves the scratchpad, the interviewer the notes; both
    poll the room's events. Near the end the interviewer ends the mock and submits the scorecard, the
    candidate reads it, and both go back to studying."""

    flows = ("interviewer", "candidate")
    fixed_count = int(os.environ.get("LOADTEST_MOCK_USERS", "2"))

    def on_start(self) -> None:
        super().on_start()
        self.mock, self.role = self.persona["mock"], self.persona["flow"]
        self.room = f"/practice/mocks/{self.mock}/"
        self.after = 0
        self.done = False

    def flow(self):
        return self.study() if self.done else self.in_the_room()

    def enter(self) -> tuple[str, int]:
        """GET the room: its state, and the version of this seat's form."""
        html = self.page(self.room, "/practice/mocks/[id]/").text
        self.sections = list(dict.fromkeys(re.findall(r'name="answer_(\w+)"', html)))
        state = re.search(r'data-state="(\w+)"', html).group(1)
        self.after = max(self.after, int(re.search(r'data-last-event="(\d+)"', html).group(1)))
        action = f"{self.room}scratchpad/" if self.role == "candidate" else f"{self.room}notes/"
        return state, form_version(html, action) if state == "live" else 0

    def poll(self) -> str:
        """The events since the last seen one, as room.js polls when the stream is blocked; the state."""
        data = self.get_json(f"{self.room}events/?after={self.after}", "/practice/mocks/[id]/events/")
        self.after = max([self.after, *(event["id"] for event in data["events"])])
        return data["timer"]["state"]

    def in_the_room(self):
        state, version = self.enter()
        yield
        if self.role == "candidate":
            yield from self.candidate(state, version)
        else:
            yield from self.interviewer(state, version)

    def candidate(self, state: str, version: int):
        pad = dict.fromkeys(self.sections, "")
        while state == "live":
            key = random.choice(list(pad))
            pad[key] = self.typed(pad[key], key)
            data = {"version": version, **{f"answer_{k}": v for k, v in pad.items()}}
            new = self.saved_version(
                self.post(f"{self.room}scratchpad/", "/practice/mocks/[id]/scratchpad/", data, expect=SAVED)
            )
            if new is None:  # stale, or the interviewer has ended the mock
                state, version = self.enter()
                self.conflict("scratchpad" if state == "live" else "scratchpad, mock ended")
            else:
                version = new
                self.ack("scratchpad", self.mock, "scratchpad", dict(pad), version)
            yield
            if state == "live" and random.random() < 0.5:
                state = self.poll()
                yield
        while state != "completed":
            state = self.poll()
            yield
        self.page(f"{self.room}scorecard/", "/practice/mocks/[id]/scorecard/")
        self.done = True
        yield

    def interviewer(self, state: str, version: int):
        submit_at = started_at + SECONDS * random.uniform(0.65, 0.85)
        notes = ""
        while state == "live" and time.time() < submit_at:
            notes = self.typed(notes, "notes")
            answer = self.post(
                f"{self.room}notes/",
                "/practice/mocks/[id]/notes/",
                {"version": version, "notes": notes},
                expect=SAVED,
            )
            new = self.saved_version(answer)
            if new is None:
                self.conflict("mock_notes")
                state, version = self.enter()
            else:
                version = new
                self.ack("mock_notes", self.mock, "notes", notes, version)
            yield
            state = self.poll()
            yield
        if state == "live":
            answer = self.post(
                f"{self.room}action/", "/practice/mocks/[id]/action/", {"action": "end"}, expect=SAVED
            )
            if answer.status_code == 409:
                self.conflict("mock_end")
            else:
                self.ack("mock_end", self.mock, "state", answer.json()["state"])
            yield
        path = f"{self.room}scorecard/"
        form = self.page(path, "/practice/mocks/[id]/scorecard/").text
        if "Submit to the candidate" in form:
            yield
            signal = random.choice(SIGNALS)
            data = {
                "version": form_version(form),
                "signal": signal,
                "feedback": "Clear requirements; the deep dive needed more numbers.",
                "submit": "1",
            }
            for slug in dict.fromkeys(re.findall(r'name="score_([\w-]+)"', form)):
                data[f"score_{slug}"] = random.randint(1, 4)
                data[f"evidence_{slug}"] = "Said so in the design discussion."
            answer = self.post(
                path,
                "/practice/mocks/[id]/scorecard/ submit",
                data,
                expect=(302, 409),
                headers={"Accept": "text/html"},
            )
            if answer.status_code == 409:
                self.conflict("scorecard")
                return
            self.ack("scorecard", self.mock, "signal", signal)
            self.page(path, "/practice/mocks/[id]/scorecard/")
        self.done = True
        yield
