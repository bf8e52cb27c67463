import re

_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_EVENT_ATTR = re.compile(r"\son[a-z]+\s*=", re.I)
_HTMX_ATTR = re.compile(r"\s(data-)?hx-[\w:-]+", re.I)
_BAD_URL = re.compile(
    r"""\s(href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(javascript|vbscript|data):""", re.I
)


def assert_safe_html(html: str) -> None:
    """No script element, event handler, script/data URL or htmx attribute in any tag of `html`."""
    assert not re.search(r"<script\b", html, re.I), html
    for tag in _TAG.findall(html):
        assert not _EVENT_ATTR.search(tag), tag
        assert not _HTMX_ATTR.search(tag), tag
        assert not _BAD_URL.search(tag), tag
