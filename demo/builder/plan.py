"""Who the demo people are: sizes, the clock, and each person's activity and skill, before any row exists."""

import datetime
import math
import random
from dataclasses import dataclass, field

from demo.builder import text
from demo.builder.content import Content

DEMO_DOMAIN = "demo.sdprep.dev"
MEMBER_EMAIL = f"member@{DEMO_DOMAIN}"
MANAGER_EMAIL = f"manager@{DEMO_DOMAIN}"
PASSWORD = "sdprep-demo"  # noqa: S105 (public by design: the demo sign-in printed at the end)

TREND_WEEKS = 16  # skills rise over this many weeks up to today
ACTIVE_WEEKS = 12  # activity is spread over at most this many
SCORE_NOISE = 0.55
HOURS = [7, 8, 9, 12, 13, 17, 18, 19, 19, 20, 20, 21, 21, 22]  # evenings after work, some lunch breaks
MEMBER_WEIGHT = 5.0
MEMBER_MOCK_WEIGHT = 3.5
MANAGER_WEIGHT = 1.5


@dataclass(frozen=True)
class Scale:
    """How much to build. `team_size` counts the manager; with `shared_manager` the demo manager runs
    every team, otherwise each team has its own manager drawn from the users."""

    users: int
    teams: int
    team_size: int
    attempts: int
    mocks: int
    shared_manager: bool = False
    rated_share: float = 0.85  # finished attempts that carry a self-assessment (ratings, ticks)

    def __post_init__(self) -> None:
        if self.teams < 1 or self.team_size < 2:
            raise ValueError("The demo needs at least one team with a manager and a member.")
        if self.team_users > self.users:
            raise ValueError(f"{self.teams} teams of {self.team_size} need {self.team_users} users.")

    @property
    def team_users(self) -> int:
        managers = 1 if self.shared_manager else self.teams
        return managers + self.teams * (self.team_size - 1)


SMALL = Scale(users=18, teams=2, team_size=9, attempts=420, mocks=72, shared_manager=True)
LARGE = Scale(users=10_000, teams=200, team_size=50, attempts=1_000_000, mocks=100_000, rated_share=0.25)
SCALES = {"small": SMALL, "large": LARGE}


@dataclass(frozen=True)
class Clock:
    now: datetime.datetime

    @property
    def this_week(self) -> datetime.datetime:
        monday = self.now - datetime.timedelta(days=self.now.weekday())
        return monday.replace(hour=0, minute=0, second=0, microsecond=0)

    def trend(self, at: datetime.datetime) -> float:
        """How far along the skill ramp `at` is: 0 at its start, 1 now."""
        span = datetime.timedelta(weeks=TREND_WEEKS)
        return min(max(1 - (self.now - at) / span, 0.0), 1.0)


@dataclass
class Person:
    id: int
    email: str
    name: str
    level_id: int
    time_zone: str
    interview_date: datetime.date | None
    joined: datetime.datetime
    weeks: list[datetime.datetime]  # Mondays of the weeks this person was active, oldest first
    weight: float  # how active, relative to everyone else
    categories: dict[int, float]  # category id -> how much this person favours it
    skill: dict[str, tuple[float, float]]  # dimension slug -> (level at the ramp's start, gain over it)
    team: int | None = None
    manages: list[int] = field(default_factory=list)
    attempts: int = 0
    mocks: int = 0

    def scores(self, slugs: list[str], trend: float, rng: random.Random, offset: float = 0.0) -> list[int]:
        """1-4 scores on these dimensions at a point `trend` along the ramp: the skill then, plus noise."""
        skill, gauss = self.skill, rng.gauss
        values = (skill[slug][0] + skill[slug][1] * trend + offset + gauss(0, SCORE_NOISE) for slug in slugs)
        return [min(4, max(1, round(value))) for value in values]

    def moment(self, rng: random.Random, clock: Clock) -> datetime.datetime:
        """A time this person was active: some day of an active week, at a plausible hour, in the past."""
        at = rng.choice(self.weeks) + datetime.timedelta(
            days=rng.randrange(7), hours=rng.choice(HOURS), minutes=rng.randrange(60)
        )
        if at > clock.now - datetime.timedelta(hours=2):
            at = clock.now - datetime.timedelta(hours=rng.uniform(2, 72))
        return at

    def category_weight(self, category_ids: list[int]) -> float:
        return max((self.categories.get(pk, 0.0) for pk in category_ids), default=0.0) or 0.05


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split `total` into integer shares proportional to `weights` that sum to exactly `total`."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    shares = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: exact[i] - shares[i], reverse=True)
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def _active_weeks(rng: random.Random, clock: Clock, span: int, *, lapsed: bool) -> list[datetime.datetime]:
    """Weeks with activity: most of them, with gaps; a lapsed person stopped a few weeks ago."""
    keep = rng.uniform(0.55, 0.95)
    stop = rng.randint(2, 5) if lapsed else 0
    weeks = [clock.this_week - datetime.timedelta(weeks=k) for k in range(stop, span) if rng.random() < keep]
    return sorted(weeks) or [clock.this_week - datetime.timedelta(weeks=stop)]


def _person(index: int, rng: random.Random, clock: Clock, content: Content, first_id: int) -> Person:
    first, last = rng.choice(text.FIRST_NAMES), rng.choice(text.LAST_NAMES)
    span = rng.randint(3, ACTIVE_WEEKS)
    weeks = _active_weeks(rng, clock, span, lapsed=rng.random() < 0.15)
    codes = sorted(content.level_ids)
    level = codes[0] if len(codes) == 1 or rng.random() < 0.6 else rng.choice(codes[1:])
    today = clock.now.date()
    return Person(
        id=first_id + index,
        email=f"{first}.{last}.{index}@{DEMO_DOMAIN}".lower(),
        name=f"{first} {last}",
        level_id=content.level_ids[level],
        time_zone=rng.choice(text.TIME_ZONES),
        interview_date=today + datetime.timedelta(days=rng.randint(7, 84)) if rng.random() < 0.55 else None,
        joined=weeks[0] - datetime.timedelta(days=rng.uniform(0, 10)),
        weeks=weeks,
        weight=min(max(rng.lognormvariate(0, 0.9), 0.08), 6.0),
        categories={pk: rng.gammavariate(0.7, 1.0) + 0.05 for pk in content.category_ids},
        skill={slug: (rng.uniform(1.2, 2.4), rng.uniform(0.7, 1.8)) for slug in content.dimension_slugs},
    )


def _make_fixed(member: Person, manager: Person, clock: Clock, content: Content) -> None:
    """The two sign-ins: a busy L6 member five weeks from the interview, and a manager who also prepares."""
    codes = sorted(content.level_ids)
    member.email, member.name = MEMBER_EMAIL, "Sam Rivera"
    member.level_id = content.level_ids["L6" if "L6" in codes else codes[0]]
    member.interview_date = clock.now.date() + datetime.timedelta(days=35)
    member.weight, member.time_zone = MEMBER_WEIGHT, "Europe/London"
    member.weeks = [w for k, w in enumerate(_all_weeks(clock)) if k not in (3, 7)]  # two quiet weeks
    member.joined = member.weeks[0] - datetime.timedelta(days=4)
    manager.email, manager.name = MANAGER_EMAIL, "Priya Natarajan"
    manager.level_id = content.level_ids["L7" if "L7" in codes else codes[-1]]
    manager.weight, manager.interview_date = MANAGER_WEIGHT, None
    manager.weeks = _all_weeks(clock)[::2]
    manager.joined = manager.weeks[0] - datetime.timedelta(days=9)


def _all_weeks(clock: Clock) -> list[datetime.datetime]:
    return [clock.this_week - datetime.timedelta(weeks=k) for k in range(ACTIVE_WEEKS - 1, -1, -1)]


def _assign_teams(people: list[Person], scale: Scale) -> None:
    """People 0 and 1 are the demo member and manager; managers come next, then members fill teams."""
    manager_count = 1 if scale.shared_manager else scale.teams
    managers = [people[1], *people[2 : 1 + manager_count]]
    for team in range(scale.teams):
        boss = managers[0] if scale.shared_manager else managers[team]
        boss.manages.append(team)
        if boss is not people[1]:
            boss.weight *= 0.5  # managers prepare too, but less
    members = [people[0], *people[1 + manager_count :]]
    for slot, person in enumerate(members[: scale.teams * (scale.team_size - 1)]):
        person.team = slot // (scale.team_size - 1)


def people_plan(
    scale: Scale, content: Content, rng: random.Random, clock: Clock, first_id: int
) -> list[Person]:
    """Everyone, with ids from `first_id`, teams, and their shares of the attempts and mocks."""
    people = [_person(i, rng, clock, content, first_id) for i in range(scale.users)]
    _make_fixed(people[0], people[1], clock, content)
    _assign_teams(people, scale)
    for person, n in zip(people, allocate(scale.attempts, [p.weight for p in people]), strict=True):
        person.attempts = n
    mock_weights = [MEMBER_MOCK_WEIGHT if i == 0 else math.sqrt(p.weight) for i, p in enumerate(people)]
    for person, n in zip(people, allocate(scale.mocks, mock_weights), strict=True):
        person.mocks = n
    return people
