"""Solo practice: attempts, their self-assessments (ratings, ticked checklist items) and review cards."""

import datetime
import json
import random
from collections.abc import Iterator
from typing import NamedTuple

from fsrs import Card, Rating

from demo.builder import text
from demo.builder.content import Content, QuestionInfo
from demo.builder.plan import Clock, Person, Scale
from demo.builder.writer import Writer
from interviews.models import AttemptRating, PracticeAttempt
from progress.models import ReviewCard
from progress.srs import SCHEDULER, rating_for


class AttemptRow(NamedTuple):
    """One practice attempt, in COPY column order (names are the model's field names)."""

    id: int
    user: int
    question: int
    level: int
    status: str
    started_at: datetime.datetime
    duration: datetime.timedelta
    paused_at: datetime.datetime | None
    paused_total: datetime.timedelta
    answer: str
    version: int
    hints_revealed: int
    finished_at: datetime.datetime | None
    fsrs_rating: int | None
    updated_at: datetime.datetime


CARD_FIELDS = ["user", "question", "state", "due", "last_reviewed", "reviews"]
OPEN_WITHIN = datetime.timedelta(days=7)
MAX_OPEN = 2
NO_TIME = datetime.timedelta()


def _minutes(low: float, high: float, rng: random.Random) -> datetime.timedelta:
    return datetime.timedelta(minutes=rng.uniform(low, high))


class Practice:
    """Simulates each person's attempts in time order; attempt rows stream out, the rest collect here."""

    def __init__(self, content: Content, rng: random.Random, clock: Clock, rated_share: float) -> None:
        self.content, self.rng, self.clock, self.rated_share = content, rng, clock, rated_share
        self.answers = text.answer_pool(rng)
        self.drafts = text.answer_pool(rng, sections=3)
        self.ratings: list[tuple] = []
        self.checked: list[tuple] = []
        self.cards: list[tuple] = []

    def rows(self, people: list[Person], first_id: int) -> Iterator[tuple]:
        for person in people:
            yield from self._person_rows(person, first_id)
            first_id += person.attempts

    def _person_rows(self, person: Person, first_id: int) -> Iterator[tuple]:
        questions = self.content.questions[person.level_id]
        weights = [person.categories[q.category_id] for q in questions]
        picks = self.rng.choices(questions, weights=weights, k=person.attempts)
        starts = sorted(person.moment(self.rng, self.clock) for _ in picks)
        unfinished = self._unfinished(picks, starts)
        cards: dict[int, tuple[Card, int]] = {}
        for i, (question, started) in enumerate(zip(picks, starts, strict=True)):
            if i in unfinished:
                yield self._open_row(first_id + i, person, question, started)
            else:
                yield self._finished_row(first_id + i, person, question, started, cards)
        for question_id, (card, reviews) in cards.items():
            state = json.dumps(card.to_dict())
            self.cards.append((person.id, question_id, state, card.due, card.last_review, reviews))

    def _unfinished(self, picks: list[QuestionInfo], starts: list[datetime.datetime]) -> set[int]:
        """A few recent attempts left open; only a question's latest attempt can be (starting resumes it)."""
        unfinished: set[int] = set()
        seen: set[int] = set()
        for i in range(len(picks) - 1, -1, -1):
            if starts[i] < self.clock.now - OPEN_WITHIN or len(unfinished) == MAX_OPEN:
                break
            if picks[i].id not in seen and self.rng.random() < 0.4:
                unfinished.add(i)
            seen.add(picks[i].id)
        return unfinished

    def _open_row(self, pk: int, person: Person, q: QuestionInfo, started: datetime.datetime) -> tuple:
        rng = self.rng
        paused_at = started + _minutes(5, 20, rng) if rng.random() < 0.4 else None
        return AttemptRow(
            id=pk,
            user=person.id,
            question=q.id,
            level=person.level_id,
            status=PracticeAttempt.Status.IN_PROGRESS.value,
            started_at=started,
            duration=datetime.timedelta(minutes=q.minutes),
            paused_at=paused_at,
            paused_total=NO_TIME,
            answer=rng.choice(self.drafts),
            version=rng.randint(1, 6),
            hints_revealed=rng.randint(0, min(q.hints, 1)),
            finished_at=None,
            fsrs_rating=None,
            updated_at=min(paused_at or started + _minutes(1, 30, rng), self.clock.now),
        )

    def _finished_row(self, pk, person: Person, q: QuestionInfo, started, cards: dict) -> tuple:
        rng = self.rng
        dims = self.content.assessed.get((q.id, person.level_id), [])
        scores = person.scores([slug for _dim, slug in dims], self.clock.trend(started), rng)
        average = sum(scores) / len(scores) if scores else 2.5
        items = self.content.checklist.get((q.id, person.level_id), [])
        coverage = min(max((average - 1) / 3 * 0.85 + 0.2 + rng.gauss(0, 0.1), 0.0), 1.0)
        ticked = round(coverage * len(items))
        rating = int(rating_for(coverage=ticked / len(items) if items else 1.0, average=average))
        if rng.random() < self.rated_share:
            self.ratings.extend((pk, dim, score) for (dim, _slug), score in zip(dims, scores, strict=True))
            self.checked.extend((pk, item) for item in rng.sample(items, ticked))
        paused = _minutes(1, 15, rng) if rng.random() < 0.2 else NO_TIME
        finished = started + _minutes(0.55 * q.minutes, 1.15 * q.minutes, rng) + paused
        self._review(cards, q.id, rating, finished)
        return AttemptRow(
            id=pk,
            user=person.id,
            question=q.id,
            level=person.level_id,
            status=PracticeAttempt.Status.FINISHED.value,
            started_at=started,
            duration=datetime.timedelta(minutes=q.minutes),
            paused_at=None,
            paused_total=paused,
            answer=rng.choice(self.answers),
            version=rng.randint(2, 14),
            # Weaker answers lean on more hints.
            hints_revealed=min(q.hints, max(0, round(3 - average + rng.gauss(0, 0.7)))),
            finished_at=finished,
            fsrs_rating=rating,
            updated_at=finished,
        )

    @staticmethod
    def _review(cards: dict, question_id: int, rating: int, at: datetime.datetime) -> None:
        """The review each finish triggers, as progress.services.review_card_review does it."""
        card, reviews = cards.get(question_id) or (Card(card_id=int(at.timestamp() * 1000), due=at), 0)
        card, _log = SCHEDULER.review_card(card, Rating(rating), review_datetime=at)
        cards[question_id] = (card, reviews + 1)


def practice_write(
    writer: Writer, people: list[Person], content: Content, scale: Scale, rng: random.Random, clock: Clock
) -> None:
    first = writer.reserve_ids(PracticeAttempt, scale.attempts)
    practice = Practice(content, rng, clock, scale.rated_share)
    rows = practice.rows(people, first)
    writer.copy(PracticeAttempt, AttemptRow._fields, rows, stage="practice attempts", total=scale.attempts)
    ratings = practice.ratings
    writer.copy(
        AttemptRating, ["attempt", "dimension", "score"], ratings, stage="ratings", total=len(ratings)
    )
    checked = practice.checked
    through = PracticeAttempt.checked_items.through
    fields = ["practiceattempt", "checklistitem"]
    writer.copy(through, fields, checked, stage="checked items", total=len(checked))
    writer.copy(ReviewCard, CARD_FIELDS, practice.cards, stage="review cards", total=len(practice.cards))
