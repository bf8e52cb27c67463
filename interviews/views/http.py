from django.http import HttpRequest, JsonResponse


def wants_json(request: HttpRequest) -> bool:
    """room.js and autosave.js ask for JSON; a plain form post (Accept: text/html, */*) does not."""
    return bool(request.htmx) or "application/json" in request.headers.get("Accept", "")


def base_url(request: HttpRequest) -> str:
    """Where links in emails and calendar files point."""
    return f"{request.scheme}://{request.get_host()}"


def posted_version(request: HttpRequest) -> int | None:
    """The version an autosave form started from, or None when it arrived without one."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def no_version() -> JsonResponse:
    return JsonResponse(
        {"error": "Not saved — the form arrived without its version; reload the page."}, status=422
    )
