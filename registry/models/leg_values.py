"""The three legs of openness and the values a leg can take."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Leg(models.TextChoices):
    CODE = "code", _("Open code")
    MODEL = "model", _("Open model")
    CORPUS = "corpus", _("Open corpus")


class LegValue(models.TextChoices):
    OPEN = "open", _("Open")
    PARTIAL = "partial", _("Partial")
    CLOSED = "closed", _("Closed")
    UNKNOWN = "unknown", _("Unknown")
