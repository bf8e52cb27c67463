"""Markdown to safe HTML: Pygments highlighting on the server, mermaid left for the browser,
and nh3 sanitising everything on the way out (content and user notes alike)."""

import functools
import html
import re
import textwrap
import threading

import markdown as md
import nh3

# Imported once, here, from the modules that define them: pygments.lexers and pygments.formatters load their
# names lazily, and two threads importing them for their first code block at once got an ImportError (a 500).
from pygments import highlight
from pygments.formatters.html import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.lexers.special import TextLexer
from pygments.util import ClassNotFound

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```|~~~)(?P<lang>[\w+-]*)[ \t]*$")
_LIST_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|\d{1,9}[.)])(?P<rest>[ \t].*|)$")
LIST_INDENT = 4  # what python-markdown needs to nest; writers (and the source document) often use 2 or 3
ALLOWED_TAGS = (
    nh3.ALLOWED_TAGS | {"pre", "code", "span", "div", "table", "thead", "tbody", "tr", "th", "td"}
) - {"img"}
ALLOWED_ATTRIBUTES = {
    "*": {"class"},
    "a": {"href", "title"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}


def _placeholder_stem(text: str) -> str:
    """A stem the text does not contain, so typed text can never be mistaken for a placeholder.
    Derived from the text alone: the same text always renders the same (the caches rely on it)."""
    stem = "sdprepblock"
    while stem in text:
        stem += "q"
    return stem


def _split_fences(text: str) -> tuple[str, dict[str, str]]:
    """Pull fenced blocks out (also ones indented inside list items, which python-markdown
    cannot nest), render them apart, and leave a placeholder paragraph in their place."""
    stem = _placeholder_stem(text)
    out: list[str] = []
    blocks: dict[str, str] = {}
    lines = text.replace("\r\n", "\n").split("\n")
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        fence, lang = match["fence"], match["lang"].lower()
        body: list[str] = []
        i += 1
        while i < len(lines) and lines[i].strip() != fence:
            body.append(lines[i])
            i += 1
        i += 1  # the closing fence (or the end of an unclosed block)
        source = textwrap.dedent("\n".join(body))
        key = f"{stem}{len(blocks)}x"
        blocks[key] = _render_block(lang, source)
        out.extend(["", match["indent"] + key, ""])
    return "\n".join(out), blocks


def _nest_lists(text: str, placeholders: dict[str, str]) -> str:
    """Re-indent list items and their continuation lines by depth, 4 spaces a level: an item indented
    more than its parent's marker is its child, however far (python-markdown alone wants exactly 4)."""
    out: list[str] = []
    parents: list[int] = []  # the marker indent of each open list item, outermost first
    for line in text.expandtabs(4).split("\n"):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        item = _LIST_ITEM.match(line)
        if not stripped:
            out.append(line)
            continue
        if indent == 0 and not item:
            parents.clear()
            out.append(line)
            continue
        while parents and indent <= parents[-1]:
            parents.pop()
        if item and (parents or indent < LIST_INDENT):
            out.append(" " * (LIST_INDENT * len(parents)) + stripped)
            parents.append(indent)
        elif parents:
            out.append(" " * (LIST_INDENT * len(parents)) + stripped)
        else:  # indented text outside any list: an indented code block, or a placeholder put back flush
            out.append(stripped if stripped in placeholders else line)
    return "\n".join(out)


def _render_block(lang: str, source: str) -> str:
    if lang == "mermaid":
        return f'<pre class="mermaid">{html.escape(source)}</pre>'
    try:
        lexer = get_lexer_by_name(lang) if lang else TextLexer()
    except ClassNotFound:
        lexer = TextLexer()
    label = f'<span class="code-lang">{html.escape(lang)}</span>' if lang else ""
    code = highlight(source, lexer, HtmlFormatter(cssclass="highlight"))
    # A long line scrolls sideways: tabindex lets keyboard users scroll it too.
    code = code.replace("<pre>", '<pre tabindex="0">', 1)
    return f'<div class="code-block">{label}{code}</div>'


_local = threading.local()


def _markdown(body: str) -> str:
    """One converter per thread, reset between documents: building one costs more than converting."""
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = md.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    return converter.reset().convert(body)


def _to_html(text: str) -> str:
    if not text.strip():
        return ""
    body, blocks = _split_fences(text)
    rendered = _markdown(_nest_lists(body, blocks))
    for key, block in blocks.items():
        rendered = rendered.replace(f"<p>{key}</p>", block).replace(key, block)
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values={"pre": {"tabindex": {"0"}}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


@functools.lru_cache(maxsize=4096)
def render_content(text: str) -> str:
    """Curated content: the same text always renders the same, so it is memoised per process."""
    return _to_html(text)


USER_CACHE_MAX_CHARS = 20_000


@functools.lru_cache(maxsize=2048)
def _user_html_cached(text: str) -> str:
    return _to_html(text)


def render_user_markdown(text: str) -> str:
    """User-written markdown (notes, answers, scratchpads): sanitised. The output depends on the text
    alone, so short texts are memoised: a live room re-renders its unchanged sections on every save."""
    if len(text) > USER_CACHE_MAX_CHARS:
        return _to_html(text)
    return _user_html_cached(text)
