from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

# The API and the admin answer in English at one URL each; the website is English at unprefixed
# URLs and French under /fr/ (config/language.py picks the language from the URL alone).
urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    *i18n_patterns(
        path("accounts/", include("allauth.urls")),
        path("", include("registry.urls")),
        prefix_default_language=False,
    ),
]

# Under /api/ every error is JSON in the API's shape, a crash included; elsewhere Django's pages.
handler400 = "api.errors.bad_request"
handler403 = "api.errors.permission_denied"
handler404 = "api.errors.page_not_found"
handler500 = "api.errors.server_error"
