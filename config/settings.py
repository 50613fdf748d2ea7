"""One settings module, driven by environment variables (see .env.example).

Embedded defaults run the site on SQLite with Celery tasks executed in-process;
DATABASE_URL and REDIS_URL switch the same code to PostgreSQL and Redis.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from config.cache_settings import (
    locmem_cache,
    redis_cache,
    redis_url_with_next_db,
    volatile_redis_cache,
)

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. It is required unless DJANGO_DEBUG=true."
        )
    SECRET_KEY = "insecure-development-key-never-use-in-production"

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "csp",
    "axes",
    "registry",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.language.UrlLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, as django-axes asks: it turns a locked-out log-in into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A persistent connection that a database restart broke is replaced, not used for one failed request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles a plan when its cost estimate is high, as for counts over the whole catalog: at
    # 100,000 projects it spent 50-60 ms compiling a facet count that runs in 85 ms without it (docs/benchmarks.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches. "default" holds the Hub sync's locks, claims and rate counters: it sits beside the
# broker (REDIS_URL, noeviction) and fails loudly. "volatile" holds what may be lost at any time
# (cached API responses, the catalog version, throttle history): CACHE_URL, a Redis with maxmemory
# and allkeys-lru, whose failures are ignored after a short timeout so pages answer from the database.
REDIS_URL = env("REDIS_URL", default="")
CACHE_URL = env("CACHE_URL", default=redis_url_with_next_db(REDIS_URL))
CACHE_SOCKET_TIMEOUT_SECONDS = env.float("CACHE_SOCKET_TIMEOUT_SECONDS", default=0.25)
CACHES = {
    "default": redis_cache(REDIS_URL) if REDIS_URL else locmem_cache("default"),
    "volatile": volatile_redis_cache(CACHE_URL, socket_timeout=CACHE_SOCKET_TIMEOUT_SECONDS)
    if CACHE_URL else locmem_cache("volatile"),
}
if CACHE_URL:
    # Each process keeps its latest stored responses in its own memory in front of the volatile Redis: a hit then
    # costs no round trip (registry.response_cache). Bounded by entries: at most ~15 MB a process at 150 kB a page.
    CACHES["response-copies"] = locmem_cache("response-copies", max_entries=100)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Admin and site log-ins: django-axes locks a username (or e-mail) from one address out after
# AXES_FAILURE_LIMIT failures, for AXES_COOLOFF_TIME hours; the address is the one the API throttle sees.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "api.throttling.client_address"
# allauth posts "login" and authenticates with "email": one name for both log-in forms.
AXES_USERNAME_CALLABLE = "registry.accounts.login_name"

# Accounts (django-allauth): log in by e-mail, which must be verified before the first log-in.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[European Open LLM Registry] "
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "registry:submission-list"

# E-mail: printed on the console unless EMAIL_URL names an SMTP server
# (smtp+tls://user:password@smtp.example.org:587); see django-environ's email_url.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="registry@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# English at unprefixed URLs, French under /fr/ (config/urls.py, config/language.py). Translations:
# locale/<lang>/LC_MESSAGES/django.po, compiled to .mo by scripts/_venv.sh (README: Translations).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]  # dates per language: config/formats/<lang>/formats.py
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# HTTPS hardening is on in production; DJANGO_HTTPS=false serves plain HTTP (tests, local).
HTTPS = env.bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if HTTPS else "http"  # links in account e-mails
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# Preloading is hard to undo (browsers ship the list): it is opt-in, and the deploy check that asks for it
# is silenced while it is off.
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# How many reverse proxies stand in front of gunicorn. Only with one or more are X-Forwarded-Proto
# (HTTPS detection) and X-Forwarded-For (the API throttle, the admin log-in lockout) believed:
# without a proxy, any client could send them.
PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)
if PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

# Dashboards run in browsers: the read-only API is open to every origin.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The longest task's hard limit (10 min) plus the longest retry countdown (4 min) stays below the
# visibility timeout, so no live message is redelivered; a SIGKILLed worker's tasks come back within
# it (+ a 10 s restore sweep). Redeliveries are counted and bounded (registry.tasks.MAX_DELIVERIES).
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 15 * 60,
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": 15 * 60}  # Celery docs: set both
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_WORKER_SOFT_SHUTDOWN_TIMEOUT = 30
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE

# Hugging Face Hub access; huggingface_hub itself is only imported by registry/hub.py.
HF_ENDPOINT = env("HF_ENDPOINT", default="https://huggingface.co").rstrip("/")
HF_TOKEN = env("HF_TOKEN", default="")
HUB_TIMEOUT_SECONDS = env.float("HUB_TIMEOUT_SECONDS", default=10.0)
HUB_SYNC_INTERVAL_MINUTES = env.int("HUB_SYNC_INTERVAL_MINUTES", default=360)
HUB_RATE_LIMIT_CALLS = env.int("HUB_RATE_LIMIT_CALLS", default=1000 if HF_TOKEN else 500)
HUB_RATE_LIMIT_WINDOW_SECONDS = env.int("HUB_RATE_LIMIT_WINDOW_SECONDS", default=300)
HUB_MISSING_AFTER_NOT_FOUND = env.int("HUB_MISSING_AFTER_NOT_FOUND", default=3)
SUBMISSION_RECHECK_MINUTES = env.int("SUBMISSION_RECHECK_MINUTES", default=15)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# --- REST API (api/) -------------------------------------------------------------------------
# Read-only for everyone; Session and Token authentication are wired so that write endpoints
# (submissions) can require them later.
REST_FRAMEWORK = {
    # Token first, so a bad token is a 401 with WWW-Authenticate rather than a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["drf_orjson_renderer.renderers.ORJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_ANON_RATE", default="120/minute"),
        # Contributions (site forms and API alike): per account, and per client address.
        "submission-account": env("SUBMISSION_ACCOUNT_RATE", default="20/hour"),
        "submission-address": env("SUBMISSION_ADDRESS_RATE", default="30/hour"),
        # Pages rendered for one anonymous client (cache hits and 304s are not counted); empty: no limit.
        "page-render": env("PAGE_RENDER_RATE", default="240/minute") or None,
    },
    # 0 trusts REMOTE_ADDR and ignores X-Forwarded-For (see PROXY_COUNT).
    "NUM_PROXIES": PROXY_COUNT,
    "DEFAULT_SCHEMA_CLASS": "api.openapi.RegistryAutoSchema",
    "EXCEPTION_HANDLER": "api.errors.api_exception_handler",
}
API_CACHE_MAX_AGE = 60  # seconds browsers and shared caches may reuse a response unasked
API_RESPONSE_CACHE_SECONDS = 60 * 60  # a stored response lives at most this long
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=5 * 60)  # a stored page lives at most this long
PAGE_SHARED_CACHE_SECONDS = 5  # how long a proxy in front may reuse an anonymous page unasked
# How long a process may reuse the catalog version it read before reading it again; its own writes are seen at
# once, another process's within this many seconds (registry.services.catalog_version).
CATALOG_VERSION_MAX_AGE = env.float("CATALOG_VERSION_MAX_AGE", default=1.0)
CORS_EXPOSE_HEADERS = ["ETag", "Link", "Retry-After"]
SPECTACULAR_SETTINGS = {
    "TITLE": "European Open LLM Registry API",
    "DESCRIPTION": (
        "Read access to the registry of European open LLM projects: how open each project "
        "and model checkpoint is (code, model, corpus), with the evidence; with a token, "
        "contributions (propose a project, suggest a correction), which wait for a moderator. "
        "See docs/api.md for pagination, filtering, caching and throttling."
    ),
    "VERSION": "1.0.0",
    "LICENSE": {"name": "Data: facts; OSAI Index scores CC-BY-4.0 (osai-index.eu)"},
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ProjectKindEnum": "registry.models.catalog.Project.Kind",
        "OrganisationKindEnum": "registry.models.catalog.Organisation.Kind",
        "LegValueEnum": "registry.models.openness.LegValue",
        "CodeCoverageEnum": "registry.models.code.CodeCoverage",
        "LicenceClassEnum": "registry.models.licences.LicenceClass",
        "SyncStatusEnum": "registry.models.hub.HubRepo.SyncStatus",
        "SyncRunStatusEnum": "registry.models.hub.SyncRun.Status",
    },
}

# --- Hub sync schedule (registry.tasks) ----------------------------------------------------------
# Static: one beat process sends sync_hub_task every HUB_SYNC_INTERVAL_MINUTES (a number = seconds).
# A message older than one interval expires instead of piling up behind a stopped worker.
CELERY_BEAT_SCHEDULE = {
    "sync-hub": {
        "task": "registry.tasks.sync_hub_task",
        "schedule": HUB_SYNC_INTERVAL_MINUTES * 60.0,
        "kwargs": {"trigger": "schedule"},
        "options": {"expires": HUB_SYNC_INTERVAL_MINUTES * 60.0},
    },
    # Submissions whose Hub check failed (Hub down, or tasks run in-process) or never started (broker down when
    # they were sent) are checked again.
    "retry-submission-checks": {
        "task": "registry.tasks.retry_submission_checks_task",
        "schedule": SUBMISSION_RECHECK_MINUTES * 60.0,
        "options": {"expires": SUBMISSION_RECHECK_MINUTES * 60.0},
    },
}
