"""Peer mock interviews: one interviewer, one candidate, a question, a phase plan and a state machine."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

PHASE_PLANS = {
    60: [
        ("intro", "Intro", 5),
        ("requirements", "Requirements", 8),
        ("estimates", "Estimates", 5),
        ("design", "High-level design", 17),
        ("deep_dive", "Deep dive", 15),
        ("wrap_up", "Wrap-up", 10),
    ],
    45: [
        ("intro", "Intro", 3),
        ("requirements", "Requirements", 6),
        ("estimates", "Estimates", 4),
        ("design", "High-level design", 13),
        ("deep_dive", "Deep dive", 12),
        ("wrap_up", "Wrap-up", 7),
    ],
}
SIGNALS = [
    ("strong_no_hire", "Strong no hire"),
    ("no_hire", "No hire"),
    ("hire", "Hire"),
    ("strong_hire", "Strong hire"),
]


class Mock(models.Model):
    class State(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        LIVE = "live", "Live"
        FEEDBACK = "feedback", "Feedback"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"
        NO_SHOW = "no_show", "No-show"

    question = models.ForeignKey("casestudies.Question", on_delete=models.PROTECT, related_name="mocks")
    level = models.ForeignKey("casestudies.Level", on_delete=models.PROTECT, related_name="+")
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mocks_interviewing",
    )
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mocks_candidate",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    scheduled_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    call_link = models.URLField(blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.SCHEDULED)
    # The shared timer, from server timestamps only.
    started_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_total = models.DurationField(default=datetime.timedelta)
    phase_index = models.PositiveSmallIntegerField(default=0)
    # Mock time (elapsed, pauses excluded) when the current phase began: the phase clock counts from it.
    phase_started = models.DurationField(default=datetime.timedelta)
    auto_advance = models.BooleanField(default=False, help_text="Move to the next phase when one runs out.")
    ended_at = models.DateTimeField(null=True, blank=True)
    scratchpad = models.JSONField(default=dict, blank=True)
    scratchpad_version = models.PositiveIntegerField(default=1)
    # The shared whiteboard: Excalidraw elements by id, merged per element (interviews/board.py).
    board = models.JSONField(default=dict, blank=True)
    board_version = models.PositiveIntegerField(default=1)
    no_show_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who did not turn up, when the mock ended as a no-show.",
    )
    swapped_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    interviewer_notes = models.TextField(blank=True)
    notes_version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-scheduled_at"]
        indexes = [
            models.Index(fields=["interviewer", "-scheduled_at"], name="mock_interviewer"),
            models.Index(fields=["candidate", "-scheduled_at"], name="mock_candidate"),
        ]

    def __str__(self) -> str:
        return f"Mock {self.pk} · {self.question_id} · {self.get_state_display()}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("interviews:mock", args=[self.pk])

    @property
    def phases(self) -> list[tuple[str, str, int]]:
        return PHASE_PLANS.get(self.duration_minutes, PHASE_PLANS[60])

    @property
    def phase(self) -> tuple[str, str, int]:
        return self.phases[min(self.phase_index, len(self.phases) - 1)]

    @property
    def scorecard_or_none(self):
        try:
            return self.scorecard
        except Scorecard.DoesNotExist:
            return None

    def other(self, user):
        return self.candidate if user.pk == self.interviewer_id else self.interviewer

    def role_of(self, user) -> str | None:
        if user.pk and user.pk == self.interviewer_id:
            return "interviewer"
        if user.pk and user.pk == self.candidate_id:
            return "candidate"
        return None

    def elapsed(self, now: datetime.datetime | None = None) -> datetime.timedelta:
        if not self.started_at:
            return datetime.timedelta()
        end = self.ended_at or self.paused_at or now or timezone.now()
        return max(end - self.started_at - self.paused_total, datetime.timedelta())

    def remaining(self, now: datetime.datetime | None = None) -> datetime.timedelta:
        return datetime.timedelta(minutes=self.duration_minutes) - self.elapsed(now)

    def phase_remaining(self, now: datetime.datetime | None = None) -> datetime.timedelta:
        """Time left in the current phase; negative once it overruns."""
        planned = datetime.timedelta(minutes=self.phase[2])
        return planned - (self.elapsed(now) - self.phase_started)


class MockInvite(models.Model):
    """An unguessable, expiring link that one person can accept once, taking the open role."""

    mock = models.ForeignKey(Mock, on_delete=models.CASCADE, related_name="invites")
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    role = models.CharField(
        max_length=12, choices=[("interviewer", "Interviewer"), ("candidate", "Candidate")]
    )
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"Invite to mock {self.mock_id} as {self.role}"


class MockEvent(models.Model):
    """Append-only log of room changes, written in the same transaction as the change itself.

    The id orders events; a reconnecting browser asks for everything after the last id it saw.
    """

    class Audience(models.TextChoices):
        BOTH = "both", "Both participants"
        INTERVIEWER = "interviewer", "Interviewer only"

    mock = models.ForeignKey(Mock, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20)
    audience = models.CharField(max_length=12, choices=Audience.choices, default=Audience.BOTH)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["mock", "id"], name="mockevent_mock_id")]

    def __str__(self) -> str:
        return f"{self.mock_id}#{self.pk} {self.kind}"


class Scorecard(models.Model):
    mock = models.OneToOneField(Mock, on_delete=models.CASCADE, related_name="scorecard")
    ratings = models.JSONField(
        default=dict, blank=True, help_text='{"dimension-slug": {"score": 3, "evidence": ""}}'
    )
    signal = models.CharField(max_length=16, choices=SIGNALS, blank=True)
    feedback = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(null=True, blank=True)
    usefulness = models.PositiveSmallIntegerField(null=True, blank=True)
    usefulness_comment = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Scorecard for mock {self.mock_id}"


class Slot(models.Model):
    """An open offer on the board ("I can interview" or "I want to be interviewed") at a level and a time."""

    class Kind(models.TextChoices):
        INTERVIEW = "interview", "I can interview"
        BE_INTERVIEWED = "be_interviewed", "I want to be interviewed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="slots")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    level = models.ForeignKey("casestudies.Level", on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    booked_mock = models.OneToOneField(
        Mock, null=True, blank=True, on_delete=models.SET_NULL, related_name="slot"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["starts_at"], name="slot_starts_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.level} · {self.starts_at:%Y-%m-%d %H:%M}"
