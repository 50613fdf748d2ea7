"""What a contributor may send: a new project, or a problem report about one. One validation layer, used by
the site's forms and by the API's serializer alike.

`structured(cleaned_data)` turns a valid form into the JSON stored as `Submission.data`.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from registry.forms.fields import (
    HttpUrlField,
    ListField,
    country_validator,
    http_url,
    hub_id_validator,
    hub_repo,
    language_validator,
)
from registry.models import CodeCoverage, Organisation, Project

# Bots fill every field; people never see this one (hidden by static/css/submissions.css).
HONEYPOT_FIELD = "fax_number"
NO_CODE_REPOSITORY = _("Give the code repository the licence and coverage are about.")


class HoneypotMixin(forms.Form):
    fax_number = forms.CharField(required=False, max_length=100, label=_("Leave this field empty"),
                                 widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    @property
    def caught_a_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))


class ProjectSubmissionForm(HoneypotMixin):
    name = forms.CharField(max_length=200, label=_("Name"), help_text=_("The project's or model family's name."))
    project_kind = forms.ChoiceField(label=_("Kind"), choices=Project.Kind.choices, initial=Project.Kind.MODEL_FAMILY)
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.order_by("name"), to_field_name="slug", required=False, label=_("Organisations"),
        help_text=_("Organisations already in the registry (hold Ctrl or ⌘ to pick several)."))
    new_organisations = ListField(max_items=10, max_item_length=200, label=_("Other organisations"),
                                  help_text=_("Organisations not in the list above, one a line."))
    countries = ListField(max_items=30, max_item_length=60, commas=True, normalise=str.upper, label=_("Countries"),
                          item_validators=[country_validator], help_text=_("Two-letter codes, e.g. FR, DE."))
    languages = ListField(max_items=60, max_item_length=60, commas=True, normalise=str.lower, label=_("Languages"),
                          item_validators=[language_validator], help_text=_("ISO 639 codes, e.g. fr, de, eu."))
    website = HttpUrlField(label=_("Website"))
    code_url = HttpUrlField(label=_("Code repository"))
    code_licence = forms.CharField(required=False, max_length=100, label=_("Code licence"),
                                   help_text=_("Its SPDX identifier, e.g. Apache-2.0."))
    code_coverage = forms.ChoiceField(required=False, label=_("The code covers"),
                                      choices=[("", _("Not known")), *CodeCoverage.choices])
    paper_url = HttpUrlField(label=_("Paper"))
    hub_repo_ids = ListField(max_items=50, max_item_length=200, item_validators=[hub_id_validator],
                             label=_("Hugging Face Hub repositories"),
                             help_text=_("One a line: namespace/name, or datasets/namespace/name for a dataset."))
    external_datasets = ListField(max_items=30, max_item_length=500, item_validators=[http_url],
                                  label=_("Training data hosted elsewhere"),
                                  help_text=_("Links (http or https), one a line. The registry does not fetch them."))
    justification = forms.CharField(
        max_length=5000, widget=forms.Textarea(attrs={"rows": 6}), label=_("Why it belongs here, with sources"),
        help_text=_("Markdown. Say what shows each fact (links to the producer's own pages are best)."))

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("code_licence") or cleaned.get("code_coverage")) and not cleaned.get("code_url"):
            self.add_error("code_url", ValidationError(NO_CODE_REPOSITORY, code="required"))
        return cleaned


class ProblemReportForm(HoneypotMixin):
    summary = forms.CharField(max_length=200, label=_("Summary"), help_text=_("What is wrong, in one line."))
    details = forms.CharField(required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 5}), label=_("Details"),
                              help_text=_("Markdown. What should it say instead?"))
    source_url = HttpUrlField(label=_("Source"), help_text=_("A page that shows it (optional)."))


def structured(cleaned: dict) -> dict:
    """The JSON stored as a submission's `data`: the valid values, Hub ids split into id and type."""
    data = {name: value for name, value in cleaned.items() if name != HONEYPOT_FIELD}
    if "organisations" in data:
        data["organisations"] = [organisation.slug for organisation in data["organisations"]]
    if "hub_repo_ids" in data:
        data["hub_repos"] = [hub_repo(value) for value in data.pop("hub_repo_ids")]
    return data
