"""Helpers of the `make loadtest` scenario (bench/loadtest_locustfile.py): the log of the writes the server
acknowledged (in LOADTEST_LOG_DIR, read back by bench/loadtest_checks.py), reading a form's version, and
the exception that makes a user start its flow again.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

LOG_DIR = Path(os.environ["LOADTEST_LOG_DIR"])


class Abandon(Exception):
    """An unexpected answer (already counted as a failure): the user starts its flow again."""


class AckLog:
    """This process's acknowledged writes, appended a line at a time."""

    file = None

    @classmethod
    def write(cls, **record) -> None:
        if cls.file is None:
            cls.file = open(LOG_DIR / f"acks-{os.getpid()}.jsonl", "a", buffering=1)  # noqa: SIM115
        cls.file.write(json.dumps(record) + "\n")


def form_version(html: str, action: str = "") -> int:
    """The version field of the form posting to `action` (the page's first one without `action`)."""
    anchor = f'action="{re.escape(action)}".*?' if action else ""
    match = re.search(rf'{anchor}name="version" value="(\d+)"', html, re.S)
    if match is None:
        raise Abandon(f"no version in the form for {action or 'the page'}")
    return int(match.group(1))
