"""Links built from stored or typed URLs: only http(s) ones become links, and sources are named."""

from django import template

register = template.Library()

SOURCE_NAMES = {
    "osai-index": "European Open Source AI Index",
    "openllm-europe": "OpenLLM-Europe project list",
    "curated": "Registry curation",
    "contributor": "Contributor submission",
    "moderator": "Moderator",
}


@register.filter
def http_url(value) -> str:
    """`value` when it is an http(s) URL, else '' (a `javascript:` or relative value never becomes a link)."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("https://", "http://")) else ""


@register.filter
def source_name(source: dict) -> str:
    """What a record's source entry is called on a page."""
    name = SOURCE_NAMES.get(source.get("dataset", ""), source.get("dataset", "source"))
    return f"{name} ({source['file']})" if source.get("dataset") == "curated" and source.get("file") else name
