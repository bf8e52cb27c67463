"""Parse the question bank and rubric files (`## Question: slug` / `## Dimension: slug` blocks)."""

import re
from dataclasses import dataclass, field

from casestudies.importing.errors import ImportProblem

_BLOCK = re.compile(r"^##\s+(Question|Dimension):\s*(\S*)\s*$")
_LABEL = re.compile(r"^\*\*(?P<label>[^*]+?):\*\*\s*(?P<value>.*)$")
_ITEM = re.compile(r"^\s*(?:\d+[.)]|[-*+])\s+(?P<text>.+)$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LEVEL = re.compile(r"^L\d+$")
KINDS = {"architecture", "scaling", "estimation", "leadership", "strategy", "evolution"}


@dataclass
class ParsedQuestion:
    slug: str
    prompt: str
    levels: list[str]
    category: str
    kind: str
    case_studies: list[str]
    hints: list[str]
    follow_ups: list[str]
    checklists: dict[str, list[str]]
    line: int


@dataclass
class ParsedDimension:
    slug: str
    name: str
    description: str
    levels: list[str]
    anchors: dict[str, list[str]]
    question_kinds: list[str]
    line: int


@dataclass
class ParsedBank:
    questions: list[ParsedQuestion] = field(default_factory=list)
    dimensions: list[ParsedDimension] = field(default_factory=list)


def _blocks(text: str, path: str):
    """Yield (kind, slug, heading line, {label: (value, [items], line)}) per block."""
    current = None
    label = None
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line = raw.rstrip()
        heading = _BLOCK.match(line)
        if heading:
            if current:
                yield current
            kind, slug = heading.groups()
            if not _SLUG.match(slug):
                raise ImportProblem(
                    f"{kind.lower()} needs a lowercase slug id, got '{slug}'", path=path, line=number
                )
            current, label = (kind, slug, number, {}), None
            continue
        if current is None or not line.strip():
            continue
        labelled = _LABEL.match(line.strip())
        if labelled:
            label = labelled["label"].strip().lower()
            if label in current[3]:
                raise ImportProblem(
                    f"'{labelled['label']}' given twice in {current[1]}", path=path, line=number
                )
            current[3][label] = (labelled["value"].strip(), [], number)
            continue
        item = _ITEM.match(line)
        if item and label:
            current[3][label][1].append(item["text"].strip())
            continue
        raise ImportProblem(f"unexpected line in {current[1]}: {line.strip()[:60]!r}", path=path, line=number)
    if current:
        yield current


def _required(fields: dict, name: str, slug: str, path: str, line: int) -> str:
    if name not in fields or not fields[name][0]:
        raise ImportProblem(f"{slug}: missing '**{name.capitalize()}:**'", path=path, line=line)
    return fields[name][0]


def _levels(value: str, slug: str, path: str, line: int) -> list[str]:
    levels = [v.strip() for v in value.split(",") if v.strip()]
    bad = [v for v in levels if not _LEVEL.match(v)]
    if bad or not levels:
        raise ImportProblem(f"{slug}: levels must look like 'L6, L7', got {value!r}", path=path, line=line)
    return levels


def _per_level(fields: dict, prefix: str, levels: list[str], slug: str, path: str, line: int, minimum: int):
    result = {}
    for level in levels:
        key = f"{prefix} {level}".lower()
        _value, items, at = fields.get(key, ("", [], line))
        if len(items) < minimum:
            raise ImportProblem(f"{slug}: '{prefix} {level}' needs {minimum}+ items", path=path, line=at)
        result[level] = items
    return result


def _kinds(field: tuple, slug: str, path: str) -> list[str]:
    value, _items, line = field
    kinds = [k.strip().lower() for k in value.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ImportProblem(f"{slug}: unknown question kinds {unknown}", path=path, line=line)
    return kinds


def parse_bank(text: str, path: str = "<string>") -> ParsedBank:
    """Parse one question-bank or rubric file."""
    bank = ParsedBank()
    seen: dict[str, int] = {}
    for kind, slug, line, fields in _blocks(text, path):
        if slug in seen:
            raise ImportProblem(f"duplicate id '{slug}' (first on line {seen[slug]})", path=path, line=line)
        seen[slug] = line
        levels = _levels(_required(fields, "levels", slug, path, line), slug, path, line)
        if kind == "Question":
            question_kind = _required(fields, "kind", slug, path, line).lower()
            if question_kind not in KINDS:
                raise ImportProblem(
                    f"{slug}: kind must be one of {sorted(KINDS)}", path=path, line=fields["kind"][2]
                )
            studies = fields.get("case studies", ("", [], line))[0]
            hints, follow_ups = (
                fields.get("hints", ("", [], line))[1],
                fields.get("follow-ups", ("", [], line))[1],
            )
            if len(hints) < 2 or len(follow_ups) < 2:
                raise ImportProblem(
                    f"{slug}: needs at least two hints and two follow-ups", path=path, line=line
                )
            bank.questions.append(
                ParsedQuestion(
                    slug=slug,
                    prompt=_required(fields, "prompt", slug, path, line),
                    levels=levels,
                    category=_required(fields, "category", slug, path, line),
                    kind=question_kind,
                    case_studies=[s.strip() for s in studies.split(",") if s.strip() and s.strip() != "-"],
                    hints=hints,
                    follow_ups=follow_ups,
                    checklists=_per_level(fields, "Checklist", levels, slug, path, line, 1),
                    line=line,
                )
            )
        else:
            anchors = _per_level(fields, "Anchors", levels, slug, path, line, 4)
            if any(len(a) != 4 for a in anchors.values()):
                raise ImportProblem(
                    f"{slug}: each level needs exactly four anchors (scores 1 to 4)", path=path, line=line
                )
            bank.dimensions.append(
                ParsedDimension(
                    slug=slug,
                    name=_required(fields, "name", slug, path, line),
                    description=fields.get("description", ("", [], line))[0],
                    levels=levels,
                    anchors=anchors,
                    question_kinds=_kinds(fields.get("question kinds", ("", [], line)), slug, path),
                    line=line,
                )
            )
    if not bank.questions and not bank.dimensions:
        raise ImportProblem("no '## Question:' or '## Dimension:' block found", path=path, line=1)
    return bank
