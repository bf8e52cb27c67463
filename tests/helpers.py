import re
from collections import Counter
from pathlib import Path

import html5lib

XSS_PAYLOADS_FILE = Path(__file__).parent / "data" / "xss_payloads.txt"
_ESCAPE = re.compile(r"\\([ntr\\])")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}


def xss_families() -> dict[str, list[str]]:
    """The payload corpus by family ("## name" lines), in file order, escapes decoded."""
    families: dict[str, list[str]] = {"": []}
    family = ""
    for line in XSS_PAYLOADS_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            family = line[3:].strip()
            families.setdefault(family, [])
        elif line and not line.startswith("#"):
            families[family].append(_ESCAPE.sub(lambda m: _ESCAPES[m[1]], line))
    return {name: payloads for name, payloads in families.items() if payloads}


def xss_payloads() -> list[str]:
    return [payload for payloads in xss_families().values() for payload in payloads]


# A start tag as a browser tokenises it: a ">" inside a quoted attribute value does not end it. One left
# open at the end counts too: on a page, whatever follows the user's text closes it.
START_TAG = re.compile(r"""<[a-zA-Z](?:"[^"]*"|'[^']*'|[^>])*?(?:>|\Z)""")
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")
_EVENT_ATTR = re.compile(r"""[\s/"']on[a-z]+\s*=""", re.I)
_HTMX_ATTR = re.compile(r"""[\s/"'](data-)?hx-[\w:.-]+""", re.I)
_SRCDOC_ATTR = re.compile(r"""[\s/"']srcdoc\s*=""", re.I)
FORBIDDEN_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base"}
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "poster", "background", "lowsrc", "dynsrc", "codebase",
    "cite", "ping", "srcset", "manifest", "icon", "longdesc", "usemap", "classid", "archive", "code",
}  # fmt: skip
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")
_URL_NOISE = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_BAD_CSS = re.compile(
    r"expression\s*\(|url\s*\(\s*['\"]?\s*(javascript|vbscript|data):|@import|-moz-binding|behavior\s*:"
)
_CSS_NOISE = re.compile(r"/\*.*?\*/|\\", re.S)
_PARSER = html5lib.HTMLParser(namespaceHTMLElements=False)
ANIMATIONS = {"animate", "set", "animatemotion", "animatetransform"}


def _scheme_is_bad(value: str) -> bool:
    """As a browser reads a URL: C0 controls and spaces around it and tabs/newlines inside do not count."""
    return _URL_NOISE.sub("", value).strip(_C0_AND_SPACE).lower().startswith(BAD_SCHEMES)


def _css_is_bad(css: str) -> bool:
    return bool(_BAD_CSS.search(_CSS_NOISE.sub("", css).lower()))


def unsafe_markup(html: str) -> list[str]:
    """What in `html` could run script or fire requests as a browser parses it: script-like elements,
    event handlers, script/data URLs, htmx attributes, srcdoc, meta http-equiv, dangerous CSS. The parse
    is html5lib's (entities decoded, as a browser does); each start tag is also scanned as raw text with
    its quoted values blanked, so a tag the parser would drop or read as text is still looked at."""
    problems = []
    for element in _PARSER.parse(html, scripting=True).iter():  # <noscript> holds raw text, as in a browser
        if isinstance(element.tag, str):  # not a comment
            problems += _element_problems(element)
    for tag in START_TAG.findall(html):
        name = re.match(r"<([^\s/>]+)", tag)[1].lower()
        if name in FORBIDDEN_ELEMENTS:
            problems.append(f"raw tag {tag}")
        names = _QUOTED.sub('""', tag)
        for pattern, what in ((_EVENT_ATTR, "event handler"), (_HTMX_ATTR, "htmx"), (_SRCDOC_ATTR, "srcdoc")):
            if pattern.search(names):
                problems.append(f"{what} in raw tag {tag}")
        if not tag.endswith(">"):
            problems += unsafe_markup(tag + ">")
    return problems


def _element_problems(element) -> list[str]:
    name = element.tag.rsplit("}", 1)[-1].lower()
    attributes = {  # xlink:href is href
        key.rsplit("}", 1)[-1].lower().removeprefix("xlink:"): value for key, value in element.attrib.items()
    }
    problems = []
    if name in FORBIDDEN_ELEMENTS:
        problems.append(f"<{name}> element")
    if name == "meta" and "http-equiv" in attributes:
        problems.append("<meta http-equiv>")
    if name == "style" and _css_is_bad(element.text or ""):
        problems.append(f"<style> with {element.text!r}")
    animated = attributes.get("attributename", "").lower()
    if name in ANIMATIONS and animated.startswith(("href", "xlink:", "on")):
        problems.append(f"<{name}> changing a link or a handler")
    for attribute, value in attributes.items():
        urls = value.split(",") if attribute == "srcset" else [value]
        if attribute.startswith("on"):
            problems.append(f"<{name} {attribute}=...>")
        elif attribute.startswith(("hx-", "data-hx-")):
            problems.append(f"<{name} {attribute}> (htmx)")
        elif attribute == "srcdoc":
            problems.append(f"<{name} srcdoc>")
        elif attribute in URL_ATTRIBUTES and any(_scheme_is_bad(url) for url in urls):
            problems.append(f"<{name} {attribute}={value!r}>")
        elif attribute == "style" and _css_is_bad(value):
            problems.append(f"<{name} style={value!r}>")
    return problems


def assert_safe_html(html: str) -> None:
    """No script element, event handler, script/data URL, htmx attribute or other script sink in `html`."""
    problems = unsafe_markup(html)
    assert not problems, f"{problems}\nin: {html[:2000]}"


_CSRF_TOKEN = re.compile(r"[A-Za-z0-9]{64}")
_NUMBER = re.compile(r"\d+")


def added_tags(page: str, baseline: str) -> list[str]:
    """The start tags in `page` beyond those of `baseline` (the same page without the user's text):
    what the user's text added. Tags are compared with their CSRF tokens and numbers blanked (ids,
    versions and counts change between the two), and counted, so a copy of a template's tag is added too."""

    def key(tag: str) -> str:
        return _NUMBER.sub("0", _CSRF_TOKEN.sub("csrf", tag))

    before = Counter(key(tag) for tag in START_TAG.findall(baseline))
    added = []
    for tag in START_TAG.findall(page):
        if before[key(tag)] > 0:
            before[key(tag)] -= 1
        else:
            added.append(tag)
    return added


def assert_page_adds_nothing_unsafe(page: str, baseline: str) -> None:
    """Each start tag the user's text added to `page` is safe on its own (parsed apart, so a <textarea>
    or <plaintext> it opened cannot hide the tags after it)."""
    for tag in added_tags(page, baseline):
        assert_safe_html(tag)
