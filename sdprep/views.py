import logging

import psycopg
from django.conf import settings
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
        _select_one()
    except (DatabaseError, InterfaceError, psycopg.Error) as exc:  # psycopg_pool's PoolTimeout is one too
        log.warning("healthz: the database did not answer (%s)", exc)
        return JsonResponse({"status": "unavailable", "error": "The database did not answer."}, status=503)
    return JsonResponse({"status": "ok"})


def _select_one() -> None:
    """With a pool, wait HEALTHZ_DB_TIMEOUT for a connection rather than the pool's own timeout
    (DB_POOL_TIMEOUT, made for requests): a probe should hear "down" in seconds."""
    pool = connection.pool
    if pool is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return
    pool.open()
    with pool.connection(timeout=settings.HEALTHZ_DB_TIMEOUT) as conn:
        conn.execute("SELECT 1")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the failure may be in one of them, or in the database.
    return HttpResponse(loader.get_template("500.html").render(), status=500)
