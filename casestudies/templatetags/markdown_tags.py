from django import template
from django.utils.safestring import mark_safe

from sdprep.markdown import render_content, render_user_markdown

register = template.Library()


@register.filter
def content_markdown(text: str) -> str:
    """Curated content as HTML (sanitised by nh3, memoised)."""
    return mark_safe(render_content(text or ""))  # noqa: S308 - nh3 output


@register.filter
def user_markdown(text: str) -> str:
    """User-written markdown as HTML, sanitised by nh3."""
    return mark_safe(render_user_markdown(text or ""))  # noqa: S308 - nh3 output


@register.filter
def get_rating(ratings: dict, slug: str) -> dict:
    """A scorecard's entry for one dimension ({} when unscored)."""
    return (ratings or {}).get(slug) or {}
