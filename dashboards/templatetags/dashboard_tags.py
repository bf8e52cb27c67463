"""Presentation filters for the dashboards' grids and heatmaps."""

from django import template
from django.utils.html import format_html_join

register = template.Library()


@register.filter
def heat(share: float | None) -> int:
    """A coverage share (0 to 1) as one of five shades; None (nothing to cover) as the blank shade."""
    if not share:
        return 0
    return min(4, 1 + int(share * 4)) if share < 1 else 4


@register.filter
def pct(share: float | None) -> str:
    return "—" if share is None else f"{round(share * 100)}%"


@register.filter
def score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


@register.filter
def signed_points(value: float) -> str:
    return f"+{value:.1f}" if value < 10 else f"+{round(value)}"


@register.simple_tag
def heat_cells(row) -> str:
    """A team member's row of heatmap cells. The team page has one cell per member and category (1,000
    for 50 members): written here in one pass, where the template loop spent most of the page's time."""
    name = row.user.name
    cells = ((heat(c["share"]), c["category"].name, pct(c["share"])) for c in row.coverage)
    return format_html_join(
        "",
        '<td class="heat heat-{0}" title="{1} · {2}: {3}">{3}</td>',
        ((shade, name, category, share) for shade, category, share in cells),
    )
