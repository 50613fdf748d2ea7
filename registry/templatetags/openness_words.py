"""Template filters naming legs, leg values and openness labels in the page's language
(`{{ leg.leg|leg_name }}: {{ leg.value|value_name }}`, `{{ badge.label|label_name }}`)."""

from django import template

from registry import vocabulary

register = template.Library()
register.filter("leg_name", vocabulary.leg_name)
register.filter("value_name", vocabulary.value_name)
register.filter("label_name", vocabulary.label_name)
