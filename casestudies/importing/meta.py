"""A case study's metadata lines (``**Slug:** x`` and friends) and what is derived when one is missing."""

from __future__ import annotations

import re

from casestudies.importing.lines import BOLD, Lines

_META = re.compile(
    rf"^ ?{BOLD}[ \t]*(slug|company|theme|categories|draft)[ \t]*(?::[ \t]*{BOLD}|{BOLD}[ \t]*:)(.*)$",
    re.IGNORECASE,
)


def read_meta(lines: Lines, start: int, end: int) -> tuple[dict[str, tuple[str, int]], int]:
    """The metadata lines right after the heading: {key: (value, 0-based line)}, and where the body starts."""
    meta: dict[str, tuple[str, int]] = {}
    idx = start + 1
    while idx < end:
        if lines.blank(idx):
            idx += 1
            continue
        if lines.in_fence[idx]:
            break
        m = _META.match(lines.lines[idx])
        if not m:
            break
        key = m.group(1).lower()
        value = m.group(2).strip()
        name = key.capitalize()
        if key == "categories":
            parts = [p.strip() for p in re.split(r"[;,]", value) if p.strip()]
            value = "; ".join(parts)
        if not value:
            raise lines.error(idx, f"metadata '{name}' has an empty value")
        if key in meta:
            raise lines.error(idx, f"metadata '{name}' given twice (first on line {meta[key][1] + 1})")
        meta[key] = (value, idx)
        idx += 1
    return meta, idx


def flag(lines: Lines, meta: tuple[str, int]) -> bool:
    value, idx = meta
    if value.lower() not in ("true", "false", "yes", "no"):
        raise lines.error(idx, f"metadata 'Draft' must be true or false, not '{value}'")
    return value.lower() in ("true", "yes")


def derive_company(title: str) -> str:
    m = re.match(r"^(\S+(?:\s+\S+){0,2}?)['\u2019]s\b", title)
    if m:
        return m.group(1).strip()
    if re.match(r"^(amazon|aws)\b", title, re.IGNORECASE):
        return "Amazon"
    return title.split()[0] if title.split() else title


def derive_theme(title: str) -> str:
    parts = re.split(r"\s+[-\u2013\u2014]\s+", title, maxsplit=1)
    if len(parts) == 2 and parts[1].strip():
        return parts[1].strip()
    return title
