"""Parse case-study markdown into plain data.

The format is the one of the source document (``system-design-case-studies.md``) and of
``casestudies/content/*.md``:

* ``### Case Study N: Title`` starts a case study (``#``/``##`` also accepted; under a group heading such
  as ``## Amazon Internal System Case Studies`` a bare ``### Title`` is one too). It ends at the next
  case-study heading, a ``---`` line or a heading of its own level or above.
* Right after the heading, optional metadata lines: ``**Slug:** x``, ``**Company:** x``, ``**Theme:** x``,
  ``**Categories:** A; B``, ``**Draft:** true`` (imported unpublished).
* The body is split into blocks by bold label lines ending in a colon (``**Key Design Decisions:**``,
  also ``**X**:``); every block becomes a :class:`Section` and the known ones are also read into fields.
  What the case studies leave over is read as the interview framework (see ``framework.py``).
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from casestudies.importing.decisions import (
    DECISION_KEYWORDS,
    Decision,
    ScalingChallenge,
    decision,
    scaling_challenge,
)
from casestudies.importing.errors import ImportProblem
from casestudies.importing.framework import Framework, parse_framework
from casestudies.importing.lines import (
    BOLD_LABEL_VALUE,
    LIST_ITEM,
    Lines,
    clean_heading,
    indent,
    slugify,
    unbold,
)
from casestudies.importing.meta import derive_company, derive_theme, flag, read_meta

_CASE_HEADING = re.compile(
    r"^case[\s-]+study\b[ \t]*(?:#?[ \t]*(\d+))?[ \t]*([:.)\-\u2013\u2014])?[ \t]*(.*)$",
    re.IGNORECASE,
)
_LEVEL = re.compile(r"\bL(\d+)\b", re.IGNORECASE)
_SLUG_OK = re.compile(r"^[-a-zA-Z0-9_]+$")


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
    slug_stated: bool = False
    draft: bool = False


@dataclass
class ParsedDocument:
    case_studies: list[ParsedCaseStudy]
    framework: Framework | None


@dataclass
class _Case:
    start: int
    level: int
    number: int | None
    title: str
    group: str
    end: int = 0


def parse_document(text: str, path: str = "<string>") -> ParsedDocument:
    """Parse one markdown document (case studies and/or the interview framework)."""
    lines = Lines(text, path)
    cases = _find_case_studies(lines)
    studies: list[ParsedCaseStudy] = []
    slugs: dict[str, int] = {}
    for case in cases:
        study, slug_idx = _parse_case(lines, case)
        if study.slug in slugs:
            first = slugs[study.slug] + 1
            raise lines.error(slug_idx, f"duplicate slug '{study.slug}' (first defined on line {first})")
        slugs[study.slug] = slug_idx
        studies.append(study)
    claimed = [False] * lines.n
    for case in cases:
        claimed[case.start : case.end] = [True] * (case.end - case.start)
    framework = parse_framework(lines, claimed)
    if not studies and framework is None:
        raise ImportProblem("no case study or framework found", path=path, line=1)
    return ParsedDocument(case_studies=studies, framework=framework)


def _find_case_studies(lines: Lines) -> list[_Case]:
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

    for idx in range(lines.n):
        if lines.in_fence[idx]:
            continue
        if lines.is_rule(idx):
            close(idx)
            continue
        head = lines.heading(idx)
        if head is None:
            continue
        level, text = head
        clean = clean_heading(text)
        m = _CASE_HEADING.match(clean)
        if level <= 3 and m and (m.group(1) or m.group(2)):
            close(idx)
            title = m.group(3).strip()
            if not title:
                raise lines.error(idx, "case study heading has no title")
            number = int(m.group(1)) if m.group(1) else None
            current = _Case(idx, level, number, title, group or "industry")
            continue
        if level <= 2 and _is_group_heading(clean):
            close(idx)
            group = "amazon" if re.search(r"\b(amazon|aws)\b", clean, re.IGNORECASE) else "industry"
            in_group, group_level = True, level
            continue
        if current is not None and level > current.level:
            continue  # a sub-heading inside the case study: read as a section label
        if in_group and level == group_level + 1:
            close(idx)
            if not clean:
                raise lines.error(idx, "case study heading has no title")
            current = _Case(idx, level, None, clean, group or "industry")
            continue
        close(idx)
        if level <= group_level or level <= 2:
            in_group = False
    close(lines.n)
    return cases


def _is_group_heading(clean: str) -> bool:
    # "Amazon Internal System Case Studies", "Industry Benchmark Case Studies"; not the document
    # title "Real-World System Design Case Studies for L6/L7 Interviews".
    return bool(re.search(r"\bcase\s+studies$|^amazon\s+internal\b|^industry\s+benchmark\b", clean, re.I))


def _parse_case(lines: Lines, case: _Case) -> tuple[ParsedCaseStudy, int]:
    meta, idx = read_meta(lines, case.start, case.end)
    slug_idx = case.start
    if "slug" in meta:
        slug, slug_idx = meta["slug"]
        if not _SLUG_OK.match(slug):
            message = f"invalid slug '{slug}': use only letters, digits, hyphens and underscores"
            raise lines.error(slug_idx, message)
    else:
        slug = slugify(case.title) or (f"case-study-{case.number}" if case.number else "case-study")

    draft = flag(lines, meta["draft"]) if "draft" in meta else False
    study = ParsedCaseStudy(
        number=case.number,
        slug=slug,
        title=case.title,
        company=meta["company"][0] if "company" in meta else derive_company(case.title),
        theme=meta["theme"][0] if "theme" in meta else derive_theme(case.title),
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
        slug_stated="slug" in meta,
        draft=draft,
    )

    # Split the body into blocks at label lines (and sub-headings).
    starts: list[tuple[int, str]] = []
    for k in range(idx, case.end):
        title = lines.label(k)
        if title is None:
            head = lines.heading(k)
            if head is not None:
                title = clean_heading(head[1]).rstrip(":").strip() or head[1]
        if title is not None:
            starts.append((k, title))
    first = starts[0][0] if starts else case.end

    summary_parts = []
    preamble = _prose(lines, idx, first)
    if preamble:
        summary_parts.append(preamble)
    owner_section: list[tuple[int, int, str]] = [(idx, first, "")]
    for pos, (k, title) in enumerate(starts):
        end = starts[pos + 1][0] if pos + 1 < len(starts) else case.end
        owner_section.append((k, end, title))
        body = textwrap.dedent("\n".join(lines.lines[k + 1 : end])).strip("\n").rstrip()
        study.sections.append(Section(title=title, body=body, line=k + 1))
        summary = _read_block(lines, study, title, k + 1, end)
        if summary:
            summary_parts.append(summary)
    study.summary = "\n\n".join(summary_parts)

    for start in sorted(lines.fences):
        if not case.start < start < case.end:
            continue
        fence = lines.fences[start]
        section = next((t for a, b, t in owner_section if a <= start < b), "")
        if fence.language == "mermaid":
            study.diagrams.append(Diagram(source=fence.source, section=section, line=start + 1))
        else:
            study.code_samples.append(
                CodeSample(language=fence.language, source=fence.source, section=section, line=start + 1)
            )
    return study, slug_idx


def _read_block(lines: Lines, study: ParsedCaseStudy, title: str, a: int, b: int) -> str:
    """Fill the study's semantic fields from one block; returns summary prose (overview only)."""
    low = title.lower()
    levels = sorted({f"L{n}" for n in _LEVEL.findall(title)})
    level = levels[0] if len(levels) == 1 else None
    if low.startswith("system overview"):
        return _overview(lines, study, a, b)
    if "lessons learned" in low:
        study.lessons_general.extend(lines.list_items(a, b))
    elif level and ("interview application" in low or "interview focus" in low):
        study.application.setdefault(level, []).extend(lines.list_items(a, b))
    elif level and "lesson" in low:
        study.lessons.setdefault(level, []).extend(lines.list_items(a, b))
    elif level and "candidate" in low:
        study.tips.setdefault(level, []).extend(lines.list_items(a, b))
    elif "scaling challenges" in low:
        study.scaling_challenges.extend(scaling_challenge(item) for item in lines.numbered_items(a, b))
    elif any(word in low for word in DECISION_KEYWORDS):
        study.decisions.extend(decision(item) for item in lines.numbered_items(a, b))
    return ""


def _overview(lines: Lines, study: ParsedCaseStudy, a: int, b: int) -> str:
    """Read ``- **Label**: value`` bullets into facts; returns the rest as summary prose."""
    paragraphs: list[list[str]] = [[]]
    last_fact: Fact | None = None
    idx = a
    while idx < b:
        if idx in lines.fences:
            paragraphs.append([])
            last_fact = None
            idx = lines.fences[idx].end + 1
            continue
        line = lines.lines[idx]
        stripped = line.strip()
        if not stripped:
            paragraphs.append([])
            last_fact = None
            idx += 1
            continue
        m = LIST_ITEM.match(line)
        fact = BOLD_LABEL_VALUE.match(m.group(3).strip()) if m and not m.group(2)[0].isdigit() else None
        if fact:
            last_fact = Fact(label=unbold(fact.group(1).rstrip(":")), value=fact.group(2).strip())
            study.facts.append(last_fact)
            paragraphs.append([])
        elif last_fact is not None and not m and indent(line) > 0:
            last_fact.value = f"{last_fact.value} {stripped}".strip()
        else:
            last_fact = None
            paragraphs[-1].append(stripped)
        idx += 1
    return _join_paragraphs(paragraphs)


def _prose(lines: Lines, a: int, b: int) -> str:
    paragraphs: list[list[str]] = [[]]
    idx = a
    while idx < b:
        if idx in lines.fences:
            paragraphs.append([])
            idx = lines.fences[idx].end + 1
            continue
        stripped = lines.lines[idx].strip()
        if stripped:
            paragraphs[-1].append(stripped)
        else:
            paragraphs.append([])
        idx += 1
    return _join_paragraphs(paragraphs)


def _join_paragraphs(paragraphs: list[list[str]]) -> str:
    out = []
    for para in paragraphs:
        if not para:
            continue
        sep = "\n" if any(LIST_ITEM.match(p) for p in para) else " "
        out.append(sep.join(para))
    return "\n\n".join(out)
