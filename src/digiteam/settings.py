"""Settings, read from the environment with safe defaults.

DIGITEAM_DATA_DIR      where the SQLite database and the generated secret key live (./var)
DIGITEAM_DATABASE_URL  any URL dj-database-url understands; SQLite in the data dir by default
DIGITEAM_SECRET_KEY    generated and stored in the data dir on first run when unset
DIGITEAM_DEBUG         "1"/"true" to turn debug on (off by default)
DIGITEAM_ALLOWED_HOSTS comma-separated (127.0.0.1,localhost by default)
DIGITEAM_HTTPS         "1" when users reach the site over HTTPS: redirect, HSTS, Secure cookies
DIGITEAM_HSTS_SECONDS  how long browsers keep to HTTPS (a year by default; with DIGITEAM_HTTPS)
DIGITEAM_PROXY_COUNT   how many reverse proxies stand in front of the app (0 by default)
DIGITEAM_CSRF_TRUSTED_ORIGINS  comma-separated origins, when the proxy changes the Host header
DIGITEAM_LOG_LEVEL     WARNING by default
"""

from __future__ import annotations

import datetime
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _number(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}")
    return int(value)


def _secret_key(data_dir: Path) -> str:
    given = os.environ.get("DIGITEAM_SECRET_KEY")
    if given:
        return given
    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


DATA_DIR = Path(os.environ.get("DIGITEAM_DATA_DIR", "var")).resolve()
DEBUG = _flag("DIGITEAM_DEBUG")
SECRET_KEY = _secret_key(DATA_DIR)
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("DIGITEAM_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
    if h.strip()
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DIGITEAM_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'digiteam.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # its Swagger UI files, served from this site (the API docs page, /api/v1/docs)
    "axes",
    "digiteam.core",
    "digiteam.taxonomy",
    "digiteam.compositions",
    "digiteam.organisation",
    "digiteam.accounts",
    "digiteam.audit",
    "digiteam.web",
    "digiteam.cli",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "digiteam.core.security.SecurityHeadersMiddleware",  # CSP, Permissions-Policy
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sign-in is enforced (docs/security.md): public views are marked login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "digiteam.audit.middleware.AuditMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into its page
]

ROOT_URLCONF = "digiteam.urls"
WSGI_APPLICATION = "digiteam.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out credentials
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [  # new and changed passwords use the first; older hashes are upgraded at login
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("ar", _("Arabic"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# Several app processes (workers, hosts) must see the same state, so none is kept in a process's
# memory: sessions, sign-in attempts (axes) and the cache live in the database. The cache table
# is created by `digiteam migrate` (digiteam/cli/migrations); docs/deploy.md.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "digiteam_cache",
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"  # Django's default, stated on purpose
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"

# Sign-in lockout (docs/decisions/0003-accounts.md): 5 failures of one username from one address
# lock that pair out for 15 minutes; a success resets the count. Attempts are kept in the database,
# so every app process sees them.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# The address of a sign-in attempt: REMOTE_ADDR, or behind DIGITEAM_PROXY_COUNT proxies the
# address the outermost one saw (digiteam/core/security.py); a client's own X-Forwarded-For is
# never believed.
AXES_CLIENT_IP_CALLABLE = "digiteam.core.security.client_address"
# axes masks these (and the password) in the log and in the form data it stores with an attempt;
# who tried is kept in the attempt's own columns, which the admin shows.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken"]

# Headers (docs/security.md). The Content-Security-Policy allows nothing inline and nothing
# from another origin: scripts and styles are files of this site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# HTTPS (docs/deploy.md). Behind a reverse proxy that ends TLS, the proxy says the scheme in
# X-Forwarded-Proto and appends the client's address to X-Forwarded-For.
HTTPS = _flag("DIGITEAM_HTTPS")
DIGITEAM_PROXY_COUNT = _number("DIGITEAM_PROXY_COUNT", 0)
if DIGITEAM_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DIGITEAM_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # probes may call over plain HTTP
    SECURE_HSTS_SECONDS = _number("DIGITEAM_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("DIGITEAM_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
# Asking browsers to preload HSTS is for the owner of the whole domain to decide, not this app.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DIGITEAM_LOG_LEVEL", "WARNING")},
}
WHITENOISE_MANIFEST_STRICT = False
