"""A correction to an existing project: any of its fields, evidence for one openness leg, and Hub or code
repositories to attach. One validation layer for the site's form and the API.

The form opens filled with the project as it is; `structured_correction` keeps only what the contributor
changed (so a later edit of another field is never reverted by approving), plus what is attached.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from registry.forms.fields import HttpUrlField, ListField, hub_id_validator, hub_repo
from registry.forms.submissions import HONEYPOT_FIELD, NO_CODE_REPOSITORY, HoneypotMixin, ProjectSubmissionForm
from registry.models import CodeCoverage, Leg, LegValue, Project
from registry.moderation_selectors import CORRECTABLE_FIELDS, current_values

EVIDENCE_FIELDS = ("evidence_leg", "evidence_value", "evidence_url", "evidence_shows")
CODE_FIELDS = ("attach_code_url", "attach_code_licence", "attach_code_coverage")
# A plain string (tests and the API compare with it), translated when raised.
NOTHING_CHANGED = gettext_noop(
    "Nothing differs from the project as it is: change a field, attach something or give evidence.")
EVIDENCE_INCOMPLETE = _("Evidence needs its leg, value, source and what it shows.")


class CorrectionForm(HoneypotMixin):
    name = ProjectSubmissionForm.base_fields["name"]
    project_kind = ProjectSubmissionForm.base_fields["project_kind"]
    summary = forms.CharField(required=False, max_length=500, label=_("Summary"),
                              help_text=_("One sentence on what it is."))
    organisations = ProjectSubmissionForm.base_fields["organisations"]
    new_organisations = ProjectSubmissionForm.base_fields["new_organisations"]
    countries = ProjectSubmissionForm.base_fields["countries"]
    languages = ProjectSubmissionForm.base_fields["languages"]
    website = HttpUrlField(label=_("Website"))
    paper_url = HttpUrlField(label=_("Paper"))
    code_url = HttpUrlField(label=_("Code link"))
    hub_repo_ids = ListField(max_items=20, max_item_length=200, item_validators=[hub_id_validator],
                             label=_("Attach Hugging Face Hub repositories"),
                             help_text=_("One a line: namespace/name, or datasets/namespace/name for a dataset."))
    attach_code_url = HttpUrlField(label=_("Attach a code repository"))
    attach_code_licence = forms.CharField(required=False, max_length=100, label=_("Its licence"),
                                          help_text=_("Its SPDX identifier, e.g. Apache-2.0."))
    attach_code_coverage = forms.ChoiceField(required=False, label=_("What its code covers"),
                                             choices=[("", "—"), *CodeCoverage.choices])
    evidence_leg = forms.ChoiceField(required=False, label=_("Evidence for the leg"),
                                     choices=[("", "—"), *Leg.choices])
    evidence_value = forms.ChoiceField(required=False, label=_("The value it supports"),
                                       choices=[("", "—"), *LegValue.choices])
    evidence_url = HttpUrlField(label=_("Its source"),
                                help_text=_("The page that shows it. The registry never fetches it."))
    evidence_shows = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                                     label=_("What the source shows"))
    evidence_quote = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                                     label=_("Quote from the source (optional)"))
    justification = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
                                    label=_("Why, with sources"), help_text=_("Markdown. Say what shows each change."))

    def __init__(self, *args, project: Project, **kwargs):
        self.project = project
        kwargs.setdefault("initial", current_values(project))
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if any(cleaned.get(name) for name in (*EVIDENCE_FIELDS, "evidence_quote")):
            for name in EVIDENCE_FIELDS:
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, ValidationError(EVIDENCE_INCOMPLETE, code="required"))
        if cleaned.get("attach_code_url") and not cleaned.get("attach_code_coverage"):
            self.add_error("attach_code_coverage", ValidationError(_("Say what the code covers."), code="required"))
        elif (cleaned.get("attach_code_licence") or cleaned.get("attach_code_coverage")) and not cleaned.get(
                "attach_code_url"):
            self.add_error("attach_code_url", ValidationError(NO_CODE_REPOSITORY, code="required"))
        if not self.errors and set(structured_correction(cleaned, self.project)) <= {"justification"}:
            raise ValidationError(gettext(NOTHING_CHANGED), code="unchanged")
        return cleaned


def structured_correction(cleaned: dict, project: Project) -> dict:
    """The JSON stored as a correction's `data`: the fields whose value differs from the project's, the Hub
    repos, code repository and evidence to attach, and the justification."""
    current = current_values(project)
    data = {name: _plain(cleaned[name]) for name in (*CORRECTABLE_FIELDS, "organisations")
            if name in cleaned and _plain(cleaned[name]) != _plain(current.get(name))}
    if cleaned.get("new_organisations"):
        data["new_organisations"] = cleaned["new_organisations"]
    if cleaned.get("hub_repo_ids"):
        data["hub_repos"] = [hub_repo(value) for value in cleaned["hub_repo_ids"]]
    if cleaned.get("attach_code_url"):
        data["code_repository"] = {"url": cleaned["attach_code_url"], "licence": cleaned.get("attach_code_licence", ""),
                                   "covers": cleaned["attach_code_coverage"]}
    if cleaned.get("evidence_leg"):
        data["evidence"] = {"leg": cleaned["evidence_leg"], "value": cleaned["evidence_value"],
                            "url": cleaned["evidence_url"], "shows": cleaned["evidence_shows"],
                            "quote": cleaned.get("evidence_quote", "")}
    data["justification"] = cleaned.get("justification", "")
    return {name: value for name, value in data.items() if name != HONEYPOT_FIELD}


def _plain(value):
    """Organisations as a sorted list of slugs, everything else as is."""
    if value is None:
        return ""
    if hasattr(value, "model"):  # a queryset of organisations
        return sorted(organisation.slug for organisation in value)
    if isinstance(value, (list, tuple)) and value and hasattr(value[0], "slug"):
        return sorted(organisation.slug for organisation in value)
    return value
