from allauth.account.adapter import DefaultAccountAdapter

from accounts.validators import validate_deliverable_email


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        from django.conf import settings

        return getattr(settings, "ACCOUNT_ALLOW_SIGNUPS", True)

    def clean_email(self, email: str) -> str:
        """Sign-up and adding an address both send mail to it at once."""
        email = super().clean_email(email)
        validate_deliverable_email(email)
        return email

    def login(self, request, user):
        """Remembers in the session whether this is the user's first sign-in (the home page greets it)."""
        first = user.last_login is None  # Django stamps last_login during the sign-in itself
        super().login(request, user)
        request.session["first_sign_in"] = first
