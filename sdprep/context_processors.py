# Which navigation entry the current page belongs to, by URL name, so templates stay free of logic.
_SECTIONS = {
    "casestudies": "library",
    "interviews:reviews": "reviews",
    "interviews:bank": "practice",
    "interviews:question": "practice",
    "interviews:attempt": "practice",
    "interviews:finish": "practice",
    "interviews:result": "practice",
    "dashboard": "dashboard",
    "teams": "teams",
}


def nav_section(request) -> dict:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return {}
    section = _SECTIONS.get(match.view_name) or _SECTIONS.get(match.namespace)
    if section is None and match.namespace == "interviews":
        section = "mocks"
    return {"nav_section": section}
