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
# The tag written in front of a hint or follow-up, and the interview phase (casestudies.phases) it names.
PHASE_TAGS = {
    "requirements": "requirements",
    "estimates": "estimates",
    "high-level": "design",
    "deep-dive": "deep_dive",
    "wrap-up": "wrap_up",
}
_TAGGED = re.compile(r"^\[(?P<tag>[a-z-]+)\]\s+(?P<text>.+)$")
_CURVEBALL = re.compile(r"^curveball (\d+)$")
_ANSWER = re.compile(r"^(?P<level>L\d+):\s*(?P<text>.+)$")
_EXAMPLE = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*):\s+(?P<text>.+)$")


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
    hint_phases: list[str] = field(default_factory=list)
    follow_up_phases: list[str] = field(default_factory=list)
    # [{"text": ..., "answers": {"L6": ..., "L7": ...}}]: requirement changes thrown mid-interview.
    curveballs: list[dict] = field(default_factory=list)
    # Rubric dimension slugs it exercises; empty means "derived from its kind".
    dimensions: list[str] = field(default_factory=list)


@dataclass
class ParsedDimension:
    slug: str
    name: str
    description: str
    levels: list[str]
    anchors: dict[str, list[str]]
    question_kinds: list[str]
    line: int
    # Per level, one example per score: (question slug, what the candidate said or drew).
    examples: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


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


def _phased(field: tuple, slug: str, path: str) -> tuple[list[str], list[str]]:
    """Items with an optional `[phase]` tag in front: (texts, phases), '' where untagged."""
    texts, phases = [], []
    for item in field[1]:
        tagged = _TAGGED.match(item)
        if tagged and tagged["tag"] not in PHASE_TAGS:
            raise ImportProblem(
                f"{slug}: unknown phase tag [{tagged['tag']}] on {tagged['text'][:40]!r}; use one of "
                + ", ".join(f"[{tag}]" for tag in PHASE_TAGS),
                path=path,
                line=field[2],
            )
        texts.append(tagged["text"] if tagged else item)
        phases.append(PHASE_TAGS[tagged["tag"]] if tagged else "")
    return texts, phases


def _curveballs(fields: dict, slug: str, path: str) -> list[dict]:
    numbered = sorted((int(m[1]), key) for key in fields if (m := _CURVEBALL.match(key)))
    if [n for n, _key in numbered] != list(range(1, len(numbered) + 1)):
        raise ImportProblem(
            f"{slug}: curveballs must be numbered 1, 2, 3", path=path, line=fields[numbered[0][1]][2]
        )
    if len(numbered) > 3:
        raise ImportProblem(f"{slug}: at most three curveballs", path=path, line=fields[numbered[3][1]][2])
    curveballs = []
    for _n, key in numbered:
        text, items, line = fields[key]
        answers = {}
        for item in items:
            answer = _ANSWER.match(item)
            if not answer:
                raise ImportProblem(
                    f"{slug}: a curveball's answers start with a level, like '- L6: ...'",
                    path=path,
                    line=line,
                )
            answers[answer["level"]] = answer["text"]
        if not text or set(answers) != {"L6", "L7"}:
            raise ImportProblem(
                f"{slug}: '{key.capitalize()}' needs its change and one '- L6:' and one '- L7:' answer",
                path=path,
                line=line,
            )
        curveballs.append({"text": text, "answers": answers})
    return curveballs


def _slugs(field: tuple) -> list[str]:
    return [v.strip() for v in field[0].split(",") if v.strip()]


def _examples(fields: dict, levels: list[str], slug: str, path: str) -> dict[str, list[tuple[str, str]]]:
    """Calibration examples are optional per level; given, there are four (scores 1 to 4), each
    naming the question it comes from."""
    result = {}
    for level in levels:
        key = f"examples {level}".lower()
        if key not in fields:
            continue
        _value, items, line = fields[key]
        parsed = [_EXAMPLE.match(item) for item in items]
        if len(items) != 4 or not all(parsed):
            raise ImportProblem(
                f"{slug}: 'Examples {level}' needs four items, each 'question-slug: what they said or drew'",
                path=path,
                line=line,
            )
        result[level] = [(m["slug"], m["text"]) for m in parsed]
    return result


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
            hints, hint_phases = _phased(fields.get("hints", ("", [], line)), slug, path)
            follow_ups, follow_up_phases = _phased(fields.get("follow-ups", ("", [], line)), slug, path)
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
                    hint_phases=hint_phases,
                    follow_up_phases=follow_up_phases,
                    curveballs=_curveballs(fields, slug, path),
                    dimensions=_slugs(fields.get("dimensions", ("", [], line))),
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
                    examples=_examples(fields, levels, slug, path),
                )
            )
    if not bank.questions and not bank.dimensions:
        raise ImportProblem("no '## Question:' or '## Dimension:' block found", path=path, line=1)
    return bank
