"""Django's ASGI handler, with each request to a sync view served in one hop to a pooled thread.

Stock Django under ASGI, for a request to a sync view behind sync-only middleware (most of ours, and
whitenoise's), crosses between the event loop and a thread three times: into a thread for the sync
middleware, back to the loop for the inner handler, into a thread again for the view. And every
request gets a thread of its own (asgiref's ThreadSensitiveContext: a new one-thread executor per
request), started and joined per request, with a fresh set of database wrappers in it. On the
signed-in hello that was more than the request's own work (bench/README: the ceiling rows).

Here a request whose view is a plain function runs the same middleware, built once in sync mode, in a
single call on the event loop's thread pool, whose threads (and their database wrappers) live on; the
connection goes back to the pool before the thread is handed back, as WSGI's request_finished would.
Async views (the room's event stream) keep Django's handler as it is: the async chain and a
thread-sensitive context per request, so they never hold a pooled thread while they wait.
Everything else (reading the body, signals, sending, closing) is Django's handler unchanged.
"""

from asgiref.sync import iscoroutinefunction, sync_to_async
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.base import BaseHandler
from django.db import close_old_connections
from django.http import HttpRequest, HttpResponseBase
from django.urls import Resolver404, get_resolver

ASYNC_VIEW = "sdprep.async_view"  # set in the scope by __call__, read by get_response_async


class OneHopASGIHandler(ASGIHandler):
    def __init__(self):
        super().__init__()  # the async chain, for async views
        self.sync_handler = BaseHandler()
        self.sync_handler.load_middleware(is_async=False)
        # The sync handler's last-chance handler is the ASGI one: plain text when even the 500 page fails.
        self.sync_handler.handle_uncaught_exception = self.handle_uncaught_exception

    @staticmethod
    def is_async_view(path: str) -> bool:
        try:
            match = get_resolver().resolve(path)
        except Resolver404:
            return False  # the 404 page is rendered by sync code
        return iscoroutinefunction(match.func)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            path = scope["path"].removeprefix(scope.get("root_path", ""))
            scope = {**scope, ASYNC_VIEW: self.is_async_view(path or "/")}
            if not scope[ASYNC_VIEW]:
                return await self.handle(scope, receive, send)  # no thread of its own: see above
        return await super().__call__(scope, receive, send)

    async def get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        if request.scope.get(ASYNC_VIEW, True):
            return await super().get_response_async(request)
        return await sync_to_async(self.serve, thread_sensitive=False)(request)

    def serve(self, request: HttpRequest) -> HttpResponseBase:
        """The whole sync chain in this thread; its database connections are closed (returned to the
        pool) in it, before and after, as request_started and request_finished would in WSGI: theirs
        run in another thread, which holds none."""
        close_old_connections()
        try:
            return self.sync_handler.get_response(request)
        finally:
            close_old_connections()


def get_asgi_application() -> OneHopASGIHandler:
    """As django.core.asgi.get_asgi_application: set Django up, then build the handler."""
    import django

    django.setup(set_prefix=False)
    return OneHopASGIHandler()
