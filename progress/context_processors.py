from django.utils.functional import SimpleLazyObject

from progress.selectors import due_count_for_user


def reviews_due(request) -> dict:
    """The due-review count in the navigation: one query, and only when a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"reviews_due": SimpleLazyObject(lambda: due_count_for_user(user=user))}
