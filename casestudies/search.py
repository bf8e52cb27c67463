"""Search over the content that forgives: in live results the last word is a prefix (the dropdown sees
words half typed), and when nothing matches, each unknown word is replaced by the closest word of the
content (pg_trgm similarity, then edit distance) and that search is run instead, offered as "Did you
mean …?".

A fixed number of queries whatever the input: 2 (case studies, questions), or 5 when nothing matched
(the suggestion, then the suggested search)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F
from django.utils.safestring import mark_safe

from casestudies.models import CaseStudy, Question, SearchTerm

MAX_WORDS = 8
CANDIDATES = 40  # closest spellings by trigrams per word, then ranked by edit distance
MIN_SIMILARITY = 0.15  # low on purpose: "strat" and "start" share only 2 of 10 trigrams
_TOKEN = re.compile(r"\w+")
# Highlight markers no content contains; the snippet is escaped, then they become <mark>.
_START, _STOP = "\x02", "\x03"


@dataclass
class SearchResults:
    query: str
    case_studies: list = field(default_factory=list)
    questions: list = field(default_factory=list)
    suggestion: str = ""

    @property
    def empty(self) -> bool:
        return not self.case_studies and not self.questions


def words_of(query: str) -> list[str]:
    return [w.lower() for w in _TOKEN.findall(query)][:MAX_WORDS]


def words_query(words: list[str], *, prefix: bool) -> SearchQuery:
    """All words; with prefix, the last one as a prefix (``consistent & hash:*``), for live results that
    see words half typed. Words are \\w+ only, so the raw syntax is safe."""
    terms = [*words[:-1], f"{words[-1]}:*"] if prefix and words else words
    return SearchQuery(" & ".join(terms), search_type="raw", config="english")


def _safe_snippet(snippet: str) -> str:
    escaped = html.escape(" ".join(snippet.split()))
    return mark_safe(escaped.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308


def _ranked(queryset, search: SearchQuery, text_field: str, limit: int) -> list:
    results = list(
        queryset.filter(search_vector=search)
        .annotate(
            rank=SearchRank(F("search_vector"), search),
            snippet=SearchHeadline(
                text_field,
                search,
                config="english",
                start_sel=_START,
                stop_sel=_STOP,
                max_words=28,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "pk")[:limit]
    )
    for result in results:
        result.snippet = _safe_snippet(result.snippet)
    return results


def _search_words(words: list[str], limit: int, prefix: bool = False) -> tuple[list, list]:
    search = words_query(words, prefix=prefix)
    return (
        _ranked(CaseStudy.objects.published(), search, "search_text", limit),
        _ranked(Question.objects.select_related("category"), search, "prompt", limit),
    )


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: a swap of two neighbours ("strat" → "start") costs one."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, prev2[j - 2] + 1)
            row.append(cost)
        prev2, prev = prev, row
    return prev[-1]


_CANDIDATES_SQL = f"""
    SELECT q.n, t.word, t.similarity, t.frequency
    FROM unnest(%s::text[]) WITH ORDINALITY AS q(word, n)
    CROSS JOIN LATERAL (
        SELECT word, frequency, similarity(word, q.word) AS similarity FROM {SearchTerm._meta.db_table}
        WHERE abs(length(word) - length(q.word)) <= 3 AND similarity(word, q.word) > %s
        ORDER BY similarity(word, q.word) DESC, frequency DESC LIMIT %s
    ) AS t
"""  # noqa: S608 (the table name is the model's own)


def suggestion_for(words: list[str]) -> str:
    """The query with each unknown word replaced by the closest content word, or "" when none is close
    (within a third of the word's length, at least 1): 1 query."""
    with connection.cursor() as cursor:
        cursor.execute(_CANDIDATES_SQL, [words, MIN_SIMILARITY, CANDIDATES])
        rows = cursor.fetchall()
    candidates: dict[int, list[tuple[str, float, int]]] = {}
    for n, word, similarity, frequency in rows:
        candidates.setdefault(n - 1, []).append((word, similarity, frequency))
    fixed = []
    for i, word in enumerate(words):
        options = candidates.get(i, [])
        if any(option == word for option, _, _ in options):
            fixed.append(word)
            continue
        allowed = max(1, len(word) // 3)
        scored = [
            (edit_distance(word, o), -s, -f, o) for o, s, f in options if edit_distance(word, o) <= allowed
        ]
        fixed.append(min(scored)[3] if scored else word)
    return " ".join(fixed) if fixed != words else ""


def search_content(query: str, *, prefix: bool = False, limit: int = 20) -> SearchResults:
    """Ranked matches; ``prefix`` for live results (as you type), whole words for a submitted search."""
    words = words_of(query)
    results = SearchResults(query=query)
    if not words:
        return results
    results.case_studies, results.questions = _search_words(words, limit, prefix)
    if results.empty:
        results.suggestion = suggestion_for(words)
        if results.suggestion:
            results.case_studies, results.questions = _search_words(results.suggestion.split(), limit)
    return results
