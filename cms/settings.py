"""Settings of the Innovation Registry.

One module for every environment: each value that differs between a laptop and
production is read from an environment variable, with an embedded default that
gives a working site on a fresh machine (SQLite, database search, database task
queue, local media). See README.md "Configuration" for the list.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("REGISTRY_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# "development" (the default, for `make run` and the tests) or "production".
REGISTRY_ENV = os.environ.get("REGISTRY_ENV", "development")
PRODUCTION = REGISTRY_ENV == "production"
DEBUG = env_bool("DJANGO_DEBUG", False)
# The default key only exists so that `make run` and the tests work out of the
# box; production refuses to start without DJANGO_SECRET_KEY (see checks.py).
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-development-key-change-me")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # The domain
    "registry.core",
    "registry.accounts",
    "registry.geo",
    "registry.agencies.apps.AgenciesConfig",
    "registry.innovations",
    "registry.ratings",
    "registry.replication",
    "registry.competitions",
    "registry.audit",
    "registry.imports",
    # Search
    "search",
    # The site
    "cms.public",
    "cms.portal",
    "cms.backoffice",
    "cms.api",
    "cms.ops",
    "cms.security",  # CSP, login lock-out, two-factor sign-in, upload and document safety
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "cms.backoffice.apps.RegistryUsersConfig",  # wagtail.users with the registry user forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Libraries
    "import_export",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy: strict for the site, relaxed for the Wagtail admin (cms/security/csp.py).
    "cms.security.csp.RegistryCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cms.security.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Anonymous visitors' public pages, whole (cms/public/page_cache.py); PAGE_CACHE_SECONDS=0: off.
    "cms.public.page_cache.AnonymousPageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.security.uploads.StorageFullMiddleware",
    # django-axes wants to be last: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cms.public.context_processors.site_navigation",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'registry.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes; IMMEDIATE
    # transactions take the write lock up front instead of failing half-way
    # with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests use a file, not SQLite's shared in-memory database, whose table locks
    # fail at once when the browser tests' live server and the test write together.
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"registry-test-{os.getpid()}.sqlite3")
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A database that is down or restarting refuses or times out in seconds, so a
    # request fails with an error page instead of hanging (docs/faults.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", 5))
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication ----------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "/"

# --- Internationalisation ---------------------------------------------------------
# Source strings are written in Indonesian, the first language of every screen;
# locale/en holds the complete English catalogue.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = False

# --- Static and media ------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    # Removes what a write that fails half-way (disk full, quota) left behind.
    "default": {"BACKEND": "registry.core.storage.RegistryFileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed names need `collectstatic`, which production runs
        # at deploy time; development serves the files as they are.
        # (WhiteNoise's CompressedManifestStaticFilesStorage, tolerant of vendored files' missing source maps)
        "BACKEND": "cms.ops.staticfiles.RegistryStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
# Development serves static files straight from the app folders; production
# serves what `collectstatic` wrote, with hashed names and compression.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Largest document or image an agency may attach to an innovation.
REGISTRY_MAX_UPLOAD_BYTES = int(os.environ.get("REGISTRY_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))
# How often the portal's innovation form autosaves a changed draft.
REGISTRY_AUTOSAVE_SECONDS = int(os.environ.get("REGISTRY_AUTOSAVE_SECONDS", 20))

# --- Wagtail -----------------------------------------------------------------------
WAGTAIL_SITE_NAME = _("Registri Inovasi Pelayanan Publik")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "txt", "csv"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_LOGIN_URL = "/admin/login/"

# --- Background tasks ----------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# /healthz answers 503 when the oldest task ready to run has waited longer than this
# (seconds): no worker is taking tasks (cms/ops/health.py).
REGISTRY_HEALTHZ_QUEUE_MAX_AGE = int(os.environ.get("REGISTRY_HEALTHZ_QUEUE_MAX_AGE", 600))

# --- Search --------------------------------------------------------------------------
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "database")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_ALIAS = os.environ.get("ELASTICSEARCH_INDEX_ALIAS", "registry-innovations")
# Seconds between reloads of each process's facet bitsets after index writes (search/facet_index.py):
# 0 reloads at once (development, tests); production waits, as Elasticsearch's refresh interval does.
SEARCH_REFRESH_SECONDS = float(os.environ.get("SEARCH_REFRESH_SECONDS", 30 if PRODUCTION else 0))
# "Similar innovations" computed for a page are kept until an innovation enters or leaves
# the catalog, or this many seconds after that; then (if > 0) shown while the task worker
# computes them again (search.models.SimilarInnovations). 0: computed again at once.
SEARCH_SIMILAR_MAX_AGE = int(os.environ.get("SEARCH_SIMILAR_MAX_AGE", 3600 if PRODUCTION else 0))
# PostgreSQL keeps the matches of every word of at least this many documents as a bitset
# (search/postings.py), chosen at each `search_index --rebuild` or `--postings`.
SEARCH_POSTING_MIN_DOCS = int(os.environ.get("SEARCH_POSTING_MIN_DOCS", 1000))

# --- REST API --------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Adds the shared error responses (400/401/403/404/429) to every operation.
    "DEFAULT_SCHEMA_CLASS": "cms.api.schema.RegistryAutoSchema",
    # One error body for every failure, Django's PermissionDenied/ValidationError included.
    "EXCEPTION_HANDLER": "cms.api.errors.registry_exception_handler",
    # JSON only: people explore the API in Swagger UI (/api/v1/docs/). DRF's browsable
    # HTML pages carry inline styles the Content-Security-Policy refuses (cms/security).
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": ["cms.api.throttling.AnonymousRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_ANON_RATE", "300/minute")},
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Innovation Registry API",
    "DESCRIPTION": (
        "Public catalog of Indonesian public-service innovations. Reading is open to everyone "
        "(anonymous clients are rate-limited; HTTP 429 with Retry-After). Agencies' systems write "
        "their own innovations as drafts with a token: `Authorization: Token <key>`. Every error "
        "has the same body: {\"error\": {\"status\", \"code\", \"message\", \"fields\"}}. "
        "Detail responses carry ETag and Last-Modified; send If-None-Match for a 304."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and ReDoc are served from drf-spectacular-sidecar, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["cms.api.schema.only_public_api"],
    "ENUM_NAME_OVERRIDES": {
        "RegencyKindEnum": "registry.geo.models.RegencyKind",
        "InnovationKindEnum": "registry.innovations.models.InnovationKind",
        "LifecycleStageEnum": "registry.innovations.models.LifecycleStage",
        "ModerationStatusEnum": "registry.innovations.models.ModerationStatus",
        "ReplicationStageEnum": "registry.replication.models.ReplicationStage",
        "ReviewStatusEnum": "registry.ratings.models.ReviewStatus",
        "AssignmentStatusEnum": "registry.competitions.models.AssignmentStatus",
    },
}

# --- Import and export (registry.imports) -------------------------------------------------
# A workbook of 10,000 innovations with full narratives is about 30 MB.
REGISTRY_IMPORT_MAX_BYTES = int(os.environ.get("REGISTRY_IMPORT_MAX_BYTES", 64 * 1024 * 1024))
REGISTRY_IMPORT_MAX_ROWS = int(os.environ.get("REGISTRY_IMPORT_MAX_ROWS", 50_000))
# Files with more rows are checked and imported by the task worker, with progress.
REGISTRY_IMPORT_BACKGROUND_ROWS = int(os.environ.get("REGISTRY_IMPORT_BACKGROUND_ROWS", 300))

# --- Peer ratings (registry.ratings) ----------------------------------------------------
# Bayesian mean = (W·prior + n·mean) / (W + n): the prior is the catalog mean of all visible
# reviews (stored in ratings.RatingPrior, refreshed by `ratings_recompute --refresh-prior`;
# the default below until then) and W is how many reviews' worth of weight the prior carries.
RATINGS_BAYESIAN_WEIGHT = int(os.environ.get("RATINGS_BAYESIAN_WEIGHT", 5))
RATINGS_BAYESIAN_DEFAULT_PRIOR = 3.0
RATINGS_MAX_REVIEWS_PER_DAY = int(os.environ.get("RATINGS_MAX_REVIEWS_PER_DAY", 5))
RATINGS_TEXT_MAX_CHARS = 3000
RATINGS_REPLY_MAX_CHARS = 2000

# --- Replication (registry.replication) -------------------------------------------------
# Active projects with no recorded activity for this many days remind the adopter's
# verifier, once per period (`manage.py replication_remind`, run daily by cron).
REPLICATION_REMINDER_DAYS = int(os.environ.get("REPLICATION_REMINDER_DAYS", 90))

# --- E-mail ----------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "registri-inovasi@localhost")

# --- Caching ---------------------------------------------------------------------------
# REDIS_URL (e.g. redis://redis:6379/0): one cache shared by every web process, so a page
# rendered by one is served by all, and the API's rate limits count across processes.
# Without it (embedded default), each process keeps its own bounded cache in memory.
REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_cache(prefix: str) -> dict:
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": prefix,
        "OPTIONS": {
            # A cache that is down must not take the site with it: a failed read is a miss
            # and a failed write is skipped (logged), after at most 0.25 s; /healthz says so.
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.25,
        },
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
if REDIS_URL:
    CACHES = {"default": redis_cache("registry"), "pages": redis_cache("registry-pages")}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "registry",
        },
        # Rendered pages of anonymous visitors, per process and bounded: the keys carry a
        # generation kept in the database, so invalidation reaches every process anyway.
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "registry-pages",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_MAX_ENTRIES", 500))},
        },
    }
# Seconds an anonymous visitor's public page is kept (cms/public/page_cache.py). A
# publication, unpublication or moderator's decision empties the cache at once; a new
# review or reply shows within this time. 0 (development, tests): no cache.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 30 if PRODUCTION else 0))

# --- Production hardening -----------------------------------------------------------------
# HTTPS-only cookies, HSTS and the redirect to HTTPS are on in production unless
# DJANGO_SECURE_SSL=0 (e.g. a first start on a private network without TLS).
SECURE_SSL = PRODUCTION and env_bool("DJANGO_SECURE_SSL", True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL
SECURE_SSL_REDIRECT = SECURE_SSL
# The container health check asks http://127.0.0.1:8000/healthz directly, without TLS.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000 if SECURE_SSL else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", SECURE_SSL)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY", PRODUCTION) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8  # one working day
if PRODUCTION and SECRET_KEY.startswith("insecure-"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (a long random string) in production.")

# --- Security: CSP, login lock-out, two-factor sign-in, uploads (cms/security) ----------------
# README "Security" explains each choice. The public site, the portal and the API docs
# run no inline script or style; the Wagtail admin, which needs them, gets its own
# relaxed policy (cms/security/csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# username from one address, that pair is locked out for AXES_COOLOFF_TIME; a ministry
# admin can lift it earlier (Admin → Pengguna terkunci) or `manage.py axes_reset_username`.
AUTHENTICATION_BACKENDS = [
    "cms.security.lockout.RegistryAxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", 30)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cms.security.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "cms.security.lockout.client_ip"
AXES_VERBOSE = False
# Two-factor sign-in (TOTP, django-otp): anyone may turn it on for their account; when
# REGISTRY_REQUIRE_2FA is on (the default in production) ministry admins, Wagtail admin
# users, the competition secretariat and judges must use it for /admin/ and /portal/.
REGISTRY_REQUIRE_2FA = env_bool("REGISTRY_REQUIRE_2FA", PRODUCTION)
OTP_TOTP_ISSUER = "Registri Inovasi"
# Documents are always downloaded, never opened in the browser's context (a PDF or a
# text file from an agency must not run in the site's origin); Wagtail adds
# "Content-Security-Policy: default-src 'none'" and nosniff to every served document.
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# Files uploaded in the Wagtail admin pass the same content and size checks as the portal's.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.security.admin_uploads.CheckedDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.security.admin_uploads.CheckedImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = REGISTRY_MAX_UPLOAD_BYTES

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # django-axes logs every login at INFO; lock-outs are warnings.
        "axes": {"level": "WARNING"},
    },
}
