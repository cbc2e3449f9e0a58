"""Spojka settings: one file, every value read from the environment with a documented default.

The README lists every variable. Defaults are safe for the demo (`make run`) and the tests;
a production deployment sets DJANGO_SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS at least.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from spojka.lib.env import ConfigError, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

# DEBUG is off unless asked for. DEMO marks a local demo instance (make run): it may use the
# built-in development secret key, but is otherwise configured like production.
DEBUG = env_bool("DEBUG", False)
DEMO = env_bool("SPOJKA_DEMO", False)
# Under pytest the suite configures itself; nothing else should rely on this flag.
TESTING = env_bool("SPOJKA_TESTING", False) or "pytest" in sys.modules

_DEV_SECRET = "spojka-dev-only-secret-key-not-for-production-use-0123456789"
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or DEMO or TESTING):
        raise ConfigError(
            "DJANGO_SECRET_KEY is required unless DEBUG=1 or SPOJKA_DEMO=1 (the demo set by make run)."
        )
    SECRET_KEY = _DEV_SECRET
# A production instance is one that is neither a demo, nor in debug mode, nor under test: there the
# HTTPS settings below default to on.
PRODUCTION = not (DEBUG or DEMO or TESTING)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "spojka.core.admin_site.SpojkaAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "auditlog",
    "axes",
    "post_office",
    "spojka.core",
    "spojka.accounts",
    "spojka.cooperation",
    "spojka.trash",
    "spojka.partnership",
    "spojka.meetings",
    "spojka.training",
    "spojka.plans",
    "spojka.documents",
    "spojka.compliance",
    "spojka.reports",
    "spojka.agency",
    "spojka.importer",
    "spojka.access",
    # Last, as django-cleanup asks: a replaced or deleted file is removed from storage once the
    # transaction that replaced or deleted it commits.
    "django_cleanup.apps.CleanupConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "spojka.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "spojka.core.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "spojka.urls"
WSGI_APPLICATION = "spojka.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "spojka" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "spojka.core.context_processors.navigation",
            ],
        },
    }
]

# The embedded default is SQLite so that `make run` needs nothing else; production and the
# second test run use PostgreSQL through DATABASE_URL.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'spojka.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers wait their turn instead of failing with "database is locked": a transaction
    # takes the write lock when it begins (IMMEDIATE, so a reader never has to upgrade mid-way, which
    # SQLite refuses at once), a busy lock is waited for up to SQLITE_BUSY_TIMEOUT seconds, and in WAL
    # mode readers never block the writer. Tested by spojka/lib/tests/test_sqlite_writers.py.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
            # WAL itself is switched on by spojka.lib.sqlite.use_wal (core's AppConfig.ready), which
            # retries the switch when several workers open a new file at once.
            "init_command": "PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked-out account or address before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Hashing is deliberately slow; the tests log in hundreds of times.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "spojka.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Czech first, English second. Translation catalogues live in locale/.
LANGUAGE_CODE = "cs"
LANGUAGES = [("cs", _("čeština")), ("en", _("angličtina"))]
# The one translation catalogue of every app (`make messages`); apps keep no locale/ of their own.
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["spojka.formats"]
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
TIME_ZONE = "Europe/Prague"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
# Front-end packages come from npm (package-lock.json) and are served by the app: no CDN.
STATICFILES_DIRS = [
    ("vendor/gov", BASE_DIR / "node_modules" / "@gov-design-system-ce" / "styles" / "lib" / "html"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "spojka.trash.storage.TrashKeepingStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not (DEBUG or TESTING)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"
# Uploaded files are checked by content and size before they are stored.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
# An Office file (DOCX, XLSX, PPTX) is a zip; what it inflates to is limited too (zip bombs).
UPLOAD_MAX_UNPACKED_BYTES = env_int("UPLOAD_MAX_UNPACKED_BYTES", 5 * UPLOAD_MAX_BYTES)

# Mail never leaves from a request: Django's send_mail/EmailMessage queue it in the outbox
# (django-post-office) and `manage.py send_outbox` (cron or `--loop`) delivers it through the real
# transport, with retries and backoff (spojka/lib/mail.py).
EMAIL_BACKEND = "post_office.EmailBackend"
EMAIL_TRANSPORTS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",  # the demo: files in var/mail
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",  # the tests: django.core.mail.outbox
}
EMAIL_TRANSPORT = env_str("EMAIL_TRANSPORT", "locmem" if TESTING else "file" if DEMO else "smtp")
if EMAIL_TRANSPORT not in EMAIL_TRANSPORTS:
    raise ConfigError(
        f"EMAIL_TRANSPORT must be one of {', '.join(EMAIL_TRANSPORTS)}, not {EMAIL_TRANSPORT!r}."
    )
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds an SMTP connection may block the outbox worker (never a request).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
POST_OFFICE = {
    "BACKENDS": {"default": EMAIL_TRANSPORTS[EMAIL_TRANSPORT]},
    "DEFAULT_PRIORITY": "medium",  # queued, never sent in the request
    "LOG_LEVEL": 2,  # every attempt is logged, so the agency outbox shows why a message failed
    "MESSAGE_ID_ENABLED": True,
}
# Delivery attempts of one message before it is marked failed; the n-th retry waits
# OUTBOX_RETRY_SECONDS × 2^(n-1).
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 5)
OUTBOX_RETRY_SECONDS = env_int("OUTBOX_RETRY_SECONDS", 60)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Spojka <spojka@localhost>")

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
# The load balancer asks over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A session ends after SESSION_IDLE_MINUTES without a request (core/middleware.py), and in any
# case SESSION_MAX_HOURS after the login.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_MINUTES", 60) * 60
SESSION_COOKIE_AGE = env_int("SESSION_MAX_HOURS", 12) * 3600

# Brute-force protection for the app's login and /admin/login/ (django-axes): after
# LOGIN_FAILURE_LIMIT wrong passwords an account, and separately an address, is locked out for
# LOGIN_LOCKOUT_MINUTES. Every attempt is recorded (admin: Axes).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "spojka.accounts.lockout.lockout_response"
AXES_USERNAME_CALLABLE = "spojka.accounts.lockout.client_username"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False
# Behind reverse proxies the client's address is read from X-Forwarded-For as the nearest
# TRUSTED_PROXY_COUNT proxies wrote it, never from a value the client sent itself (lib/client_ip.py).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_TLS_PROXY else 0)
AXES_CLIENT_IP_CALLABLE = "spojka.lib.client_ip.client_ip"

# Season deadlines ("Podzim 2021") fall due at the end of the meteorological season.
# Month/day of the due date; winter ends in February of the following year.
SEASON_DUE_DATES = {"spring": (5, 31), "summer": (8, 31), "autumn": (11, 30), "winter": (2, None)}

AUDITLOG_DISABLE_REMOTE_ADDR = True
# Rows loaded by `loaddata` (a restore from a JSON backup) are history already, not new changes.
AUDITLOG_DISABLE_ON_RAW_SAVE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every layout step and a font-subsetting notice per font and document.
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}
