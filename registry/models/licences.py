"""Licence identifiers the Hub accepts, with our classification of how open each one is."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LicenceClass(models.TextChoices):
    OSI = "osi", _("OSI-approved")
    OPEN_DATA = "open-data", _("Open data")
    USE_RESTRICTED = "use-restricted", _("Use-restricted")
    NON_COMMERCIAL = "non-commercial", _("Non-commercial")
    NO_DERIVATIVES = "no-derivatives", _("No derivatives")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class Licence(models.Model):
    identifier = models.CharField(max_length=100, unique=True, help_text="The Hub's licence id")
    name = models.CharField(max_length=200)
    spdx_id = models.CharField(max_length=100, blank=True)
    licence_class = models.CharField(max_length=20, choices=LicenceClass.choices)
    unrestricted = models.BooleanField(default=False)
    osi_approved = models.BooleanField(null=True)
    is_family = models.BooleanField(default=False)
    reason = models.TextField(blank=True)
    link = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["identifier"]

    def __str__(self):
        return self.identifier
