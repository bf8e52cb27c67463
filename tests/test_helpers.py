import pytest

from tests.helpers import assert_safe_html


@pytest.mark.parametrize(
    "unsafe",
    [
        "<script>x</script>",
        '<a href="javascript:x">',
        "<img src=data:x>",
        '<p onclick="x">',
        '<div hx-get="/x">',
    ],
)
def test_the_safety_check_catches_unsafe_html(unsafe):
    with pytest.raises(AssertionError):
        assert_safe_html(unsafe)


def test_the_safety_check_allows_escaped_text():
    assert_safe_html("<p>&lt;script&gt; javascript: data: onclick= hx-get</p>")
