import pytest

from tests.helpers import (
    added_tags,
    assert_page_adds_nothing_unsafe,
    assert_safe_html,
    xss_families,
    xss_payloads,
)


@pytest.mark.parametrize(
    "unsafe",
    [
        "<script>x</script>",
        '<a href="javascript:x">',
        "<img src=data:x>",
        '<p onclick="x">',
        '<div hx-get="/x">',
        # Each script sink the XSS gate names, in the spellings a browser accepts.
        "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
        "<img/src/onerror=alert(1)>",
        "<svg\nonload=alert(1)>",
        '<a href="x"onclick="y">',
        "<img src=x onerror=alert(1)//",  # left open: the page after it closes the tag
        '<a href="&#106;avascript:x">',
        '<a href="java&#x09;script:x">',
        '<a href=" &#14; javascript:x">',
        '<a href="JaVaScRiPt:x">',
        '<img srcset="a.png 1x, javascript:x 2x">',
        '<svg><a xlink:href="javascript:x"><text>x</text></a></svg>',
        '<svg><animate attributeName="href" to="javascript:x"/></svg>',
        '<form action="javascript:x"><button>x</button></form>',
        '<button formaction="javascript:x">x</button>',
        '<div data-hx-post="/x">',
        '<div hx-on:click="x">',
        "<iframe src=/x></iframe>",
        '<iframe srcdoc="&lt;p&gt;x"></iframe>',
        '<p srcdoc="x">',
        '<object data="/x"></object>',
        "<embed src=/x>",
        '<base href="/x">',
        '<meta http-equiv="refresh" content="0;url=/x">',
        '<p style="width: expression(alert(1))">',
        "<p style=\"background: url( 'javascript:x')\">",
        "<style>@im\\port 'x.css';</style>",
        # html5lib parses as a browser that runs scripts: <noscript> holds raw text.
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    ],
)
def test_the_safety_check_catches_unsafe_html(unsafe):
    with pytest.raises(AssertionError):
        assert_safe_html(unsafe)


@pytest.mark.parametrize(
    "safe",
    [
        "<p>&lt;script&gt; javascript: data: onclick= hx-get</p>",
        # A quoted attribute value is text, whatever it says.
        '<a href="https://example.com" title="&quot; onclick=&quot;alert(1)">x</a>',
        '<a href="https://example.com" title="<script>alert(1)</script>">x</a>',
        '<a href="/x?on=1&amp;hx-get=2">x</a>',
        '<a href="https://example.com/javascript:x">x</a>',
        "<pre><code>&lt;img src=x onerror=alert(1)&gt;</code></pre>",
        '<textarea name="body">&lt;/textarea&gt;&lt;script&gt;</textarea>',
    ],
)
def test_the_safety_check_allows_escaped_text(safe):
    assert_safe_html(safe)


def test_added_tags_are_those_the_users_text_brought():
    baseline = (
        '<body hx-headers=\'{"X-CSRFToken": "' + "a" * 64 + '"}\'><form hx-post="/attempts/1/timer/">'
        '<div class="prose"><p>harmless</p></div>'
    )
    page = (
        '<body hx-headers=\'{"X-CSRFToken": "' + "b" * 64 + '"}\'><form hx-post="/attempts/2/timer/">'
        '<div class="prose"><p>x</p><form hx-post="/attempts/2/timer/"><img src=x onerror=y></div>'
    )
    # CSRF tokens and ids differ from the baseline's; a copy of a template's tag still counts as added.
    assert added_tags(page, baseline) == ['<form hx-post="/attempts/2/timer/">', "<img src=x onerror=y>"]
    with pytest.raises(AssertionError):
        assert_page_adds_nothing_unsafe(page, baseline)
    assert_page_adds_nothing_unsafe(baseline.replace("harmless", "<em>harmless</em>"), baseline)


def test_a_tag_that_opens_raw_text_does_not_hide_the_ones_after_it():
    with pytest.raises(AssertionError):
        assert_page_adds_nothing_unsafe("<p><textarea><img src=x onerror=y></p>", "<p></p>")


def test_the_payload_corpus_decodes_its_escapes():
    families = xss_families()
    payloads = xss_payloads()
    assert len(payloads) >= 250 and len(set(payloads)) == len(payloads)
    assert len(families) >= 10 and all(len(found) >= 5 for found in families.values())
    assert "```\n<script>alert(1)</script>\n```" in payloads  # \n is a newline
    assert '<a href="java\tscript:alert(1)">raw tab</a>' in payloads  # \t is a tab
    assert "<STYLE>@im\\port'\\ja\\vasc\\ript:alert(\"XSS\")';</STYLE>" in payloads  # \\ is one backslash
    assert not any(p.startswith("#") for p in payloads)  # comments are not payloads
    assert all(p == p.strip() for p in payloads)  # forms strip surrounding whitespace
