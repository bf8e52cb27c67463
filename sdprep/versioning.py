from sdprep.errors import DomainError

STALE_MESSAGE = (
    "This was saved from another tab or window since this one loaded. Your text here was not saved and is "
    "still on screen: copy what you need, then reload."
)


class StaleVersion(DomainError):
    """The object changed since the editor loaded it: the save is refused, nothing is overwritten."""

    status = 409
    whole_sentence = True

    def __init__(self, message: str = STALE_MESSAGE, **kwargs):
        super().__init__(message, **kwargs)
