from django.core.exceptions import ValidationError
from django.core.mail.message import sanitize_address


def validate_deliverable_email(value: str) -> None:
    """Refuse an address Django's mail cannot encode, before anything is sent to it.

    EmailValidator accepts any character above U+00A1 in a domain, for international names, but some
    (a right-to-left mark, for one) are not valid IDNA, and sending to them fails with a 500.
    """
    try:
        sanitize_address(value, "utf-8")
    except ValueError as exc:  # UnicodeError is a ValueError
        raise ValidationError(
            "Enter a valid email address: this one holds a character mail cannot carry.", code="invalid"
        ) from exc
