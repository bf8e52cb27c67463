"""Rendered fragments that depend on content only, kept per process.

A question's card in the bank (its kind, levels, category, prompt and case studies) changes only when the
question is imported again, which moves its `updated_at`: the key carries it, so a changed question is
rendered afresh and the old entry ages out. Names of levels, categories or case studies changed in the
admin show within FRAGMENT_SECONDS. The per-user parts (practised, due and why) are never cached.
"""

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from casestudies.models import Question

FRAGMENT_SECONDS = 600


STATUS = "<!--status-->"


def question_cards(questions) -> dict[int, tuple[SafeString, SafeString]]:
    """pk -> the card's HTML before and after the user's status, for these questions (each with pk and
    updated_at): 0 queries when every card is cached, else 3 (the missing questions, their levels and
    case studies) whatever their number."""
    cache = caches["fragments"]
    keys = {q.pk: f"bank-card:{q.pk}:{q.updated_at.timestamp()}" for q in questions}
    found = cache.get_many(list(keys.values()))
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        fresh = Question.objects.filter(pk__in=missing).select_related("category")
        for question in fresh.prefetch_related("levels", "case_studies"):
            found[keys[question.pk]] = render_to_string(
                "interviews/_question_card.html", {"question": question}
            )
        cache.set_many({keys[pk]: found[keys[pk]] for pk in missing}, FRAGMENT_SECONDS)
    return {pk: _halves(found[key]) for pk, key in keys.items()}


def _halves(html: str) -> tuple[SafeString, SafeString]:
    before, _marker, after = html.partition(STATUS)
    return mark_safe(before), mark_safe(after)  # noqa: S308 - rendered by our own template, autoescaped
