from django import forms

from accounts.validators import validate_deliverable_email
from teams.models import Membership, Team


class TeamForm(forms.Form):
    name = forms.CharField(
        max_length=Team._meta.get_field("name").max_length,
        label="Team name",
        help_text="For example “Payments platform” or “Search infra”.",
    )


class InviteForm(forms.Form):
    email = forms.EmailField(
        required=False,
        validators=[validate_deliverable_email],
        label="Email (optional)",
        help_text="Leave blank for a link you share yourself; anyone holding it can join until it expires. "
        "An emailed invite works once, for that address only.",
    )
    role = forms.ChoiceField(choices=Membership.Role.choices, initial=Membership.Role.MEMBER)
    days = forms.TypedChoiceField(
        label="Expires after",
        choices=[(1, "1 day"), (7, "7 days"), (14, "14 days"), (30, "30 days")],
        coerce=int,
        initial=7,
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Membership.Role.choices)
