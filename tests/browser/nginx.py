"""Debian's nginx on loopback in front of the test's app processes, configured from deploy/nginx.conf.template
(the file docker-compose.yml uses), running as this user: pid, logs and temp files in a temporary folder."""

import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

from django.conf import settings

TEMPLATE = Path(settings.BASE_DIR) / "deploy" / "nginx.conf.template"
NAME = re.compile(r"\$\{(SDPREP_[A-Z_]+)\}")
LOG_LINE = re.compile(r'"(?P<request>[^"]*)" (?P<status>\d{3}) .* us="(?P<upstream_status>[^"]*)"')


def nginx_path() -> str | None:
    # Debian puts it in /usr/sbin, which a non-root PATH may lack.
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")


def template_names() -> set[str]:
    return set(NAME.findall(TEMPLATE.read_text()))


def render(values: dict[str, str], upstreams: list[str]) -> str:
    """What envsubst makes of the template, with the ${SDPREP_UPSTREAM} line repeated per address."""
    lines = []
    for line in TEMPLATE.read_text().splitlines(keepends=True):
        if "${SDPREP_UPSTREAM}" in line:
            lines += [line.replace("${SDPREP_UPSTREAM}", address) for address in upstreams]
        else:
            lines.append(line)
    return NAME.sub(lambda m: values[m.group(1)], "".join(lines))


class Nginx:
    def __init__(self, run_dir: Path, port: int, upstreams: list[str]):
        self.run_dir = run_dir
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.access_log = run_dir / "access.log"
        self.error_log = run_dir / "error.log"
        self.config = run_dir / "nginx.conf"
        values = {
            "SDPREP_LISTEN": f"127.0.0.1:{port}",
            "SDPREP_RUN_DIR": str(run_dir),
            "SDPREP_ACCESS_LOG": str(self.access_log),
            "SDPREP_ERROR_LOG": str(self.error_log),
            "SDPREP_STATIC_ROOT": str(Path(settings.BASE_DIR) / "static"),
        }
        self.config.write_text(render(values, upstreams))
        self.process = None

    def start(self) -> None:
        command = [nginx_path(), "-c", str(self.config), "-p", str(self.run_dir), "-e", str(self.error_log)]
        check = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
        if check.returncode:
            raise RuntimeError(f"nginx refused the rendered template:\n{check.stderr}")
        self.process = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=1)  # noqa: S310
                return
            except (urllib.error.URLError, OSError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"nginx did not start: {self.error_log.read_text()}") from None
                time.sleep(0.1)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def log(self) -> list[dict]:
        """The access log: one dict per request (request line, status, the upstream statuses tried)."""
        return [m.groupdict() for m in map(LOG_LINE.search, self.access_log.read_text().splitlines()) if m]


def server_errors(entries: list[dict]) -> list[dict]:
    return [e for e in entries if e["status"].startswith("5")]


def retried(entries: list[dict]) -> Counter:
    """Requests that another process answered after the first failed, by request line."""
    return Counter(e["request"] for e in entries if "," in e["upstream_status"])
