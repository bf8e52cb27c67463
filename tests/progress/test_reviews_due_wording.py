"""The navigation's due count is lazy (one query, only when shown); its wording still agrees with it."""

import pytest
from django.template import Context, Template

from progress.context_processors import LazyCount

WORDING = Template("{{ n }} review{{ n|pluralize }} due")


@pytest.mark.parametrize(
    ("count", "text"), [(26, "26 reviews due"), (1, "1 review due"), (2, "2 reviews due")]
)
def test_the_due_count_is_pluralised(count, text):
    assert WORDING.render(Context({"n": LazyCount(lambda: count)})) == text


def test_the_count_is_asked_for_once():
    calls = []
    n = LazyCount(lambda: calls.append(1) or 3)
    assert (bool(n), int(n), str(n)) == (True, 3, "3")
    assert len(calls) == 1
