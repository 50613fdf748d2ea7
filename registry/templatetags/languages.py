"""The same page in each of the site's languages: the header's language switcher and the <head>'s
hreflang alternates.

The site's paths are the same in every language, the default one unprefixed and the others under
/<code>/ (config/urls.py), so the other language's address is the path with its prefix swapped, the
query string kept. A missing page (no URL pattern resolved) has no other version: its links lead to each
language's home page.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import get_script_prefix
from django.utils.translation import get_language, get_language_from_path

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str  # the path and query string
    absolute_url: str
    current: bool


def path_in_language(path: str, code: str) -> str:
    """`path` (of any language) as the path of the same page in language `code`."""
    current = get_language_from_path(path)
    if current:
        path = path[len(current) + 1:] or "/"
    return path if code == settings.LANGUAGE_CODE else f"/{code}{path}"


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """One link per language (settings.LANGUAGES) to the page being shown; none without a request."""
    request = context.get("request")
    if request is None:
        return []
    found = request.resolver_match is not None
    path, query = (request.path_info, request.META.get("QUERY_STRING", "")) if found else ("/", "")
    links = []
    for code, name in settings.LANGUAGES:
        url = get_script_prefix().rstrip("/") + path_in_language(path, code) + (f"?{query}" if query else "")
        links.append(LanguageLink(code=code, name=name, url=url, absolute_url=request.build_absolute_uri(url),
                                  current=code == get_language()))
    return links
