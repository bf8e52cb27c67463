"""`make run`: start the database, migrate, load content, serve. Ctrl-C stops all of it.

Everything runs in this one process (uvicorn in-process), so when it exits the embedded
PostgreSQL's last handle goes with it and the server is stopped.
"""

import os
import sys
import time


def step(message: str) -> None:
    """A progress line; coloured only on a terminal, so a log file gets no escape codes."""
    arrow = "\033[1;34m==>\033[0m" if sys.stdout.isatty() else "==>"
    print(f"{arrow} {message}", file=sys.stdout, flush=True)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sdprep.settings.local")
    port = int(os.environ.get("PORT", "8000"))
    host = os.environ.get("HOST", "127.0.0.1")
    started = time.monotonic()

    if os.environ.get("DATABASE_URL"):
        step("Using the database at DATABASE_URL (nothing to start)")
    else:
        step("Starting the embedded PostgreSQL (data in .data/pg; first start initialises it)")
    import django
    from django.conf import settings
    from django.core.management import call_command, get_commands

    django.setup()

    if "Manifest" in settings.STORAGES["staticfiles"]["BACKEND"]:
        from pathlib import Path

        from sdprep.static_build import collect_static_if_stale, static_is_current

        if not static_is_current(Path(settings.STATIC_ROOT)):
            step("Collecting and compressing the static files (a minute; again only when static/ changes)")
            collect_static_if_stale(Path(settings.STATIC_ROOT), env=dict(os.environ))

    step("Applying database migrations")
    call_command("migrate", interactive=False, verbosity=1)

    if "load_content" in get_commands():
        step("Loading the shipped content (case studies, questions, rubric)")
        call_command("load_content")
    if "seed_demo" in get_commands() and os.environ.get("SEED_DEMO", "1") != "0":
        call_command("seed_demo", scale="small", only_if_empty=True)

    import uvicorn

    step(
        f"Serving sdprep at http://{host}:{port}/ (ready in {time.monotonic() - started:.1f}s; Ctrl-C stops)"
    )
    # Live rooms hold streams open; do not wait on them for ever when stopping.
    uvicorn.run(
        "sdprep.asgi:application",
        host=host,
        port=port,
        log_level="info",
        lifespan="off",
        timeout_graceful_shutdown=2,
    )
    step("Stopped the server; the embedded PostgreSQL stops with this process")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
