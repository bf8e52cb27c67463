"""Parse case-study markdown into plain data.

Pure Python (standard library only, no Django): the loader that writes these objects to the database
lives elsewhere. The format is the one of the source document (``system-design-case-studies.md``) and
of ``casestudies/content/*.md``:

* ``### Case Study N: Title`` starts a case study (``#``/``##`` also accepted; under a group heading such
  as ``## Amazon Internal System Case Studies`` a bare ``### Title`` is one too). It ends at the next
  case-study heading, a ``---`` line or a heading of its own level or above.
* Right after the heading, optional metadata lines: ``**Slug:** x``, ``**Company:** x``, ``**Theme:** x``,
  ``**Categories:** A; B``.
* The body is split into blocks by bold label lines ending in a colon (``**Key Design Decisions:**``,
  also ``**X**:``); every block becomes a :class:`Section` and the known ones are also read into fields.
* Fenced code blocks are tracked everywhere, so ``# comment`` lines inside them are never headings.

Everything that goes wrong raises :class:`ParseError` carrying the 1-based line number.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from dataclasses import dataclass, field

__all__ = [
    "CodeSample",
    "Decision",
    "Diagram",
    "Fact",
    "Framework",
    "GuidanceItem",
    "ParseError",
    "ParsedCaseStudy",
    "ParsedDocument",
    "ScalingChallenge",
    "Section",
    "parse",
    "slugify",
]


class ParseError(Exception):
    """A problem in the markdown, located by path and 1-based line number."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(path, line, message)
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


# ----------------------------------------------------------------------------------------------------
# Result types


@dataclass
class Fact:
    label: str
    value: str


@dataclass
class Section:
    title: str
    body: str
    line: int


@dataclass
class CodeSample:
    language: str
    source: str
    section: str
    line: int


@dataclass
class Diagram:
    source: str
    section: str
    line: int


@dataclass
class Decision:
    title: str
    decision: str = ""
    benefits: str = ""
    trade_offs: str = ""
    result: str = ""
    extra: list[tuple[str, str]] = field(default_factory=list)
    details: str = ""
    line: int = 0


@dataclass
class ScalingChallenge:
    title: str
    challenge: str = ""
    solution: str = ""
    innovation: str = ""
    result: str = ""
    details: str = ""
    line: int = 0


@dataclass
class ParsedCaseStudy:
    number: int | None
    slug: str
    title: str
    company: str
    theme: str
    group: str
    categories: list[str]
    summary: str
    facts: list[Fact]
    sections: list[Section]
    code_samples: list[CodeSample]
    diagrams: list[Diagram]
    decisions: list[Decision]
    scaling_challenges: list[ScalingChallenge]
    lessons_general: list[str]
    lessons: dict[str, list[str]]
    application: dict[str, list[str]]
    tips: dict[str, list[str]]
    line: int


@dataclass
class GuidanceItem:
    title: str
    points: list[str]


@dataclass
class Framework:
    categories: list[tuple[str, str, str]]
    guidance: dict[str, list[GuidanceItem]]
    questions: dict[str, list[str]]
    takeaways: list[GuidanceItem]


@dataclass
class ParsedDocument:
    case_studies: list[ParsedCaseStudy]
    framework: Framework | None


# ----------------------------------------------------------------------------------------------------
# Line-level patterns

_BOLD = r"(?:\*\*|__)"
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_RULE = re.compile(r"^ {0,3}(?:-[ \t]*){3,}$|^ {0,3}(?:\*[ \t]*){3,}$|^ {0,3}(?:_[ \t]*){3,}$")
_FENCE_OPEN = re.compile(r"^([ \t]*)(`{3,}|~{3,})(.*)$")
# A whole line in bold that ends in a colon, inside or outside the bold: "**X:**" or "**X**:".
_LABEL = re.compile(rf"^ ?{_BOLD}[ \t]*([^*_ \t].*?)[ \t]*{_BOLD}[ \t]*(:?)[ \t]*$")
_META = re.compile(
    rf"^ ?{_BOLD}[ \t]*(slug|company|theme|categories)[ \t]*(?::[ \t]*{_BOLD}|{_BOLD}[ \t]*:)(.*)$",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])[ \t]+(.*)$")
_NUMBERED = re.compile(r"^(\s*)(\d{1,9})[.)][ \t]+(.*)$")
_BOLD_LABEL_VALUE = re.compile(
    rf"^{_BOLD}[ \t]*([^*_].*?)[ \t]*(?::[ \t]*{_BOLD}|{_BOLD}[ \t]*:)[ \t]*(.*)$",
)
_PLAIN_LABEL_VALUE = re.compile(r"^([A-Za-z][A-Za-z /&'-]{0,40}?)[ \t]*:[ \t]+(.+)$")
_BOLD_TITLE = re.compile(rf"^{_BOLD}(.+?){_BOLD}[ \t]*(?:[:\-\u2013\u2014][ \t]*)?(.*)$")
_CASE_HEADING = re.compile(
    r"^case[\s-]+study\b[ \t]*(?:#?[ \t]*(\d+))?[ \t]*([:.)\-\u2013\u2014])?[ \t]*(.*)$",
    re.IGNORECASE,
)
_LEVEL = re.compile(r"\bL(\d+)\b", re.IGNORECASE)
_GUIDANCE = re.compile(r"^for\s+(L\d+)\s+interviews?$", re.IGNORECASE)
_QUESTIONS = re.compile(r"^(L\d+)\s+(?:level\s+)?(?:interview\s+)?questions$", re.IGNORECASE)
_SLUG_OK = re.compile(r"^[-a-zA-Z0-9_]+$")

_DECISION_KEYWORDS = (
    "design decisions",
    "design patterns",
    "key components",
    "optimization strategies",
    "optimisation strategies",
    "design challenges",
    "innovation areas",
    "pipeline components",
    "architectural patterns",
)
_DECISION_FIELDS = {
    "decision": "decision",
    "decisions": "decision",
    "benefit": "benefits",
    "benefits": "benefits",
    "tradeoff": "trade_offs",
    "tradeoffs": "trade_offs",
    "result": "result",
    "results": "result",
}
_SCALING_FIELDS = {
    "challenge": "challenge",
    "challenges": "challenge",
    "solution": "solution",
    "solutions": "solution",
    "innovation": "innovation",
    "innovations": "innovation",
    "result": "result",
    "results": "result",
}


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


def _field_key(label: str) -> str:
    return re.sub(r"[^a-z]", "", label.lower())


def _join(points: list[str]) -> str:
    """One point: plain text. Several: a markdown bullet list."""
    points = [p for p in points if p]
    if not points:
        return ""
    if len(points) == 1:
        return points[0]
    return "\n".join(f"- {p}" for p in points)


def _unbold(text: str) -> str:
    return re.sub(r"\*\*|__", "", text).strip()


def _strip_quotes(text: str) -> str:
    text = text.strip()
    pairs = (('"', '"'), ("\u201c", "\u201d"), ("'", "'"), ("\u2018", "\u2019"))
    for left, right in pairs:
        if len(text) >= 2 and text.startswith(left) and text.endswith(right):
            return text[1:-1].strip()
    return text


def _strip_indent(line: str, columns: int) -> str:
    """Remove up to ``columns`` columns of leading whitespace (tabs count to the next stop of 4)."""
    col = 0
    k = 0
    while k < len(line) and col < columns and line[k] in " \t":
        col = col + 1 if line[k] == " " else (col // 4 + 1) * 4
        k += 1
    return line[k:]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


@dataclass
class _Fence:
    start: int  # 0-based index of the opening line
    end: int  # 0-based index of the closing line
    indent: int
    language: str
    source: str

    def markdown(self) -> str:
        return f"```{self.language}\n{self.source}\n```"


@dataclass
class _Case:
    start: int
    level: int
    number: int | None
    title: str
    group: str
    end: int = 0


@dataclass
class _Entry:
    kind: str  # "bullet", "text", "header", "fence"
    text: str = ""
    indent: int = 0
    marker: str = "-"
    line: int = 0
    fence: _Fence | None = None
    children: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str, path: str):
        self.path = path
        raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.n = len(raw)
        self.in_fence = [False] * self.n
        self.fences: dict[int, _Fence] = {}
        self._scan_fences(raw)
        # Outside fences tabs are expanded so that indentation compares; fenced code keeps its tabs.
        self.lines = [line if self.in_fence[i] else line.expandtabs(4) for i, line in enumerate(raw)]
        self.owner: list[int | None] = [None] * self.n

    def error(self, idx: int, message: str) -> ParseError:
        return ParseError(self.path, idx + 1, message)

    # -- fences ---------------------------------------------------------------------------------------

    def _scan_fences(self, raw: list[str]) -> None:
        i = 0
        while i < self.n:
            m = _FENCE_OPEN.match(raw[i])
            if not m or (m.group(2)[0] == "`" and "`" in m.group(3)):
                i += 1
                continue
            marker = m.group(2)
            indent = len(m.group(1).expandtabs(4))
            info = m.group(3).strip()
            language = info.split()[0].strip("{}").lstrip(".").lower() if info else ""
            close = re.compile(rf"^[ \t]*{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
            j = i + 1
            while j < self.n and not close.match(raw[j]):
                j += 1
            if j >= self.n:
                raise self.error(i, "code block opened here is never closed")
            source = "\n".join(_strip_indent(line, indent) for line in raw[i + 1 : j])
            self.fences[i] = _Fence(i, j, indent, language, source)
            for k in range(i, j + 1):
                self.in_fence[k] = True
            i = j + 1

    # -- line classification ------------------------------------------------------------------------

    def heading(self, idx: int) -> tuple[int, str] | None:
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
        m = _LABEL.match(self.lines[idx].rstrip())
        if not m:
            return None
        title, colon = m.group(1), m.group(2)
        if not (colon or title.endswith(":")):
            return None
        title = _unbold(title.rstrip(":")).strip()
        return title or None

    def is_rule(self, idx: int) -> bool:
        return not self.in_fence[idx] and bool(_RULE.match(self.lines[idx]))

    def blank(self, idx: int) -> bool:
        return not self.lines[idx].strip()

    @staticmethod
    def clean_heading(text: str) -> str:
        text = _unbold(text)
        return re.sub(r"^[^\w(]+", "", text).strip()

    # -- document ------------------------------------------------------------------------------------

    def parse(self) -> ParsedDocument:
        cases = self._find_case_studies()
        studies: list[ParsedCaseStudy] = []
        slugs: dict[str, int] = {}
        for case in cases:
            study, slug_idx = self._parse_case(case)
            if study.slug in slugs:
                raise self.error(
                    slug_idx, f"duplicate slug '{study.slug}' (first defined on line {slugs[study.slug] + 1})"
                )
            slugs[study.slug] = slug_idx
            studies.append(study)
        framework = self._parse_framework()
        if not studies and framework is None:
            raise ParseError(self.path, 1, "no case study or framework found")
        return ParsedDocument(case_studies=studies, framework=framework)

    def _find_case_studies(self) -> list[_Case]:
        cases: list[_Case] = []
        current: _Case | None = None
        group: str | None = None
        in_group = False
        group_level = 0

        def close(idx: int) -> None:
            nonlocal current
            if current is not None:
                current.end = idx
                cases.append(current)
                current = None

        for idx in range(self.n):
            if self.in_fence[idx]:
                continue
            if self.is_rule(idx):
                close(idx)
                continue
            head = self.heading(idx)
            if head is None:
                continue
            level, text = head
            clean = self.clean_heading(text)
            m = _CASE_HEADING.match(clean)
            if level <= 3 and m and (m.group(1) or m.group(2)):
                close(idx)
                title = m.group(3).strip()
                if not title:
                    raise self.error(idx, "case study heading has no title")
                number = int(m.group(1)) if m.group(1) else None
                current = _Case(idx, level, number, title, group or "industry")
                continue
            if level <= 2 and self._is_group_heading(clean):
                close(idx)
                group = "amazon" if re.search(r"\b(amazon|aws)\b", clean, re.IGNORECASE) else "industry"
                in_group, group_level = True, level
                continue
            if current is not None and level > current.level:
                continue  # a sub-heading inside the case study: read as a section label
            if in_group and level == group_level + 1:
                close(idx)
                if not clean:
                    raise self.error(idx, "case study heading has no title")
                current = _Case(idx, level, None, clean, group or "industry")
                continue
            close(idx)
            if level <= group_level or level <= 2:
                in_group = False
        close(self.n)
        for number, case in enumerate(cases):
            for k in range(case.start, case.end):
                self.owner[k] = number
        return cases

    @staticmethod
    def _is_group_heading(clean: str) -> bool:
        # "Amazon Internal System Case Studies", "Industry Benchmark Case Studies"; not the document
        # title "Real-World System Design Case Studies for L6/L7 Interviews".
        return bool(re.search(r"\bcase\s+studies$|^amazon\s+internal\b|^industry\s+benchmark\b", clean, re.I))

    # -- case study ----------------------------------------------------------------------------------

    def _parse_case(self, case: _Case) -> tuple[ParsedCaseStudy, int]:
        meta: dict[str, tuple[str, int]] = {}
        idx = case.start + 1
        while idx < case.end:
            if self.blank(idx):
                idx += 1
                continue
            if self.in_fence[idx]:
                break
            m = _META.match(self.lines[idx])
            if not m:
                break
            key = m.group(1).lower()
            value = m.group(2).strip()
            name = key.capitalize()
            if key == "categories":
                parts = [p.strip() for p in re.split(r"[;,]", value) if p.strip()]
                value = "; ".join(parts)
            if not value:
                raise self.error(idx, f"metadata '{name}' has an empty value")
            if key in meta:
                raise self.error(idx, f"metadata '{name}' given twice (first on line {meta[key][1] + 1})")
            meta[key] = (value, idx)
            idx += 1

        slug_idx = case.start
        if "slug" in meta:
            slug, slug_idx = meta["slug"]
            if not _SLUG_OK.match(slug):
                raise self.error(
                    slug_idx, f"invalid slug '{slug}': use only letters, digits, hyphens and underscores"
                )
        else:
            slug = slugify(case.title) or (f"case-study-{case.number}" if case.number else "case-study")

        study = ParsedCaseStudy(
            number=case.number,
            slug=slug,
            title=case.title,
            company=meta["company"][0] if "company" in meta else _derive_company(case.title),
            theme=meta["theme"][0] if "theme" in meta else _derive_theme(case.title),
            group=case.group,
            categories=meta["categories"][0].split("; ") if "categories" in meta else [],
            summary="",
            facts=[],
            sections=[],
            code_samples=[],
            diagrams=[],
            decisions=[],
            scaling_challenges=[],
            lessons_general=[],
            lessons={},
            application={},
            tips={},
            line=case.start + 1,
        )

        # Split the body into blocks at label lines (and sub-headings).
        starts: list[tuple[int, str]] = []
        for k in range(idx, case.end):
            title = self.label(k)
            if title is None:
                head = self.heading(k)
                if head is not None:
                    title = self.clean_heading(head[1]).rstrip(":").strip() or head[1]
            if title is not None:
                starts.append((k, title))
        first = starts[0][0] if starts else case.end

        summary_parts = []
        preamble = self._prose(idx, first)
        if preamble:
            summary_parts.append(preamble)
        owner_section: list[tuple[int, int, str]] = [(idx, first, "")]
        for pos, (k, title) in enumerate(starts):
            end = starts[pos + 1][0] if pos + 1 < len(starts) else case.end
            owner_section.append((k, end, title))
            study.sections.append(Section(title=title, body=self._body(k + 1, end), line=k + 1))
            summary = self._read_block(study, title, k + 1, end)
            if summary:
                summary_parts.append(summary)
        study.summary = "\n\n".join(summary_parts)

        for start in sorted(self.fences):
            if not case.start < start < case.end:
                continue
            fence = self.fences[start]
            section = next((t for a, b, t in owner_section if a <= start < b), "")
            if fence.language == "mermaid":
                study.diagrams.append(Diagram(source=fence.source, section=section, line=start + 1))
            else:
                study.code_samples.append(
                    CodeSample(language=fence.language, source=fence.source, section=section, line=start + 1)
                )
        return study, slug_idx

    def _read_block(self, study: ParsedCaseStudy, title: str, a: int, b: int) -> str:
        """Fill the study's semantic fields from one block; returns summary prose (overview only)."""
        low = title.lower()
        levels = sorted({f"L{n}" for n in _LEVEL.findall(title)})
        level = levels[0] if len(levels) == 1 else None
        if low.startswith("system overview"):
            return self._overview(study, a, b)
        if "lessons learned" in low:
            study.lessons_general.extend(self._list_items(a, b))
        elif level and ("interview application" in low or "interview focus" in low):
            study.application.setdefault(level, []).extend(self._list_items(a, b))
        elif level and "lesson" in low:
            study.lessons.setdefault(level, []).extend(self._list_items(a, b))
        elif level and "candidate" in low:
            study.tips.setdefault(level, []).extend(self._list_items(a, b))
        elif "scaling challenges" in low:
            for item in self._numbered_items(a, b):
                study.scaling_challenges.append(self._scaling(item))
        elif any(word in low for word in _DECISION_KEYWORDS):
            for item in self._numbered_items(a, b):
                study.decisions.append(self._decision(item))
        return ""

    def _body(self, a: int, b: int) -> str:
        text = "\n".join(self.lines[a:b])
        return textwrap.dedent(text).strip("\n").rstrip()

    # -- overview and prose --------------------------------------------------------------------------

    def _overview(self, study: ParsedCaseStudy, a: int, b: int) -> str:
        paragraphs: list[list[str]] = [[]]
        last_fact: Fact | None = None
        idx = a
        while idx < b:
            if idx in self.fences:
                paragraphs.append([])
                last_fact = None
                idx = self.fences[idx].end + 1
                continue
            line = self.lines[idx]
            stripped = line.strip()
            if not stripped:
                paragraphs.append([])
                last_fact = None
                idx += 1
                continue
            m = _LIST_ITEM.match(line)
            fact = _BOLD_LABEL_VALUE.match(m.group(3).strip()) if m and not m.group(2)[0].isdigit() else None
            if fact:
                last_fact = Fact(label=_unbold(fact.group(1).rstrip(":")), value=fact.group(2).strip())
                study.facts.append(last_fact)
                paragraphs.append([])
            elif last_fact is not None and not m and _indent(line) > 0:
                last_fact.value = f"{last_fact.value} {stripped}".strip()
            else:
                last_fact = None
                paragraphs[-1].append(stripped)
            idx += 1
        return self._join_paragraphs(paragraphs)

    @staticmethod
    def _join_paragraphs(paragraphs: list[list[str]]) -> str:
        out = []
        for para in paragraphs:
            if not para:
                continue
            sep = "\n" if any(_LIST_ITEM.match(p) for p in para) else " "
            out.append(sep.join(para))
        return "\n\n".join(out)

    def _prose(self, a: int, b: int) -> str:
        paragraphs: list[list[str]] = [[]]
        idx = a
        while idx < b:
            if idx in self.fences:
                paragraphs.append([])
                idx = self.fences[idx].end + 1
                continue
            stripped = self.lines[idx].strip()
            if stripped:
                paragraphs[-1].append(stripped)
            else:
                paragraphs.append([])
            idx += 1
        return self._join_paragraphs(paragraphs)

    def _list_items(self, a: int, b: int) -> list[str]:
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
            m = _LIST_ITEM.match(line)
            if m:
                indent = len(m.group(1))
                if base is None or indent <= base:
                    base = indent if base is None else min(base, indent)
                    items.append(m.group(3).strip())
                else:
                    items[-1] += f"\n  - {m.group(3).strip()}"
                in_item = True
            elif items and (in_item or _indent(line) > (base or 0)):
                items[-1] += f" {line.strip()}"  # continuation (indented, or lazy right after the item)
                in_item = True
            else:
                paragraphs[-1].append(line.strip())
                in_item = False
        if items:
            return items
        return [" ".join(p) for p in paragraphs if p]

    # -- numbered items (decisions, scaling challenges, guidance) ------------------------------------

    def _numbered_items(self, a: int, b: int) -> list[tuple[str, str, int, list[_Entry]]]:
        """``N. **Title**`` items: (title, text after the title, 0-based line, body entries)."""
        starts: list[int] = []
        base: int | None = None
        for idx in range(a, b):
            if self.in_fence[idx]:
                continue
            m = _NUMBERED.match(self.lines[idx])
            if not m:
                continue
            indent = len(m.group(1))
            if base is None or indent <= base:
                base = indent if base is None else min(base, indent)
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
            items.append((title, rest, idx, self._entries(idx + 1, end)))
        return items

    def _entries(self, a: int, b: int) -> list[_Entry]:
        entries: list[_Entry] = []
        idx = a
        after_blank = False
        while idx < b:
            if idx in self.fences:
                fence = self.fences[idx]
                entries.append(_Entry("fence", fence=fence, line=idx))
                idx = fence.end + 1
                after_blank = False
                continue
            line = self.lines[idx]
            stripped = line.strip()
            if not stripped:
                after_blank = True
                idx += 1
                continue
            m = _LIST_ITEM.match(line)
            header = _LABEL.match(stripped)
            if m:
                marker = m.group(2) if m.group(2)[0].isdigit() else "-"
                entries.append(_Entry("bullet", m.group(3).strip(), len(m.group(1)), marker, idx))
            elif header and (header.group(2) or header.group(1).endswith(":")):
                entries.append(_Entry("header", _unbold(header.group(1).rstrip(":")), line=idx))
            elif entries and (
                (entries[-1].kind == "bullet" and (not after_blank or _indent(line) > entries[-1].indent))
                or (entries[-1].kind == "text" and not after_blank)
            ):
                entries[-1].text += f" {stripped}"  # continuation of the bullet or paragraph before
            else:
                entries.append(_Entry("text", stripped, line=idx))
            after_blank = False
            idx += 1

        # Nest deeper bullets under the top-level bullet before them.
        bullets = [e for e in entries if e.kind == "bullet"]
        if not bullets:
            return entries
        top = min(e.indent for e in bullets)
        nested: list[_Entry] = []
        parent: _Entry | None = None
        for entry in entries:
            if entry.kind == "bullet" and entry.indent > top and parent is not None:
                parent.children.append(entry.text)
                continue
            parent = entry if entry.kind == "bullet" else None
            nested.append(entry)
        return nested

    def _fill(
        self, entries: list[_Entry], fields: dict[str, str], rest: str, bold_unknown_to_extra: bool
    ) -> tuple[dict[str, list[str]], list[tuple[str, str]], str]:
        """Sort an item's entries into known fields, extra labelled bullets and markdown details."""
        points: dict[str, list[str]] = {}
        extra: list[tuple[str, str]] = []
        chunks: list[list[str]] = []
        open_list = False
        header: str | None = None

        def detail_line(text: str, new_chunk: bool = False) -> None:
            nonlocal open_list
            if new_chunk or not open_list or not chunks:
                chunks.append([])
            chunks[-1].append(text)
            open_list = True

        def close_list() -> None:
            nonlocal open_list
            open_list = False

        def header_points(name: str, values: list[str]) -> None:
            key = fields.get(_field_key(name))
            if key:
                points.setdefault(key, []).extend(v for v in values if v)
            else:
                chunks.append([f"**{name}:**", *(f"- {v}" for v in values if v)])
                close_list()

        if rest:
            chunks.append([rest])
        for entry in entries:
            if entry.kind == "fence":
                close_list()
                header = None
                groups = _fence_headers(entry.fence) if entry.fence.language != "mermaid" else None
                if groups is None:
                    chunks.append([entry.fence.markdown()])
                else:
                    for name, values in groups:
                        header_points(name, values)
            elif entry.kind == "header":
                close_list()
                header = entry.text
                key = fields.get(_field_key(header))
                if not key:
                    chunks.append([f"**{header}:**"])
                    open_list = True
            elif entry.kind == "text":
                close_list()
                header = None
                chunks.append([entry.text])
            elif header is not None:
                key = fields.get(_field_key(header))
                if key:
                    points.setdefault(key, []).extend([entry.text, *entry.children])
                else:
                    detail_line(f"{entry.marker} {entry.text}")
                    for child in entry.children:
                        detail_line(f"  - {child}")
            else:
                label, value, bold = _split_label(entry.text)
                key = fields.get(_field_key(label)) if label else None
                if key:
                    points.setdefault(key, []).extend(v for v in [value, *entry.children] if v)
                elif label and bold and bold_unknown_to_extra:
                    extra.append((label, _join([v for v in [value, *entry.children] if v])))
                else:
                    detail_line(f"{entry.marker} {entry.text}")
                    for child in entry.children:
                        detail_line(f"  - {child}")
        details = "\n\n".join("\n".join(chunk) for chunk in chunks if chunk)
        return points, extra, details

    def _decision(self, item: tuple[str, str, int, list[_Entry]]) -> Decision:
        title, rest, idx, entries = item
        points, extra, details = self._fill(entries, _DECISION_FIELDS, rest, bold_unknown_to_extra=True)
        return Decision(
            title=title,
            decision=_join(points.get("decision", [])),
            benefits=_join(points.get("benefits", [])),
            trade_offs=_join(points.get("trade_offs", [])),
            result=_join(points.get("result", [])),
            extra=extra,
            details=details,
            line=idx + 1,
        )

    def _scaling(self, item: tuple[str, str, int, list[_Entry]]) -> ScalingChallenge:
        title, rest, idx, entries = item
        points, _extra, details = self._fill(entries, _SCALING_FIELDS, rest, bold_unknown_to_extra=False)
        return ScalingChallenge(
            title=title,
            challenge=_join(points.get("challenge", [])),
            solution=_join(points.get("solution", [])),
            innovation=_join(points.get("innovation", [])),
            result=_join(points.get("result", [])),
            details=details,
            line=idx + 1,
        )

    def _guidance_items(self, a: int, b: int) -> list[GuidanceItem]:
        out = []
        for title, rest, _idx, entries in self._numbered_items(a, b):
            points = [rest] if rest else []
            for entry in entries:
                if entry.kind == "bullet":
                    points.append("\n".join([entry.text, *(f"  - {c}" for c in entry.children)]))
                elif entry.kind == "text":
                    points.append(entry.text)
            out.append(GuidanceItem(title=title, points=points))
        return out

    # -- framework -----------------------------------------------------------------------------------

    def _block_end(self, a: int) -> int:
        for idx in range(a, self.n):
            if self.owner[idx] is not None:
                return idx
            if self.in_fence[idx]:
                continue
            if self.heading(idx) or self.label(idx) or self.is_rule(idx):
                return idx
        return self.n

    def _parse_framework(self) -> Framework | None:
        categories = self._category_table()
        guidance: dict[str, list[GuidanceItem]] = {}
        questions: dict[str, list[str]] = {}
        takeaways: list[GuidanceItem] = []
        found = bool(categories)
        for idx in range(self.n):
            if self.owner[idx] is not None or self.in_fence[idx]:
                continue
            head = self.heading(idx)
            title = self.clean_heading(head[1]).rstrip(":").strip() if head else self.label(idx)
            if not title:
                continue
            if m := _GUIDANCE.match(title):
                found = True
                level = m.group(1).upper()
                guidance.setdefault(level, []).extend(self._guidance_items(idx + 1, self._block_end(idx + 1)))
            elif m := _QUESTIONS.match(title):
                found = True
                level = m.group(1).upper()
                items = self._list_items(idx + 1, self._block_end(idx + 1))
                questions.setdefault(level, []).extend(_strip_quotes(q) for q in items)
            elif head and "key takeaways" in title.lower():
                found = True
                takeaways.extend(self._guidance_items(idx + 1, self._block_end(idx + 1)))
        if not found:
            return None
        return Framework(categories=categories, guidance=guidance, questions=questions, takeaways=takeaways)

    def _category_table(self) -> list[tuple[str, str, str]]:
        rows: list[tuple[str, str, str]] = []
        idx = 0
        while idx < self.n:
            if self.in_fence[idx] or not self.lines[idx].lstrip().startswith("|"):
                idx += 1
                continue
            header = _cells(self.lines[idx])
            if not header or header[0].lower() not in ("category", "categories"):
                idx += 1
                continue
            idx += 1
            if idx < self.n and re.match(r"^\s*\|?[\s:|-]+$", self.lines[idx]) and "-" in self.lines[idx]:
                idx += 1
            while idx < self.n and not self.in_fence[idx] and self.lines[idx].lstrip().startswith("|"):
                cells = [*_cells(self.lines[idx]), "", ""]
                if any(cells):
                    rows.append((cells[0], cells[1], cells[2]))
                idx += 1
        return rows


def _cells(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|"):
        text = text[:-1]
    return [_unbold(cell) for cell in re.split(r"(?<!\\)\|", text)]


def _split_label(text: str) -> tuple[str | None, str, bool]:
    """``**Label**: value`` / ``**Label:** value`` / ``Label: value`` -> (label, value, bold)."""
    m = _BOLD_LABEL_VALUE.match(text)
    if m:
        return _unbold(m.group(1).rstrip(":")), m.group(2).strip(), True
    m = _PLAIN_LABEL_VALUE.match(text)
    if m:
        return m.group(1).strip(), m.group(2).strip(), False
    return None, text, False


def _fence_headers(fence: _Fence) -> list[tuple[str, list[str]]] | None:
    """Read a fence written as ``Header:`` lines each followed by ``- point`` lines.

    Returns None when the fence holds anything else (real code), so it is kept as code.
    """
    groups: list[tuple[str, list[str]]] = []
    for raw in textwrap.dedent(fence.source).split("\n"):
        stripped = raw.strip()
        if not stripped:
            continue
        bullet = re.match(r"^[-*+][ \t]+(.+)$", stripped)
        if bullet and groups:
            groups[-1][1].append(bullet.group(1).strip())
            continue
        head = re.match(r"^([A-Z][A-Za-z0-9 &/'()-]{0,40}?)[ \t]*:[ \t]*(.*)$", raw)
        if head:
            value = head.group(2).strip()
            groups.append((head.group(1).strip(), [value] if value else []))
            continue
        return None
    return groups or None


def _derive_company(title: str) -> str:
    m = re.match(r"^(\S+(?:\s+\S+){0,2}?)['\u2019]s\b", title)
    if m:
        return m.group(1).strip()
    if re.match(r"^(amazon|aws)\b", title, re.IGNORECASE):
        return "Amazon"
    return title.split()[0] if title.split() else title


def _derive_theme(title: str) -> str:
    parts = re.split(r"\s+[-\u2013\u2014]\s+", title, maxsplit=1)
    if len(parts) == 2 and parts[1].strip():
        return parts[1].strip()
    return title


def parse(text: str, path: str = "<string>") -> ParsedDocument:
    """Parse one markdown document (case studies and/or the interview framework)."""
    return _Parser(text, path).parse()
