"""The filter bar of the library and the question bank, rendered once per choice of filters.

Each <select> renders every option through Django's widget templates: a few milliseconds a page, for
HTML that depends only on the form, the filters chosen and the content (the choices are levels,
categories, case studies). A valid form's bar is kept under those, with the content's stamp
(casestudies.cache); a form with errors is rendered afresh, with its messages.
"""

from django import template
from django.template.loader import render_to_string

from casestudies.cache import content_cached

register = template.Library()


@register.simple_tag
def filter_bar(form, action: str, label: str) -> str:
    def render() -> str:
        return render_to_string("_filter_bar.html", {"form": form, "action": action, "label": label})

    if form.errors:
        return render()
    chosen = [(name, form.data.getlist(name)) for name in form.fields]  # a GET form: data is a QueryDict
    return content_cached("filter-bar", render, type(form).__qualname__, repr((action, label, chosen)))
