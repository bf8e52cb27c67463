import datetime
import zoneinfo

from allauth.account import forms as allauth_forms
from django import forms
from django.utils import timezone

from accounts.models import User, timezone_choices
from casestudies.models import Level


class ProfileForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    time_zone = forms.ChoiceField(choices=timezone_choices)
    target_level = forms.ModelChoiceField(
        queryset=Level.objects.all(), required=False, empty_label="Not decided yet", to_field_name="code"
    )

    class Meta:
        model = User
        fields = ["display_name", "target_level", "interview_date", "time_zone"]
        widgets = {
            "display_name": forms.TextInput(attrs={"autocomplete": "nickname", "maxlength": 80}),
            "interview_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "display_name": "What your peers see in mock interviews and teams.",
            "interview_date": "Optional. Your dashboard plans the weeks until then.",
        }

    def clean_display_name(self) -> str:
        return " ".join(self.cleaned_data["display_name"].split())

    def clean_time_zone(self) -> str:
        name = self.cleaned_data["time_zone"]
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise forms.ValidationError("Choose a time zone from the list.") from exc
        return name

    def clean_interview_date(self) -> datetime.date | None:
        value = self.cleaned_data["interview_date"]
        unchanged = value == self.instance.interview_date
        if value and not unchanged and value < timezone.localdate():
            raise forms.ValidationError("The interview date cannot be in the past.")
        if value and value > timezone.localdate() + datetime.timedelta(days=3 * 365):
            raise forms.ValidationError("Pick a date within the next three years.")
        return value


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up, refusing addresses longer than the column rather than truncating them."""

    def clean_email(self) -> str:
        email = super().clean_email()
        max_length = User._meta.get_field("email").max_length
        if len(email) > max_length:
            raise forms.ValidationError(f"Enter a valid email address of at most {max_length} characters.")
        return email
