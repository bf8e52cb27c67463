"""The whiteboard's scene: Excalidraw elements checked on the way in and merged per element.

A scene is a dict of element id → element. Two copies of a scene converge whatever the order in which
changes arrive, because every copy (each browser and the server) keeps, per element, the copy with the
higher `version`, and on a tie the one with the lower `versionNonce` (Excalidraw's own rule, so the
browsers' reconciliation and ours agree).
"""

import math

from sdprep.errors import DomainError

ELEMENT_TYPES = {"rectangle", "diamond", "ellipse", "arrow", "line", "freedraw", "text", "frame"}
MAX_ELEMENTS = 5_000
MAX_ID_LENGTH = 64
MAX_DEPTH = 32
SAFE_LINK_PREFIXES = ("https://", "http://", "/")


class BoardRefused(DomainError):
    status = 422


def _storable(value, depth: int = 0) -> bool:
    """Whether PostgreSQL's jsonb takes the value: no NUL or lone surrogate in a text, no NaN or infinity."""
    if depth > MAX_DEPTH:
        return False
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return "\x00" not in value
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_storable(k, depth + 1) and _storable(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return all(_storable(item, depth + 1) for item in value)
    return True


def _element(raw) -> dict:
    if not isinstance(raw, dict):
        raise BoardRefused("A board change must be a list of elements.")
    element_id, version, nonce = raw.get("id"), raw.get("version"), raw.get("versionNonce")
    if not isinstance(element_id, str) or not 0 < len(element_id) <= MAX_ID_LENGTH or "\x00" in element_id:
        raise BoardRefused("A board element arrived without a valid id.")
    for value in (version, nonce):
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**53:
            raise BoardRefused("A board element arrived without a valid version.")
    if raw.get("type") not in ELEMENT_TYPES:
        raise BoardRefused(f"Shapes of type '{str(raw.get('type'))[:20]}' cannot be drawn on this board.")
    if not _storable(raw):
        raise BoardRefused("A board element arrived with characters or numbers that cannot be saved.")
    element = dict(raw)
    link = element.get("link")
    if link is not None and not (isinstance(link, str) and link.lower().startswith(SAFE_LINK_PREFIXES)):
        element["link"] = None  # a javascript: or data: link never reaches the other browser
    return element


def elements_cleaned(raw) -> list[dict]:
    if not isinstance(raw, list):
        raise BoardRefused("A board change must be a list of elements.")
    if len(raw) > MAX_ELEMENTS:
        raise BoardRefused(f"A board holds at most {MAX_ELEMENTS:,} elements.")
    return [_element(item) for item in raw]


def wins(incoming: dict, current: dict | None) -> bool:
    """Whether `incoming` replaces `current` (Excalidraw's rule: higher version, then lower nonce)."""
    if current is None:
        return True
    if incoming["version"] != current["version"]:
        return incoming["version"] > current["version"]
    return incoming["versionNonce"] < current["versionNonce"]


def scene_merged(scene: dict, elements: list[dict]) -> tuple[dict, list[dict]]:
    """The scene with `elements` merged in, and the elements that changed it (what others must get)."""
    merged, accepted = dict(scene), []
    for element in elements:
        if wins(element, merged.get(element["id"])):
            merged[element["id"]] = element
            accepted.append(element)
    if len(merged) > MAX_ELEMENTS:
        raise BoardRefused(f"A board holds at most {MAX_ELEMENTS:,} elements.")
    return merged, accepted


def scene_as_list(scene: dict) -> list[dict]:
    """Elements in drawing order (Excalidraw's fractional `index`, then id, for a stable result)."""
    return sorted(scene.values(), key=lambda e: (str(e.get("index") or ""), e["id"]))
