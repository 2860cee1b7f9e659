from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.ops.views import healthz

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("cms.api.urls")),
    # Database, search and task queue status (cms/ops/health.py); no language prefix, no slash.
    path("healthz", healthz, name="healthz"),
]

# Pages for people: Indonesian at /, English under /en/.
urlpatterns += i18n_patterns(
    path("masuk/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/", include("cms.security.urls")),  # two-factor sign-in (cms/security)
    path("portal/", include("cms.portal.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("cms.public.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

# Under /api/ a missing URL or a server error answers with the API's JSON error body (cms/api/errors.py).
handler404 = "cms.api.errors.page_not_found"
handler500 = "cms.api.errors.server_error"
