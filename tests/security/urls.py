"""Every URL of the project, walked from the URL configuration, with arguments from a `world`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"; unnamed patterns are listed by their pattern text
    pattern: str


def routes() -> Iterator[Route]:
    def walk(patterns, prefix: str, namespace: str | None):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = namespace
                if p.namespace:
                    ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
                yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                full = prefix + str(p.pattern)
                name = f"{namespace}:{p.name}" if namespace and p.name else p.name
                yield Route(name=name or f"<unnamed {full}>", pattern=full)

    yield from walk(get_resolver().url_patterns, "", None)


# Django's admin: built by the admin site for each registered model, so it is covered by one rule
# rather than by a line per model; its arguments come from the model the URL names.
def _admin_model(name: str):
    _, rest = name.split(":", 1)
    for model in apps.get_models():
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if rest.startswith(prefix):
            return model
    return None


def admin_kwargs(name: str, world) -> dict:
    if name == "admin:app_list":
        return {"app_label": "teams"}
    if name == "admin:view_on_site":
        user = world.people["owner"]
        return {"content_type_id": ContentType.objects.get_for_model(user).pk, "object_id": user.pk}
    if name == "admin:auth_user_password_change":
        return {"id": world.people["owner"].pk}
    model = _admin_model(name)
    if model is not None and name.endswith(("_change", "_delete", "_history")):
        return {"object_id": model._default_manager.order_by("pk").values_list("pk", flat=True).first() or 1}
    return {}
