from django.http import HttpRequest


def wants_json(request: HttpRequest) -> bool:
    """room.js and autosave.js ask for JSON; a plain form post (Accept: text/html, */*) does not."""
    return bool(request.htmx) or "application/json" in request.headers.get("Accept", "")


def base_url(request: HttpRequest) -> str:
    """Where links in emails and calendar files point."""
    return f"{request.scheme}://{request.get_host()}"
