import os
import subprocess
import sys

from django.conf import settings

from tests.browser.conftest import database_url

REQUIRED = {
    "DJANGO_SETTINGS_MODULE": "sdprep.settings.production",
    "SECRET_KEY": "a-real-looking-secret-key-with-enough-entropy-1234567890-abcdefghijkl",
    "ALLOWED_HOSTS": "sdprep.example.com",
}


def manage(*args, **env):
    unset = {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_passes_with_the_required_environment(db):
    result = manage("check", "--deploy", "--fail-level", "WARNING", **REQUIRED, DATABASE_URL=database_url())
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_its_secrets(db):
    for missing in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"):
        env = {**REQUIRED, "DATABASE_URL": database_url()}
        del env[missing]
        result = manage("check", **env)
        assert result.returncode != 0
        assert missing in result.stderr, (missing, result.stderr[-500:])


def test_production_cookies_and_headers():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SECURE_HSTS_SECONDS > 0, s.DEBUG, 'pool' in s.DATABASES['default']['OPTIONS'])"
    )
    result = manage("shell", "-c", code, **REQUIRED, DATABASE_URL=database_url())
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-7:] == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "True",
        "False",
        "True",
    ]
