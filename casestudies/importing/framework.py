"""Parse the interview framework: the category table, guidance and common questions per level, and
the key takeaways.

It shares a document with case studies and reads only the lines no case study claimed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from casestudies.importing.lines import Lines, clean_heading, unbold

_GUIDANCE = re.compile(r"^for\s+(L\d+)\s+interviews?$", re.IGNORECASE)
_QUESTIONS = re.compile(r"^(L\d+)\s+(?:level\s+)?(?:interview\s+)?questions$", re.IGNORECASE)


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


def parse_framework(lines: Lines, claimed: Sequence[bool]) -> Framework | None:
    """The framework in the lines not ``claimed`` by a case study, or None when there is none."""
    categories = _category_table(lines)
    guidance: dict[str, list[GuidanceItem]] = {}
    questions: dict[str, list[str]] = {}
    takeaways: list[GuidanceItem] = []
    found = bool(categories)
    for idx in range(lines.n):
        if claimed[idx] or lines.in_fence[idx]:
            continue
        head = lines.heading(idx)
        title = clean_heading(head[1]).rstrip(":").strip() if head else lines.label(idx)
        if not title:
            continue
        end = _block_end(lines, claimed, idx + 1)
        if m := _GUIDANCE.match(title):
            found = True
            guidance.setdefault(m.group(1).upper(), []).extend(_guidance_items(lines, idx + 1, end))
        elif m := _QUESTIONS.match(title):
            found = True
            items = lines.list_items(idx + 1, end)
            questions.setdefault(m.group(1).upper(), []).extend(_strip_quotes(q) for q in items)
        elif head and "key takeaways" in title.lower():
            found = True
            takeaways.extend(_guidance_items(lines, idx + 1, end))
    if not found:
        return None
    return Framework(categories=categories, guidance=guidance, questions=questions, takeaways=takeaways)


def _block_end(lines: Lines, claimed: Sequence[bool], a: int) -> int:
    for idx in range(a, lines.n):
        if claimed[idx]:
            return idx
        if lines.in_fence[idx]:
            continue
        if lines.heading(idx) or lines.label(idx) or lines.is_rule(idx):
            return idx
    return lines.n


def _guidance_items(lines: Lines, a: int, b: int) -> list[GuidanceItem]:
    out = []
    for item in lines.numbered_items(a, b):
        points = [item.rest] if item.rest else []
        for entry in item.entries:
            if entry.kind == "bullet":
                points.append("\n".join([entry.text, *(f"  - {c}" for c in entry.children)]))
            elif entry.kind == "text":
                points.append(entry.text)
        out.append(GuidanceItem(title=item.title, points=points))
    return out


def _category_table(lines: Lines) -> list[tuple[str, str, str]]:
    """Rows of the markdown table whose first header cell is "Category": (name, L6 focus, L7 focus)."""
    rows: list[tuple[str, str, str]] = []
    text = lines.lines
    idx = 0
    while idx < lines.n:
        if lines.in_fence[idx] or not text[idx].lstrip().startswith("|"):
            idx += 1
            continue
        header = _cells(text[idx])
        if not header or header[0].lower() not in ("category", "categories"):
            idx += 1
            continue
        idx += 1
        if idx < lines.n and re.match(r"^\s*\|?[\s:|-]+$", text[idx]) and "-" in text[idx]:
            idx += 1
        while idx < lines.n and not lines.in_fence[idx] and text[idx].lstrip().startswith("|"):
            cells = [*_cells(text[idx]), "", ""]
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
    return [unbold(cell) for cell in re.split(r"(?<!\\)\|", text)]


def _strip_quotes(text: str) -> str:
    text = text.strip()
    pairs = (('"', '"'), ("\u201c", "\u201d"), ("'", "'"), ("\u2018", "\u2019"))
    for left, right in pairs:
        if len(text) >= 2 and text.startswith(left) and text.endswith(right):
            return text[1:-1].strip()
    return text
