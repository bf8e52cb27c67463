"""The search index: each case study's search document, and the vocabulary typos are matched against."""

import re
from collections import Counter

from django.contrib.postgres.search import SearchVector
from django.db import transaction
from django.db.models import Value

from casestudies.models import CaseStudy, Question, SearchTerm, Section

_FENCED = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n.*?(?:^[ \t]*\1[ \t]*$|\Z)", re.M | re.S)
_MARKUP = re.compile(r"\*\*|__|`|^\s*(?:[-*+]|\d+\.|#+)\s+", re.M)
_WORD = re.compile(r"[^\W\d_][\w'-]*[^\W_]|[^\W\d_]{3,}")
WORD_LENGTHS = range(3, 41)


def plain_prose(text: str) -> str:
    """Markdown as a reader reads it, without code blocks or markup: what snippets are cut from."""
    return " ".join(_MARKUP.sub(" ", _FENCED.sub(" ", text)).split())


def case_study_index(*, case_study: CaseStudy) -> None:
    """Rebuild the search document: title and company weigh most, facts and decisions next, body last."""
    facts = " ".join(f"{f.label} {f.value}" for f in case_study.facts.all())
    decisions = " ".join(
        f"{d.title} {d.decision} {d.benefits} {d.trade_offs} {d.result}" for d in case_study.decisions.all()
    )
    body = plain_prose(" \n".join([case_study.summary, *(s.body for s in case_study.sections.all())]))
    headline = f"{case_study.title} — {case_study.company}. {case_study.theme}"
    case_study.search_text = f"{headline}\n{facts}\n{decisions}\n{body}"
    CaseStudy.objects.filter(pk=case_study.pk).update(
        search_text=case_study.search_text,
        search_vector=SearchVector(Value(headline), weight="A", config="english")
        + SearchVector(Value(f"{facts} {decisions}"), weight="B", config="english")
        + SearchVector(Value(body), weight="C", config="english"),
    )


def _words(text: str) -> list[str]:
    words = (w.lower().strip("'-") for w in _WORD.findall(text))
    return [w for w in words if len(w) in WORD_LENGTHS]


@transaction.atomic
def search_vocabulary_rebuild() -> int:
    """Every word of the published content (titles, headings, prompts, prose; not code), counted: 4 queries
    and one insert. Run after an import; returns how many words there are."""
    counts: Counter[str] = Counter()
    for title, company, theme, text in CaseStudy.objects.published().values_list(
        "title", "company", "theme", "search_text"
    ):
        counts.update(_words(f"{title} {company} {theme} {text}"))
    for title in Section.objects.filter(case_study__published=True).values_list("title", flat=True):
        counts.update(_words(title))
    for prompt in Question.objects.values_list("prompt", flat=True):
        counts.update(_words(prompt))
    SearchTerm.objects.all().delete()
    SearchTerm.objects.bulk_create(SearchTerm(word=w, frequency=n) for w, n in counts.items())
    return len(counts)
