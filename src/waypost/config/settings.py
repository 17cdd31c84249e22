"""Waypost settings, read from the environment (every variable is listed in .env.example).

A bad value stops the process at start-up with ImproperlyConfigured naming the variable.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from waypost.config.data_folder import data_folder, ensure_key_file, ensure_secret_key_file
from waypost.config.environment import (
    env_base_url,
    env_bool,
    env_choice,
    env_fernet_keys,
    env_int,
    env_list,
    env_secret,
    env_served_languages,
    env_served_regions,
    env_str,
    env_subset,
    env_token,
    env_url,
)
from waypost.conversations.rules import parse_opening_hours
from waypost.core.static_cache import cache_hashed_files_for_a_year
from waypost.instruments.registry import list_questionnaire_ids

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_folder()

DEBUG = env_bool("WAYPOST_DEBUG", False)
SECRET_KEY = env_secret("WAYPOST_SECRET_KEY") or ensure_secret_key_file(DATA_DIR).read_text().strip()
ALLOWED_HOSTS = env_list("WAYPOST_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

# Personal data at rest: Fernet keys (first encrypts, all decrypt) and the key for keyed hashes
ENCRYPTION_KEYS = env_fernet_keys("WAYPOST_ENCRYPTION_KEYS") or ensure_key_file(DATA_DIR, "encryption_keys")
BLIND_INDEX_KEY = env_secret("WAYPOST_BLIND_INDEX_KEY") or ensure_key_file(DATA_DIR, "blind_index_key")[0]

# The service as the public sees it
SITE_NAME = env_str("WAYPOST_SITE_NAME", "Waypost")
OPERATOR_NAME = env_str("WAYPOST_OPERATOR_NAME", "the organisation that runs this website")
WAYPOST_REGION = env_choice("WAYPOST_REGION", "uk", ("uk", "us"))
# With several, each page's region is the first part of its address (/us/…, /uk/…; docs/adr/0042)
WAYPOST_REGIONS = env_served_regions("WAYPOST_REGIONS", WAYPOST_REGION, ("uk", "us"))
# Languages served besides English; each has its own addresses (/es/…, /us/es/…; docs/adr/0043)
WAYPOST_LANGUAGES = env_served_languages("WAYPOST_LANGUAGES", ("en", "es"))
QUICK_EXIT_URL = env_url("WAYPOST_QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")
# Instruments an operator may switch off, e.g. where their licence terms do not fit (DAST-10, SDS)
DISABLED_INSTRUMENTS = env_subset(
    "WAYPOST_DISABLED_INSTRUMENTS", allowed=list_questionnaire_ids(), forbidden=("safety",)
)

# Contact requests
FIRST_CONTACT_TARGET = env_str("WAYPOST_FIRST_CONTACT_TARGET", "1 working day")
FIRST_CONTACT_TARGET_MINUTES = env_int("WAYPOST_FIRST_CONTACT_TARGET_MINUTES", 60, minimum=1)
STAFF_URL = env_str("WAYPOST_STAFF_URL", "/staff/")
# Links in e-mail and SMS need the whole address: a mail client cannot follow "/staff/"
BASE_URL = env_base_url("WAYPOST_BASE_URL", "http://127.0.0.1:8000")
# How the public reaches the team about a request they sent (shown on the confirmation page); unset: not shown
TEAM_PHONE = env_str("WAYPOST_TEAM_PHONE", "")
TEAM_EMAIL = env_str("WAYPOST_TEAM_EMAIL", "")
CONTACT_RATE_LIMIT_PER_HOUR = env_int("WAYPOST_CONTACT_RATE_LIMIT_PER_HOUR", 5, minimum=1)
RETENTION_DAYS = env_int("WAYPOST_RETENTION_DAYS", 180, minimum=1)
# Referrals: working hours (weekends skipped) a provider has to answer, and days a provider link works
REFERRAL_RESPONSE_HOURS = env_int("WAYPOST_REFERRAL_RESPONSE_HOURS", 48, minimum=1)
REFERRAL_LINK_DAYS = env_int("WAYPOST_REFERRAL_LINK_DAYS", 7, minimum=1)
TRUST_X_FORWARDED_FOR = env_bool("WAYPOST_TRUST_X_FORWARDED_FOR", False)
# Proxies in front of Waypost that each append to X-Forwarded-For: the client is that many entries from the right
TRUSTED_PROXY_COUNT = env_int("WAYPOST_TRUSTED_PROXY_COUNT", 1, minimum=1)

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "waypost.core",
    "waypost.accounts",
    "waypost.notifications",
    "waypost.content",
    "waypost.selfcheck",
    "waypost.fhir",
    "waypost.directory",
    "waypost.intake",
    "waypost.treatment",
    "waypost.recovery",
    "waypost.api",
    "waypost.triage",
    "waypost.monitoring",
    "waypost.conversations",
]

MIDDLEWARE = [
    # Outermost, so every response (redirects and refusals too) carries its request id and is counted
    "waypost.monitoring.request_context.RequestContextMiddleware",
    "waypost.monitoring.request_metrics.RequestMetricsMiddleware",
    # The region in the address leaves the path before anything reads it (docs/adr/0042)
    "waypost.core.regions.RegionMiddleware",
    # Pages that are the same for everyone, served from memory before any other work (docs/adr/0033)
    "waypost.core.page_memory.PageMemoryMiddleware",
    "waypost.core.security_headers.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Re-sends the session cookie only when it changed or is a minute old (docs/adr/0041)
    "waypost.core.session_middleware.RefreshingSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Just after Django's, so the CSRF cookie is sent only when it is new or changed (docs/adr/0041)
    "waypost.core.csrf_middleware.CsrfCookieOnChangeMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A staff page whose address names no language follows the user's own choice (docs/adr/0047)
    "waypost.accounts.console_language.ConsoleLanguageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "waypost.config.urls"
WSGI_APPLICATION = "waypost.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "waypost.core.context_processors.site",
            ],
        },
    },
]

# Database: SQLite in the data folder unless DATABASE_URL names another (PostgreSQL in production)
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'waypost.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; the busy timeout waits instead of failing
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "timeout": env_int("WAYPOST_SQLITE_BUSY_TIMEOUT_SECONDS", 20, minimum=1),
        "transaction_mode": "IMMEDIATE",
    }
    # Kept open between requests, as with PostgreSQL: opening a SQLite connection (with Django's functions and
    # the PRAGMAs above) took 0.66 ms, most of what a contact page cost beyond a question page (ADR 0052)
else:
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "WAYPOST_DATABASE_CONNECT_TIMEOUT_SECONDS", 5, minimum=1
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Django's password backend, reading a signed-in user's memberships with them (ADR 0034)
AUTHENTICATION_BACKENDS = ["waypost.accounts.backends.StaffBackend"]

# Passwords: Argon2 first; older hashes are upgraded on the next login
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# NIST SP 800-63B: a minimum length and a check against common passwords, no composition rules
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]

# Staff accounts: password and authenticator code, lockout, sign in again (docs/adr/0010-staff-sign-in.md)
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/staff/"
CSRF_FAILURE_VIEW = "waypost.core.views.csrf_failure"
OTP_TOTP_ISSUER = SITE_NAME
# Growing waits between attempts at one account after this many failures, never longer than the minutes (ADR 0015)
SIGN_IN_LOCKOUT_FAILURES = env_int("WAYPOST_SIGN_IN_LOCKOUT_FAILURES", 5, minimum=1)
SIGN_IN_LOCKOUT_MINUTES = env_int("WAYPOST_SIGN_IN_LOCKOUT_MINUTES", 15, minimum=1)
STAFF_SIGN_IN_HOURS = env_int("WAYPOST_STAFF_SIGN_IN_HOURS", 12, minimum=1)

# Sessions live in an encrypted cookie, so nothing a visitor does is stored on the server or readable in the
# browser; the cookie ends when the browser closes, and the idle limit is the encrypted token's own timestamp
# (docs/adr/0018-encrypted-session-cookie.md)
SESSION_ENGINE = "waypost.core.encrypted_cookie_session"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env_int("WAYPOST_SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# Ends with the browser, like the session, so it is never renewed and is sent only when new (docs/adr/0041)
CSRF_COOKIE_AGE = None

# Transport security: on by default; the demo turns it off because it serves plain HTTP on loopback
IS_HTTPS = env_bool("WAYPOST_HTTPS", True)
SECURE_SSL_REDIRECT = IS_HTTPS
# Probes and the metrics scraper talk to each app server directly over the private network (docs/adr/0036)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SESSION_COOKIE_SECURE = IS_HTTPS
CSRF_COOKIE_SECURE = IS_HTTPS
SECURE_HSTS_SECONDS = env_int("WAYPOST_HSTS_SECONDS", 31_536_000) if IS_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("WAYPOST_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("WAYPOST_HSTS_PRELOAD", True)
if env_bool("WAYPOST_TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Static files: collected when `waypost demo`/`serve` start, with content-hashed names that browsers keep for a
# year, and Brotli and gzip copies WhiteNoise serves to browsers that accept them (ADR 0032)
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("WAYPOST_STATIC_ROOT", "") or DATA_DIR / "static").resolve()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "waypost.core.static_storage.HashedStaticFilesStorage"},
}
# With DEBUG, {% static %} names the plain files and WhiteNoise finds them in the apps, as they are edited
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_ADD_HEADERS_FUNCTION = cache_hashed_files_for_a_year

LANGUAGE_CODE = "en-gb"
# English is written in the templates; Spanish comes from each app's locale/es catalogue (scripts/messages.py)
LANGUAGES = [("en-gb", "English"), ("es", "Español")]
TIME_ZONE = env_str("WAYPOST_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

LOG_LEVEL = env_choice("WAYPOST_LOG_LEVEL", "info", ("debug", "info", "warning", "error")).upper()
# "json": one JSON object per line with the request id, for a log collector; "text": the message alone
LOG_FORMAT = env_choice("WAYPOST_LOG_FORMAT", "text", ("text", "json"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "waypost.monitoring.log_format.RequestIdFilter"},
        "no_paths": {"()": "waypost.monitoring.log_format.PathRedactingFilter"},
    },
    "formatters": {
        "text": {"format": "%(message)s"},
        "json": {"()": "waypost.monitoring.log_format.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id", "no_paths"], "formatter": LOG_FORMAT}
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# Prometheus metrics at /metrics for a scraper holding this bearer token; unset, /metrics is a 404 and nothing is
# recorded. Under `waypost serve` the workers share files in PROMETHEUS_MULTIPROC_DIR (docs/adr/0036).
METRICS_TOKEN = env_token("WAYPOST_METRICS_TOKEN", minimum_length=32)

# E-mail and SMS leave only through the outbox worker. "file" (the default, for the demo) writes them into
# the data folder instead of sending them; production sets WAYPOST_EMAIL_BACKEND=smtp.
EMAIL_DELIVERY = env_choice("WAYPOST_EMAIL_BACKEND", "file", ("file", "smtp"))
SMS_DELIVERY = env_choice("WAYPOST_SMS_BACKEND", "file", ("file", "twilio"))
OUTBOX_FOLDER = DATA_DIR / "outbox"
EMAIL_BACKEND = f"django.core.mail.backends.{'smtp' if EMAIL_DELIVERY == 'smtp' else 'filebased'}.EmailBackend"
EMAIL_FILE_PATH = OUTBOX_FOLDER
EMAIL_HOST = env_str("WAYPOST_SMTP_HOST", "localhost")
EMAIL_PORT = env_int("WAYPOST_SMTP_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("WAYPOST_SMTP_USERNAME", "")
EMAIL_HOST_PASSWORD = env_secret("WAYPOST_SMTP_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("WAYPOST_SMTP_USE_TLS", True)
EMAIL_TIMEOUT = 30  # seconds; the worker's lease must be longer
DEFAULT_FROM_EMAIL = env_str("WAYPOST_SMTP_FROM", "Waypost <no-reply@localhost>")
TEAM_ALERT_EMAIL = env_str("WAYPOST_TEAM_ALERT_EMAIL", "")
TWILIO_ACCOUNT_SID = env_str("WAYPOST_TWILIO_ACCOUNT_SID", "")
TWILIO_AUTH_TOKEN = env_secret("WAYPOST_TWILIO_AUTH_TOKEN") or ""
TWILIO_FROM_NUMBER = env_str("WAYPOST_TWILIO_FROM_NUMBER", "")
OUTBOX_MAX_ATTEMPTS = env_int("WAYPOST_OUTBOX_MAX_ATTEMPTS", 10, minimum=1)
OUTBOX_FIRST_RETRY_SECONDS = env_int("WAYPOST_OUTBOX_FIRST_RETRY_SECONDS", 60, minimum=1)
OUTBOX_LONGEST_RETRY_SECONDS = env_int("WAYPOST_OUTBOX_LONGEST_RETRY_SECONDS", 3600, minimum=1)
OUTBOX_LEASE_SECONDS = env_int("WAYPOST_OUTBOX_LEASE_SECONDS", 300, minimum=1)

# Conversations (ADR 0039): web chat's opening hours in the service's time zone ("mon-fri 09:00-17:00; sat
# 10:00-14:00", "always" or "never"), the word that opens an SMS conversation, and when an unanswered message
# turns overdue in the staff inbox
CHAT_HOURS = env_str("WAYPOST_CHAT_HOURS", "mon-fri 09:00-17:00")
try:
    parse_opening_hours(CHAT_HOURS)
except ValueError as error:
    raise ImproperlyConfigured(f"WAYPOST_CHAT_HOURS: {error}") from None
SMS_OPENING_WORD = env_str("WAYPOST_SMS_OPENING_WORD", "HELLO")
CHAT_REPLY_TARGET_SECONDS = env_int("WAYPOST_CHAT_REPLY_TARGET_SECONDS", 60, minimum=1)
# A `waypost stream` process answers /chat/<id>/events behind the proxy, so open chats hear of new messages at once
# (PostgreSQL LISTEN/NOTIFY, ADR 0039); off, browsers ask for new messages every 2 seconds
CHAT_PUSH = env_bool("WAYPOST_CHAT_PUSH", False)
if CHAT_PUSH and DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("WAYPOST_CHAT_PUSH needs PostgreSQL (LISTEN/NOTIFY); SQLite sites keep it off.")
