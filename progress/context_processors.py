from django.utils.functional import SimpleLazyObject, new_method_proxy

from progress.selectors import due_count_for_user


class LazyCount(SimpleLazyObject):
    """A number computed on first use. SimpleLazyObject alone has no float(), which `pluralize` needs
    (without it the filter gives up silently: "26 review due")."""

    __int__ = new_method_proxy(int)
    __float__ = new_method_proxy(float)


def reviews_due(request) -> dict:
    """The due-review count in the navigation: one query, and only when a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"reviews_due": LazyCount(lambda: due_count_for_user(user=user))}
