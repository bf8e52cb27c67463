"""The bare Django project `make bench` measures as the framework's ceiling: one view, no middleware,
no database, no installed apps, DEBUG off. Served by the same server command and worker count as sdprep."""

SECRET_KEY = "bench-bare-only-0123456789abcdefghijklmnopqrstuvwxyz-not-a-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.bare.urls"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
TEMPLATES: list = []
USE_TZ = True
