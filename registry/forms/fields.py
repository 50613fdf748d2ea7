"""Form fields for what contributors type: lists of items, Hub repo ids, http(s) links."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.utils.translation import gettext, gettext_lazy

MAX_URL_LENGTH = 500
# The Hub's own rule for each half of `namespace/name`: letters, digits, "-", "_", ".", at most 96 characters,
# starting and ending with a letter or digit, and no "--" or "..".
_HUB_PART = r"(?!.*(?:--|\.\.))[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?"
HUB_ID = re.compile(rf"^(?:(?P<prefix>datasets)/)?(?P<namespace>{_HUB_PART})/(?P<name>{_HUB_PART})$")

HTTP_URL_MESSAGE = gettext_lazy("Enter a web address starting with http:// or https://.")
http_url = URLValidator(schemes=["http", "https"], message=HTTP_URL_MESSAGE)


class HttpUrlField(forms.URLField):
    """A link that can only be http(s): the registry shows it, and never fetches it."""

    default_validators = [http_url]
    default_error_messages = {"invalid": HTTP_URL_MESSAGE}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_URL_LENGTH)
        kwargs.setdefault("required", False)
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class ListField(forms.Field):
    """Several items, one a line (or separated by commas when `commas`); a JSON list is accepted as is.

    Empty items and repeats are dropped; each item is stripped, checked by `item_validators`, bounded by
    `max_item_length`, and the list by `max_items`. The error names the item at fault.
    """

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *, max_items: int, max_item_length: int, item_validators=(), commas=False,
                 normalise=str.strip, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.max_items, self.max_item_length = max_items, max_item_length
        self.item_validators, self.normalise = list(item_validators), normalise
        self.separator = re.compile(r"[\r\n,]+" if commas else r"[\r\n]+")

    def to_python(self, value) -> list[str]:
        if value in (None, ""):
            return []
        if isinstance(value, str):
            items = self.separator.split(value)
        elif isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
            items = list(value)
        else:
            raise ValidationError(gettext("Enter a list of texts."), code="invalid")
        return list(dict.fromkeys(self.normalise(item.strip()) for item in items if item.strip()))

    def validate(self, value: list[str]) -> None:
        super().validate(value)
        if len(value) > self.max_items:
            raise ValidationError(gettext("At most %(count)s items, please.") % {"count": self.max_items},
                                  code="max_items")
        for item in value:
            if len(item) > self.max_item_length:
                raise ValidationError(gettext("“%(item)s…” is longer than %(count)s characters.")
                                      % {"item": item[:40], "count": self.max_item_length}, code="max_length")
            for validator in self.item_validators:
                try:
                    validator(item)
                except ValidationError as error:
                    raise ValidationError(gettext("“%(item)s”: %(errors)s") % {"item": item, "errors": " ".join(error.messages)},
                                          code=error.code) from None

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, (list, tuple)) else value


def hub_id_validator(value: str) -> None:
    if not HUB_ID.match(value):
        raise ValidationError(
            gettext("not a Hub repository id: write namespace/name (datasets/namespace/name for a dataset), "
                    "letters, digits, '-', '_' and '.' only."), code="hub_id")


country_validator = RegexValidator(r"^[A-Z]{2}$", gettext_lazy("not a two-letter country code (ISO 3166-1), e.g. FR."),
                                   code="country")
language_validator = RegexValidator(r"^[a-z]{2,3}$", gettext_lazy("not a language code (ISO 639), e.g. fr or deu."),
                                    code="language")


def hub_repo(value: str) -> dict:
    """`namespace/name` or `datasets/namespace/name` as {"repo_id", "repo_type"}."""
    match = HUB_ID.match(value)
    repo_type = "dataset" if match["prefix"] else "model"
    return {"repo_id": f"{match['namespace']}/{match['name']}", "repo_type": repo_type}
