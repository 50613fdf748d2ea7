"""Every URL pattern the project serves, walked from the root resolver, with a sample path for each.

Shared by the access matrix, the hostile-input matrix and the no-SSRF test, so that a URL someone adds is
covered by all three without anyone listing it.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve

ROUTE_PARAMETER = re.compile(r"(?<!\?P)<(?:\w+:)?(\w+)>")
REGEX_GROUP = re.compile(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)")


@dataclass(frozen=True)
class Route:
    """One URL pattern: its full route as Django reports it in `ResolverMatch.route`, and its name."""

    route: str
    name: str

    @property
    def parameters(self) -> list[str]:
        return ROUTE_PARAMETER.findall(self.route) + REGEX_GROUP.findall(self.route)

    def path(self, values: dict[str, str]) -> str:
        """A path this pattern matches, each parameter taken from `values` (KeyError when one is missing)."""
        path = ROUTE_PARAMETER.sub(lambda m: values[m.group(1)], self.route)
        path = REGEX_GROUP.sub(lambda m: values[m.group(1)], path)
        # Regex fragments of included patterns: anchors go, escaped literals stay literal.
        path = re.sub(r"\\(.)", r"\1", path.replace("^", "").replace("$", ""))
        return "/" + path


def all_routes() -> list[Route]:
    """Every pattern of ROOT_URLCONF, included ones too, in resolution order."""
    return list(_walk(get_resolver().url_patterns, prefix="", namespace=""))


def _walk(patterns, *, prefix: str, namespace: str):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from _walk(pattern.url_patterns, prefix=route, namespace=inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name or ""
            yield Route(route=route, name=name)


def resolves_to(path: str, route: Route) -> bool:
    """Whether Django sends `path` to `route` (and not to an earlier pattern that also matches it)."""
    # Django drops the "^" of included regex patterns from the route it reports.
    return resolve(path).route.replace("^", "") == route.route.replace("^", "")
