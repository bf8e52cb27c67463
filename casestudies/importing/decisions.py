"""Read a case study's numbered items into decisions and scaling challenges.

An item's labelled points (``- **Benefits**: …``, ``Trade-offs:`` headers, fenced ``Header:`` lists)
fill the known fields; everything else is kept, as markdown, in ``details``.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from casestudies.importing.lines import BOLD_LABEL_VALUE, Entry, Fence, NumberedItem, unbold

# Block titles whose numbered items are decisions.
DECISION_KEYWORDS = (
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
_PLAIN_LABEL_VALUE = re.compile(r"^([A-Za-z][A-Za-z /&'-]{0,40}?)[ \t]*:[ \t]+(.+)$")


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


def decision(item: NumberedItem) -> Decision:
    return _read(Decision, item, _DECISION_FIELDS, bold_unknown_to_extra=True)


def scaling_challenge(item: NumberedItem) -> ScalingChallenge:
    return _read(ScalingChallenge, item, _SCALING_FIELDS, bold_unknown_to_extra=False)


def _read(cls, item: NumberedItem, fields: dict[str, str], bold_unknown_to_extra: bool):
    points, extra, details = _fill(item.entries, fields, item.rest, bold_unknown_to_extra)
    values = {key: _join(points.get(key, [])) for key in fields.values()}
    if bold_unknown_to_extra:  # only a decision keeps its extra labelled points
        values["extra"] = extra
    return cls(title=item.title, details=details, line=item.line + 1, **values)


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


def _fill(
    entries: list[Entry], fields: dict[str, str], rest: str, bold_unknown_to_extra: bool
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


def _split_label(text: str) -> tuple[str | None, str, bool]:
    """``**Label**: value`` / ``**Label:** value`` / ``Label: value`` -> (label, value, bold)."""
    m = BOLD_LABEL_VALUE.match(text)
    if m:
        return unbold(m.group(1).rstrip(":")), m.group(2).strip(), True
    m = _PLAIN_LABEL_VALUE.match(text)
    if m:
        return m.group(1).strip(), m.group(2).strip(), False
    return None, text, False


def _fence_headers(fence: Fence) -> list[tuple[str, list[str]]] | None:
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
