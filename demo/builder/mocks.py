"""Peer mocks between teammates (and some strangers): scorecards that follow the candidate's skill,
and, for the demo member's completed mocks, the room's event log so the replay has frames."""

import datetime
import itertools
import json
import random
from collections.abc import Iterator
from typing import NamedTuple

from demo.builder import text
from demo.builder.content import Content
from demo.builder.plan import MEMBER_EMAIL, Clock, Person, Scale
from demo.builder.writer import Writer
from interviews.events import scratchpad_payload
from interviews.models import Mock, MockEvent, Scorecard
from interviews.models.mocks import PHASE_PLANS

SCORECARD_FIELDS = [
    "mock", "ratings", "signal", "feedback", "version", "submitted_at", "usefulness", "usefulness_comment",
]  # fmt: skip
State = Mock.State
FUTURE_SHARE = 0.08
MEMBER_FUTURE = 2  # the demo member always has mocks coming up
PAST_STATES, PAST_WEIGHTS = [State.COMPLETED, State.CANCELLED, State.NO_SHOW], [88, 7, 5]
TEAMMATE_SHARE = 0.8
MOCK_OFFSET = -0.2  # an interviewer scores a little harder than people score themselves
FRAMES = 6  # scratchpad saves in a replayed mock
NO_TIME = datetime.timedelta()


class MockRow(NamedTuple):
    """One mock, in COPY column order (names are the model's field names); defaults fit a mock that
    never ran."""

    id: int
    question: int
    level: int
    interviewer: int
    candidate: int
    created_by: int
    scheduled_at: datetime.datetime
    duration_minutes: int
    call_link: str
    state: str
    created_at: datetime.datetime
    started_at: datetime.datetime | None = None
    paused_total: datetime.timedelta = NO_TIME
    phase_index: int = 0
    ended_at: datetime.datetime | None = None
    scratchpad: str = "{}"
    scratchpad_version: int = 1
    no_show_user: int | None = None
    interviewer_notes: str = ""
    notes_version: int = 1


def _minutes(low: float, high: float, rng: random.Random) -> datetime.timedelta:
    return datetime.timedelta(minutes=rng.uniform(low, high))


def _half_hour(at: datetime.datetime) -> datetime.datetime:
    return at.replace(minute=30 if at.minute >= 30 else 0, second=0, microsecond=0)


def _signal(average: float) -> str:
    if average < 1.75:
        return "strong_no_hire"
    if average < 2.5:
        return "no_hire"
    return "hire" if average < 3.25 else "strong_hire"


class Mocks:
    """Simulates each candidate's mocks; mock rows stream out, scorecards and events collect here."""

    def __init__(self, content: Content, people: list[Person], rng: random.Random, clock: Clock) -> None:
        self.content, self.people, self.rng, self.clock = content, people, rng, clock
        self.teams: dict[int, list[Person]] = {}
        for person in people:
            for team in [person.team] if person.team is not None else person.manages:
                self.teams.setdefault(team, []).append(person)
        self.scratchpads = text.answer_pool(rng, 60)
        self.scorecards: list[tuple] = []
        self.events: list[tuple] = []

    def rows(self, first_id: int) -> Iterator[tuple]:
        pk = first_id
        for person in self.people:
            for n in range(person.mocks):
                member = person.email == MEMBER_EMAIL
                future = (member and n < MEMBER_FUTURE) or self.rng.random() < FUTURE_SHARE
                yield self._row(pk, person, future=future)
                pk += 1

    def _interviewer(self, candidate: Person) -> Person:
        teams = [candidate.team] if candidate.team is not None else candidate.manages
        mates = [p for t in teams for p in self.teams[t] if p is not candidate]
        pool = mates if mates and self.rng.random() < TEAMMATE_SHARE else self.people
        while (chosen := self.rng.choice(pool)) is candidate:
            pass
        return chosen

    def _when(self, candidate: Person, future: bool) -> tuple[datetime.datetime, State]:
        if future:
            at = self.clock.now + datetime.timedelta(days=self.rng.uniform(0.5, 21))
            return _half_hour(at), State.SCHEDULED
        at = candidate.moment(self.rng, self.clock)
        return _half_hour(at), self.rng.choices(PAST_STATES, PAST_WEIGHTS)[0]

    def _row(self, pk: int, candidate: Person, *, future: bool) -> MockRow:
        rng = self.rng
        interviewer = self._interviewer(candidate)
        questions = self.content.questions[candidate.level_id]
        question = rng.choices(questions, [candidate.categories[q.category_id] for q in questions])[0]
        scheduled, state = self._when(candidate, future)
        created = scheduled - datetime.timedelta(days=rng.uniform(0.1, 7))
        row = MockRow(
            id=pk,
            question=question.id,
            level=candidate.level_id,
            interviewer=interviewer.id,
            candidate=candidate.id,
            created_by=rng.choice([interviewer, candidate]).id,
            scheduled_at=scheduled,
            duration_minutes=60 if rng.random() < 0.75 else 45,
            call_link=f"https://meet.example.com/sdprep-{pk}" if rng.random() < 0.5 else "",
            state=state.value,
            created_at=min(created, self.clock.now - _minutes(5, 600, rng)),
        )
        if state == State.NO_SHOW:
            return row._replace(no_show_user=rng.choice([candidate, interviewer]).id)
        return self._completed(row, candidate) if state == State.COMPLETED else row

    def _completed(self, row: MockRow, candidate: Person) -> MockRow:
        rng, duration = self.rng, row.duration_minutes
        started = row.scheduled_at + _minutes(0, 6, rng)
        ended = started + _minutes(duration - 5, duration + 5, rng)
        scratchpad = rng.choice(self.scratchpads)
        saves = rng.randint(5, 40)
        submitted = self._scorecard(row, candidate, ended)
        if candidate.email == MEMBER_EMAIL:
            saves = FRAMES + 1
            self._replay(row, (started, ended, submitted), json.loads(scratchpad))
        return row._replace(
            started_at=started,
            ended_at=ended,
            phase_index=len(PHASE_PLANS[duration]) - 1,
            scratchpad=scratchpad,
            scratchpad_version=saves,
            interviewer_notes=rng.choice(text.INTERVIEWER_NOTES),
            notes_version=rng.randint(2, 12),
        )

    def _scorecard(self, row: MockRow, candidate: Person, ended: datetime.datetime) -> datetime.datetime:
        """The interviewer's submitted scorecard, on the question's dimensions; returns when submitted."""
        rng, pk = self.rng, row.id
        slugs = [slug for _dim, slug in self.content.assessed.get((row.question, candidate.level_id), [])]
        scores = dict(
            zip(slugs, candidate.scores(slugs, self.clock.trend(ended), rng, MOCK_OFFSET), strict=True)
        )
        ratings = {slug: {"score": s, "evidence": rng.choice(text.EVIDENCE[s])} for slug, s in scores.items()}
        signal = _signal(sum(scores.values()) / len(scores) if scores else 2.5)
        submitted = min(ended + _minutes(10, 180, rng), self.clock.now)
        usefulness = rng.choices([None, 2, 3, 4, 5], [25, 3, 12, 35, 25])[0]
        comment = rng.choice(text.USEFULNESS_COMMENTS) if usefulness else ""
        feedback, version = rng.choice(text.FEEDBACK[signal]), rng.randint(2, 6)
        self.scorecards.append(
            (pk, json.dumps(ratings), signal, feedback, version, submitted, usefulness, comment)
        )
        return submitted

    def _replay(self, row: MockRow, times: tuple, scratchpad: dict[str, str]) -> None:
        """The log a live room writes: created, joined, the timer, scratchpad saves, the end."""
        started, ended, submitted = times
        duration, phases = row.duration_minutes, PHASE_PLANS[row.duration_minutes]

        def timer(state: str, phase: int, at: datetime.datetime) -> tuple:
            remaining = round(duration * 60 - (min(at, ended) - started).total_seconds())
            payload = {"state": state, "remaining": remaining, "paused": False, "phase_index": phase}
            return ("timer", {**payload, "phase": phases[phase][1]}, at)

        events = [
            ("created", {"state": State.SCHEDULED.value}, row.created_at),
            ("joined", {"role": "candidate"}, row.created_at + (started - row.created_at) / 3),
            timer(State.LIVE.value, 0, started),
            timer(State.FEEDBACK.value, len(phases) - 1, ended),
            timer(State.COMPLETED.value, len(phases) - 1, submitted),
        ]
        phase_starts = itertools.accumulate(minutes for _key, _label, minutes in phases[:-1])
        for phase, minutes in enumerate(phase_starts, start=1):
            events.append(timer(State.LIVE.value, phase, started + datetime.timedelta(minutes=minutes)))
        keys = list(scratchpad)
        for frame in range(1, FRAMES + 1):
            shown = keys[: len(keys) * frame // FRAMES]
            content = {key: scratchpad[key] if key in shown else "" for key in keys}
            at = started + (ended - started) * frame / (FRAMES + 1)
            events.append(("scratchpad", scratchpad_payload(content, frame + 1), at))
        # The id orders a room's events, and COPY hands out ids in row order.
        events.sort(key=lambda event: event[2])
        both = MockEvent.Audience.BOTH.value
        self.events.extend((row.id, kind, both, json.dumps(payload), at) for kind, payload, at in events)


def mocks_write(
    writer: Writer, people: list[Person], content: Content, scale: Scale, rng: random.Random, clock: Clock
) -> None:
    first = writer.reserve_ids(Mock, scale.mocks)
    mocks = Mocks(content, people, rng, clock)
    writer.copy(Mock, MockRow._fields, mocks.rows(first), stage="mocks", total=scale.mocks)
    cards = mocks.scorecards
    writer.copy(Scorecard, SCORECARD_FIELDS, cards, stage="scorecards", total=len(cards))
    fields = ["mock", "kind", "audience", "payload", "created_at"]
    writer.copy(MockEvent, fields, mocks.events, stage="mock events", total=len(mocks.events))
