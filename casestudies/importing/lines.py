"""The markdown lines of one file, read alike by the case-study and framework parsers.

:class:`Lines` knows which lines are fenced code (so ``# comment`` inside a fence is never a heading),
classifies lines (heading, bold label, rule) and reads the list shapes both parsers share. Also here:
the small text helpers they share, and :func:`fingerprint`, the hash the importer compares.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field

from casestudies.importing.errors import ImportProblem

BOLD = r"(?:\*\*|__)"
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_RULE = re.compile(r"^ {0,3}(?:-[ \t]*){3,}$|^ {0,3}(?:\*[ \t]*){3,}$|^ {0,3}(?:_[ \t]*){3,}$")
_FENCE_OPEN = re.compile(r"^([ \t]*)(`{3,}|~{3,})(.*)$")
# A whole line in bold that ends in a colon, inside or outside the bold: "**X:**" or "**X**:".
LABEL = re.compile(rf"^ ?{BOLD}[ \t]*([^*_ \t].*?)[ \t]*{BOLD}[ \t]*(:?)[ \t]*$")
LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])[ \t]+(.*)$")
_NUMBERED = re.compile(r"^(\s*)(\d{1,9})[.)][ \t]+(.*)$")
BOLD_LABEL_VALUE = re.compile(rf"^{BOLD}[ \t]*([^*_].*?)[ \t]*(?::[ \t]*{BOLD}|{BOLD}[ \t]*:)[ \t]*(.*)$")
_BOLD_TITLE = re.compile(rf"^{BOLD}(.+?){BOLD}[ \t]*(?:[:\-\u2013\u2014][ \t]*)?(.*)$")


def slugify(value: str, max_length: int = 60) -> str:
    """Django-compatible slugify (ASCII), cut to ``max_length`` at a word boundary."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value.lower())
    value = re.sub(r"[-\s]+", "-", value).strip("-_")
    if len(value) > max_length:
        cut = value[: max_length + 1]
        value = cut.rsplit("-", 1)[0] if "-" in cut else value[:max_length]
        value = value.strip("-_")
    return value


def fingerprint(obj) -> str:
    """A hash of parsed content that ignores line numbers, so moving text around a file is no change."""

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "line"}
        if isinstance(value, list | tuple):
            return [strip(v) for v in value]
        return value

    data = json.dumps(strip(dataclasses.asdict(obj)), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def unbold(text: str) -> str:
    return re.sub(r"\*\*|__", "", text).strip()


def clean_heading(text: str) -> str:
    """Heading text without bold and leading punctuation or emoji."""
    return re.sub(r"^[^\w(]+", "", unbold(text)).strip()


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _strip_indent(line: str, columns: int) -> str:
    """Remove up to ``columns`` columns of leading whitespace (tabs count to the next stop of 4)."""
    col = 0
    k = 0
    while k < len(line) and col < columns and line[k] in " \t":
        col = col + 1 if line[k] == " " else (col // 4 + 1) * 4
        k += 1
    return line[k:]


@dataclass
class Fence:
    start: int  # 0-based index of the opening line
    end: int  # 0-based index of the closing line
    indent: int
    language: str
    source: str

    def markdown(self) -> str:
        return f"```{self.language}\n{self.source}\n```"


@dataclass
class Entry:
    """One piece of a numbered item's body."""

    kind: str  # "bullet", "text", "header", "fence"
    text: str = ""
    indent: int = 0
    marker: str = "-"
    line: int = 0
    fence: Fence | None = None
    children: list[str] = field(default_factory=list)


@dataclass
class NumberedItem:
    """An ``N. **Title** rest`` item and the entries of its body; ``line`` is 0-based."""

    title: str
    rest: str
    line: int
    entries: list[Entry]


class Lines:
    """The lines of one markdown file (0-based indexes; errors report 1-based lines)."""

    def __init__(self, text: str, path: str):
        self.path = path
        raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.n = len(raw)
        self.in_fence = [False] * self.n
        self.fences: dict[int, Fence] = {}
        self._scan_fences(raw)
        # Outside fences tabs are expanded so that indentation compares; fenced code keeps its tabs.
        self.lines = [line if self.in_fence[i] else line.expandtabs(4) for i, line in enumerate(raw)]

    def error(self, idx: int, message: str) -> ImportProblem:
        return ImportProblem(message, path=self.path, line=idx + 1)

    def _scan_fences(self, raw: list[str]) -> None:
        i = 0
        while i < self.n:
            m = _FENCE_OPEN.match(raw[i])
            if not m or (m.group(2)[0] == "`" and "`" in m.group(3)):
                i += 1
                continue
            marker = m.group(2)
            columns = len(m.group(1).expandtabs(4))
            info = m.group(3).strip()
            language = info.split()[0].strip("{}").lstrip(".").lower() if info else ""
            close = re.compile(rf"^[ \t]*{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
            j = i + 1
            while j < self.n and not close.match(raw[j]):
                j += 1
            if j >= self.n:
                raise self.error(i, "code block opened here is never closed")
            source = "\n".join(_strip_indent(line, columns) for line in raw[i + 1 : j])
            self.fences[i] = Fence(i, j, columns, language, source)
            for k in range(i, j + 1):
                self.in_fence[k] = True
            i = j + 1

    # -- one line -------------------------------------------------------------------------------------

    def heading(self, idx: int) -> tuple[int, str] | None:
        """(level, text) of a ``#`` heading outside code, else None."""
        if self.in_fence[idx]:
            return None
        m = _HEADING.match(self.lines[idx])
        if not m:
            return None
        return len(m.group(1)), (m.group(2) or "").strip()

    def label(self, idx: int) -> str | None:
        """Title of a ``**Label:**`` line, else None."""
        if self.in_fence[idx]:
            return None
        m = LABEL.match(self.lines[idx].rstrip())
        if not m:
            return None
        title, colon = m.group(1), m.group(2)
        if not (colon or title.endswith(":")):
            return None
        title = unbold(title.rstrip(":")).strip()
        return title or None

    def is_rule(self, idx: int) -> bool:
        return not self.in_fence[idx] and bool(_RULE.match(self.lines[idx]))

    def blank(self, idx: int) -> bool:
        return not self.lines[idx].strip()

    # -- lists over a range [a, b) ---------------------------------------------------------------------

    def list_items(self, a: int, b: int) -> list[str]:
        """Top-level list items (bulleted or numbered); nested items are kept as a markdown sub-list.

        With no list at all, each prose paragraph is one item.
        """
        items: list[str] = []
        base: int | None = None
        in_item = False  # the previous non-blank line belongs to the last item, with no blank between
        paragraphs: list[list[str]] = [[]]
        for idx in range(a, b):
            if self.in_fence[idx]:
                continue
            line = self.lines[idx]
            if not line.strip():
                paragraphs.append([])
                in_item = False
                continue
            m = LIST_ITEM.match(line)
            if m:
                columns = len(m.group(1))
                if base is None or columns <= base:
                    base = columns if base is None else min(base, columns)
                    items.append(m.group(3).strip())
                else:
                    items[-1] += f"\n  - {m.group(3).strip()}"
                in_item = True
            elif items and (in_item or indent(line) > (base or 0)):
                items[-1] += f" {line.strip()}"  # continuation (indented, or lazy right after the item)
                in_item = True
            else:
                paragraphs[-1].append(line.strip())
                in_item = False
        if items:
            return items
        return [" ".join(p) for p in paragraphs if p]

    def numbered_items(self, a: int, b: int) -> list[NumberedItem]:
        """The top-level ``N. **Title**`` items (decisions, scaling challenges, guidance)."""
        starts: list[int] = []
        base: int | None = None
        for idx in range(a, b):
            if self.in_fence[idx]:
                continue
            m = _NUMBERED.match(self.lines[idx])
            if not m:
                continue
            columns = len(m.group(1))
            if base is None or columns <= base:
                base = columns if base is None else min(base, columns)
                starts.append(idx)
        items = []
        for pos, idx in enumerate(starts):
            end = starts[pos + 1] if pos + 1 < len(starts) else b
            text = _NUMBERED.match(self.lines[idx]).group(3).strip()
            m = _BOLD_TITLE.match(text)
            if m:
                title, rest = m.group(1).strip().rstrip(":").strip(), m.group(2).strip()
            else:
                title, rest = text.rstrip(":").strip(), ""
            items.append(NumberedItem(title, rest, idx, self._entries(idx + 1, end)))
        return items

    def _entries(self, a: int, b: int) -> list[Entry]:
        entries: list[Entry] = []
        idx = a
        after_blank = False
        while idx < b:
            if idx in self.fences:
                fence = self.fences[idx]
                entries.append(Entry("fence", fence=fence, line=idx))
                idx = fence.end + 1
                after_blank = False
                continue
            line = self.lines[idx]
            stripped = line.strip()
            if not stripped:
                after_blank = True
                idx += 1
                continue
            m = LIST_ITEM.match(line)
            header = LABEL.match(stripped)
            if m:
                marker = m.group(2) if m.group(2)[0].isdigit() else "-"
                entries.append(Entry("bullet", m.group(3).strip(), len(m.group(1)), marker, idx))
            elif header and (header.group(2) or header.group(1).endswith(":")):
                entries.append(Entry("header", unbold(header.group(1).rstrip(":")), line=idx))
            elif entries and (
                (entries[-1].kind == "bullet" and (not after_blank or indent(line) > entries[-1].indent))
                or (entries[-1].kind == "text" and not after_blank)
            ):
                entries[-1].text += f" {stripped}"  # continuation of the bullet or paragraph before
            else:
                entries.append(Entry("text", stripped, line=idx))
            after_blank = False
            idx += 1

        # Nest deeper bullets under the top-level bullet before them.
        bullets = [e for e in entries if e.kind == "bullet"]
        if not bullets:
            return entries
        top = min(e.indent for e in bullets)
        nested: list[Entry] = []
        parent: Entry | None = None
        for entry in entries:
            if entry.kind == "bullet" and entry.indent > top and parent is not None:
                parent.children.append(entry.text)
                continue
            parent = entry if entry.kind == "bullet" else None
            nested.append(entry)
        return nested
