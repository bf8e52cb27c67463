import datetime
import zoneinfo

from django import forms
from django.utils import timezone

from casestudies.models import Level, Question
from interviews.selectors.mocks import teammates_of


def question_choices(empty_label: str) -> list:
    """Every question, grouped by category and sorted by prompt, each labelled with its kind and levels
    and given in full: 2 queries."""
    groups: dict[str, list] = {}
    questions = Question.objects.select_related("category").prefetch_related("levels")
    for question in questions.order_by("category__name", "prompt"):
        levels = "/".join(level.code for level in question.levels.all())
        label = f"{question.get_kind_display()} · {levels} — {question.prompt}"
        groups.setdefault(question.category.name, []).append((question.slug, label))
    return [("", empty_label), *groups.items()]


class MockForm(forms.Form):
    level = forms.ModelChoiceField(Level.objects.all(), to_field_name="code", empty_label=None)
    question = forms.ModelChoiceField(
        Question.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Pick for me",
        help_text="Or let sdprep pick one the candidate has not practised yet; the filter finds one by word.",
        widget=forms.Select(attrs={"data-filterable": "Filter questions by any word"}),
    )
    duration = forms.TypedChoiceField(choices=[(60, "60 minutes"), (45, "45 minutes")], coerce=int)
    role = forms.ChoiceField(choices=[("interviewer", "I interview"), ("candidate", "I am interviewed")])
    scheduled_at = forms.DateTimeField(
        label="When (your time zone)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
    call_link = forms.URLField(
        required=False, assume_scheme="https", label="Call link", help_text="Your pair's own video call."
    )
    teammate = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="Nobody yet: I will send an invite link",
        label="With a teammate",
        help_text="Book it with someone from your teams at once: you both get an email and a calendar file.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["question"].widget.choices = question_choices(self.fields["question"].empty_label)
        self.fields["teammate"].queryset = teammates_of(user=user)
        self.fields["teammate"].label_from_instance = lambda member: f"{member.name} ({member.email})"

    def clean_scheduled_at(self) -> datetime.datetime:
        value = self.cleaned_data["scheduled_at"]
        if timezone.is_naive(value):
            value = value.replace(tzinfo=zoneinfo.ZoneInfo(self.user.time_zone))
        if value < timezone.now() - datetime.timedelta(minutes=5):
            raise forms.ValidationError("Pick a time in the future.")
        if value > timezone.now() + datetime.timedelta(days=365):
            raise forms.ValidationError("Pick a time within the next year.")
        return value

    def clean(self):
        data = super().clean()
        question, level = data.get("question"), data.get("level")
        if question and level and not question.levels.filter(pk=level.pk).exists():
            self.add_error("question", f"That question is not for {level.code}.")
        return data


class ScorecardForm(forms.Form):
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    signal = forms.ChoiceField(
        choices=[
            ("", "—"),
            ("strong_no_hire", "Strong no hire"),
            ("no_hire", "No hire"),
            ("hire", "Hire"),
            ("strong_hire", "Strong hire"),
        ],
        required=False,
    )
    feedback = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), required=False, max_length=20_000)

    NOT_ASSESSED = "na"

    def __init__(self, *args, dimensions, **kwargs):
        super().__init__(*args, **kwargs)
        self.dimensions = dimensions
        for d in dimensions:
            # A 1 to 4 against the anchors, or "not assessed" when the mock never reached it.
            self.fields[f"score_{d.slug}"] = forms.ChoiceField(
                choices=[(str(i), str(i)) for i in range(1, 5)] + [(self.NOT_ASSESSED, "Not assessed")],
                required=False,
                widget=forms.RadioSelect,
                label=d.name,
                error_messages={"invalid_choice": f"Score {d.name} from 1 to 4, or mark it not assessed."},
            )
            self.fields[f"evidence_{d.slug}"] = forms.CharField(
                required=False, max_length=5000, label="Evidence"
            )

    def ratings(self) -> dict:
        ratings = {}
        for d in self.dimensions:
            value = self.cleaned_data[f"score_{d.slug}"]
            ratings[d.slug] = {
                "score": int(value) if value.isdigit() else None,
                "not_assessed": value == self.NOT_ASSESSED,
                "evidence": self.cleaned_data[f"evidence_{d.slug}"],
            }
        return ratings

    def rows(self):
        return [(d, self[f"score_{d.slug}"], self[f"evidence_{d.slug}"]) for d in self.dimensions]


class SlotForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("interview", "I can interview"), ("be_interviewed", "I want to be interviewed")]
    )
    level = forms.ModelChoiceField(Level.objects.all(), to_field_name="code", empty_label=None)
    starts_at = forms.DateTimeField(
        label="When (your time zone)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
    duration = forms.TypedChoiceField(choices=[(60, "60 minutes"), (45, "45 minutes")], coerce=int)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_starts_at(self) -> datetime.datetime:
        value = self.cleaned_data["starts_at"]
        if timezone.is_naive(value):
            value = value.replace(tzinfo=zoneinfo.ZoneInfo(self.user.time_zone))
        if value < timezone.now():
            raise forms.ValidationError("Offer a time in the future.")
        # As for a mock; besides, past year 9999 in UTC a time cannot be read back or put in a calendar.
        if value > timezone.now() + datetime.timedelta(days=365):
            raise forms.ValidationError("Offer a time within the next year.")
        return value


class RatingForm(forms.Form):
    """The candidate's rating of the interviewer's feedback."""

    usefulness = forms.TypedChoiceField(
        choices=[(str(i), str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Rate the feedback's usefulness from 1 to 5.",
            "invalid_choice": "Choose 1 to 5.",
        },
    )
    comment = forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
