"""Local development: `make run` and any `manage.py` command a developer types."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
