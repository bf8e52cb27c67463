"""Production settings, pooled connections included, for a test server that has not run collectstatic.

Only the static-file storage differs from `sdprep.settings.production`: the manifest storage needs
`collectstatic`'s output, which a test must not write into the shared `.data/staticfiles`.
"""

from sdprep.settings.production import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
