"""The language of a request is the one its URL names, and nothing else.

Django's LocaleMiddleware also guesses from the Accept-Language header and the language cookie for
URLs outside `i18n_patterns` (the API, the admin): the same URL would then answer in a language the
client did not ask for in the URL, and every cached response would vary by that header. Here a page
under /fr/ is French and every other URL is in the default language (English).
"""

from django.conf import settings
from django.utils import translation


class UrlLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", language)
        return response
