"""Content read once per process, until it changes.

The library's content changes only when it is imported again or edited in the admin, but every request
for a case study or the library index read it afresh: most of those pages' queries. Here a content read
is kept in the per-process "fragments" cache under a key that carries the content's stamp, so an import
anywhere (any process, any machine) makes every process read afresh at its next request. The stamp is one
query: when the case studies and the questions were last written, and the framework's fingerprint.
Admin edits of a study's parts (a section's text) do not move the stamp: they show within
CONTENT_SECONDS, as the question bank's cards do (interviews/fragments.py).

The cache hands out a copy (locmem pickles), so per-user marks set on what it returns never leak to
another request.
"""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import caches
from django.db import connection

from casestudies.models import CaseStudy, ContentFingerprint, Question

CONTENT_SECONDS = 600
T = TypeVar("T")
_MISSING = object()


def content_stamp() -> str:
    quote = connection.ops.quote_name
    studies, questions, prints = (quote(m._meta.db_table) for m in (CaseStudy, Question, ContentFingerprint))
    # Only the models' own quoted table names go into the text.
    parts = [f"(SELECT max(updated_at)::text || count(*) FROM {t})" for t in (studies, questions)]  # noqa: S608
    parts.append(f"(SELECT string_agg(value, ',' ORDER BY key) FROM {prints})")  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}")
        row = cursor.fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()[:16]


def content_cached(name: str, build: Callable[[], T], *parts: str, stamp: str | None = None) -> T:
    """What `build` reads, kept under `name`, `parts` and the content's stamp (read here if not given)."""
    # The parts may come from a URL (a slug): hashed, so a key stays short and of known characters.
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:24]
    key = ":".join(["content", name, stamp or content_stamp(), digest])
    cache = caches["fragments"]
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, CONTENT_SECONDS)
    return value
