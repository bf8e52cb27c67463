"""One domain error type, and the one place an exception becomes a message and an HTTP status.

Services raise `DomainError` (or a subclass) with a sentence written for the user; views catch it and
answer with `error_status(exc)` and `error_message(exc)`. Django's `ValidationError` (from
`full_clean()`) and `PermissionDenied` map here too, so no view keeps its own table.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse


class DomainError(Exception):
    """A rule refused the change. `message` is for the user; `status` is the HTTP answer (409 when
    the state of things is in the way, 422 for bad input, 403/404/410 where they fit); `code` names
    the few cases a page reacts to."""

    status = 409
    whole_sentence = False  # True: the message says everything, refused_json adds no prefix

    def __init__(self, message: str, *, status: int | None = None, code: str = ""):
        super().__init__(message)
        self.message, self.code = message, code
        if status is not None:
            self.status = status


def error_message(exc: Exception) -> str:
    if isinstance(exc, DomainError):
        return exc.message
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def error_status(exc: Exception) -> int:
    if isinstance(exc, DomainError):
        return exc.status
    if isinstance(exc, PermissionDenied):
        return 403
    return 422


REFUSALS = (DomainError, ValidationError, PermissionDenied)
"""What a view catches around a service call: every refusal a rule can give."""


def refused_json(exc: Exception, *, prefix: str = "") -> JsonResponse:
    """A refusal as the JSON autosave and room scripts read: {"error": "..."} with its status."""
    if getattr(exc, "whole_sentence", False):
        prefix = ""
    return JsonResponse({"error": prefix + error_message(exc)}, status=error_status(exc))
