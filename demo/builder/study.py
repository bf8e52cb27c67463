"""Reading: sections marked studied, bookmarks and notes, skewed to each person's favourite categories."""

import random
from collections.abc import Iterator

from demo.builder import text
from demo.builder.content import Content
from demo.builder.plan import MEMBER_EMAIL, Clock, Person
from demo.builder.writer import Writer
from progress.models import Bookmark, Note, StudiedSection

SECTIONS_PER_ATTEMPT = 0.3


def _weighted_sample(items: list, weights: list[float], k: int, rng: random.Random) -> list:
    """k distinct items, each more likely the heavier it is (Efraimidis-Spirakis keys)."""
    keyed = sorted(zip(items, weights, strict=True), key=lambda iw: rng.random() ** (1 / iw[1]), reverse=True)
    return [item for item, _w in keyed[:k]]


class Study:
    def __init__(self, content: Content, rng: random.Random, clock: Clock) -> None:
        self.content, self.rng, self.clock = content, rng, clock
        self.studies = sorted({study for _section, study in content.sections})

    def _study_weights(self, person: Person, studies: list[int]) -> list[float]:
        return [person.category_weight(self.content.study_categories.get(s, [])) for s in studies]

    def studied(self, people: list[Person]) -> Iterator[tuple]:
        sections = self.content.sections
        for person in people:
            n = round(person.attempts * SECTIONS_PER_ATTEMPT + self.rng.uniform(0, 6))
            weights = self._study_weights(person, [study for _section, study in sections])
            for section, _study in _weighted_sample(sections, weights, min(n, len(sections)), self.rng):
                yield (person.id, section, person.moment(self.rng, self.clock))

    def bookmarks(self, people: list[Person]) -> Iterator[tuple]:
        for person in people:
            k = min(self.rng.choice([0, 0, 1, 2, 3, 4]), len(self.studies))
            weights = self._study_weights(person, self.studies)
            for study in _weighted_sample(self.studies, weights, k, self.rng):
                yield (person.id, study, person.moment(self.rng, self.clock))

    def notes(self, people: list[Person]) -> Iterator[tuple]:
        for person in people:
            k = 3 if person.email == MEMBER_EMAIL else self.rng.choice([0, 0, 0, 1, 2])
            weights = self._study_weights(person, self.studies)
            for study in _weighted_sample(self.studies, weights, min(k, len(self.studies)), self.rng):
                version = self.rng.randint(1, 5)
                at = person.moment(self.rng, self.clock)
                yield (person.id, study, self.rng.choice(text.NOTES), version, at)


def study_write(writer: Writer, people: list[Person], content: Content, rng: random.Random, clock: Clock):
    study = Study(content, rng, clock)
    studied = list(study.studied(people))
    fields = ["user", "section", "studied_at"]
    writer.copy(StudiedSection, fields, studied, stage="studied sections", total=len(studied))
    bookmarks = list(study.bookmarks(people))
    fields = ["user", "case_study", "created_at"]
    writer.copy(Bookmark, fields, bookmarks, stage="bookmarks", total=len(bookmarks))
    notes = list(study.notes(people))
    fields = ["user", "case_study", "body", "version", "updated_at"]
    writer.copy(Note, fields, notes, stage="notes", total=len(notes))
