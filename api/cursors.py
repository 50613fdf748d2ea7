"""Opaque pagination cursors: the ordering they belong to and the position of a row in it.

A cursor is URL-safe base64 of compact JSON. Decoding checks every value against the type of the
field it positions on, so a tampered cursor is a 400 naming `cursor`, never a database error.
"""

import json
import math
from base64 import urlsafe_b64decode, urlsafe_b64encode
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from api.errors import InvalidParameter

PARAMETER = "cursor"


def encode_cursor(position: tuple, *, ordering: tuple[str, ...], backwards: bool) -> str:
    payload = {"o": list(ordering), "p": [_jsonable(value) for value in position]}
    if backwards:
        payload["b"] = True
    text = json.dumps(payload, separators=(",", ":"))
    return urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(token: str, *, ordering: tuple[str, ...], queryset: QuerySet,
                  attributes: list[str]) -> tuple[tuple, bool]:
    """Return `(position, backwards)`; raises InvalidParameter for anything but our own cursors."""
    try:
        payload = json.loads(urlsafe_b64decode(token + "=" * (-len(token) % 4)),
                             parse_constant=_reject, parse_float=_finite_float)
        backwards = payload.get("b", False)
        values = payload["p"]
        if not isinstance(backwards, bool) or len(values) != len(attributes):
            raise ValueError("malformed")
    except (ValueError, TypeError, KeyError, AttributeError):
        raise InvalidParameter(PARAMETER, "Invalid cursor") from None
    if payload.get("o") != list(ordering):
        raise InvalidParameter(PARAMETER, "Invalid cursor: it was issued for another ordering; "
                                          "start again without a cursor.")
    try:
        position = tuple(_to_python(queryset, attribute, value)
                         for attribute, value in zip(attributes, values, strict=True))
    except (ValueError, TypeError, OverflowError, ValidationError):
        raise InvalidParameter(PARAMETER, "Invalid cursor") from None
    return position, backwards


def _jsonable(value):
    return value.isoformat() if isinstance(value, date | datetime) else value


def _reject(constant):
    raise ValueError(f"{constant} is not a position")


def _finite_float(text: str) -> float:
    """JSON reads `1e999` as infinity, which no field holds: refuse it with the other constants."""
    value = float(text)
    if not math.isfinite(value):
        _reject(text)
    return value


def _to_python(queryset: QuerySet, attribute: str, value):
    if isinstance(value, bool) or not isinstance(value, str | int | float) or (
            isinstance(value, str) and "\x00" in value):
        raise ValueError("not a position")
    field = _output_field(queryset, attribute)
    value = field.to_python(value)
    field.run_validators(value)
    if isinstance(value, datetime) and timezone.is_naive(value):
        raise ValueError("a position in time needs its UTC offset")
    return value


def _output_field(queryset: QuerySet, attribute: str):
    if attribute in queryset.query.annotations:
        return queryset.query.annotations[attribute].output_field
    if attribute == "pk":
        return queryset.model._meta.pk
    return queryset.model._meta.get_field(attribute)
