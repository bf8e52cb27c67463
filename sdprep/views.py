import logging

from django.db import DatabaseError, InterfaceError, connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


@require_safe
def hello(request: HttpRequest) -> HttpResponse:
    """Does no work: `make bench` measures it as the ceiling of the stack (middleware, server, network)."""
    return HttpResponse("hello", content_type="text/plain")


@require_safe
def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    # Resolved per request: the hashed name only exists once collectstatic has run.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers `SELECT 1`, else 503: load balancers and start-up probes poll it."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except (DatabaseError, InterfaceError) as exc:  # the pool's timeout too, while PostgreSQL is down
        log.warning("healthz: the database did not answer (%s)", exc)
        return JsonResponse({"status": "unavailable", "error": "The database did not answer."}, status=503)
    return JsonResponse({"status": "ok"})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the failure may be in one of them, or in the database.
    return HttpResponse(loader.get_template("500.html").render(), status=500)
