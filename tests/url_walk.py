"""Every named URL of the site, for the tests that walk them all (IDOR, other agency's objects)."""

from django.urls import URLPattern, URLResolver, get_resolver


def named_urls(patterns=None, namespace="", route=""):
    """(namespaced name, full route, URLPattern) of every named URL."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_urls(entry.url_patterns, inner, route + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", route + str(entry.pattern), entry
