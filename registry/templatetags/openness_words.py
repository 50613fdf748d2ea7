"""Template filters naming legs, leg values and openness labels in the page's language
(`{{ leg.leg|leg_name }}: {{ leg.value|value_name }}`, `{{ badge.label|label_name }}`)."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from registry import vocabulary

register = template.Library()
register.filter("leg_name", vocabulary.leg_name)
register.filter("value_name", vocabulary.value_name)
register.filter("label_name", vocabulary.label_name)
register.filter("scheme_value_name", vocabulary.scheme_value_name)


@register.filter
def fact_kind_name(kind: str) -> str:
    """How a fact is known: "computed" (by the registry) or "asserted" (by a person or the Index)."""
    return str(vocabulary.FACT_KINDS.get(kind, kind))


@register.filter
def translated(text: str) -> str:
    """A sentence marked `translatable` in the pure rules, in the page's language."""
    return gettext(text)


@register.filter
def legs_text(badge) -> str:
    """"code: open · model: partial · corpus: closed" of a Badge, in the page's language."""
    return " · ".join(f"{vocabulary.leg_name(leg.leg)}{vocabulary.label_separator()} {vocabulary.value_name(leg.value)}"
                      for leg in badge.legs)


@register.simple_tag
def english_text() -> str:
    """` lang="en"` for an element holding text the registry writes in English only (computed reasons and
    facts), when the page is in another language; nothing on English pages."""
    return mark_safe(' lang="en"') if get_language() != "en" else ""
