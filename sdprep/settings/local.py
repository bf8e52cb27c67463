"""`make run` and any `manage.py` command a developer types.

It serves like production where a user would notice: DEBUG off (our own 404 and 500 pages), static files
from collectstatic's manifest, compressed, with a year's lifetime on their hashed names (sdprep/run.py
collects them when static/ changed). `DEBUG=1 make run` brings back the development conveniences:
Django's error pages and static files served straight from static/ as they change.
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=False)
if not DEBUG:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
