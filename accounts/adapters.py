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
