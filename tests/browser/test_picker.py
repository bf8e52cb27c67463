"""The mock question picker: typing in its filter narrows 100-odd questions to the matching ones."""

import pytest
from playwright.sync_api import expect

from casestudies.models import Question
from tests.browser.test_library import sign_in

pytestmark = pytest.mark.browser


def test_the_picker_filters_by_every_typed_word(page, alice, content):
    sign_in(page, alice)
    page.goto("/practice/mocks/new/")
    visible = """() => [...document.querySelectorAll('#id_question option')]
      .filter((o) => !o.hidden && o.value).length"""
    assert page.evaluate(visible) == Question.objects.count()

    page.fill("#id_question-filter", "dynamodb capacity")

    expected = [
        q
        for q in Question.objects.all()
        if all(w in f"{q.get_kind_display()} {q.prompt}".lower() for w in ("dynamodb", "capacity"))
    ]
    assert expected and page.evaluate(visible) == len(expected)
    expect(page.locator("#id_question-count")).to_contain_text(f"{len(expected)} question")
    page.locator("#id_question").select_option(expected[0].slug)
    assert page.locator("#id_question").input_value() == expected[0].slug
