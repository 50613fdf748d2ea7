"""Submissions sent through the API: the site's forms validate them (one validation layer); the answer says
where the submission stands. The request schemas are drawn from the same forms, so the published contract
lists exactly the fields the forms accept."""

from django import forms
from django.utils.datastructures import MultiValueDict
from rest_framework import serializers

from registry.forms.corrections import CorrectionForm, structured_correction
from registry.forms.fields import ListField
from registry.forms.submissions import HONEYPOT_FIELD, ProjectSubmissionForm, structured
from registry.models import Project, Submission
from registry.moderation_selectors import current_values


class SubmissionSerializer(serializers.Serializer):
    """Output: the saved submission's id, kind, status and Hub check status."""

    id = serializers.IntegerField(read_only=True, help_text="The submission's id")
    kind = serializers.CharField(read_only=True, help_text="new-project or correction")
    status = serializers.CharField(read_only=True, help_text="pending until a moderator decides")
    check_status = serializers.CharField(read_only=True, help_text="Where the Hub check of its repos stands")
    url = serializers.SerializerMethodField(help_text="The submission's page (for its sender and moderators)")

    def get_url(self, submission: Submission) -> str:
        return self.context["request"].build_absolute_uri(submission.get_absolute_url())


class ProjectSubmissionSerializer(SubmissionSerializer):
    """Input: the fields of the site's "Propose a project" form, as JSON (lists for the list fields, organisation
    slugs for `organisations`)."""

    def to_internal_value(self, data):
        return structured(_valid_form(ProjectSubmissionForm, data))


class CorrectionSerializer(SubmissionSerializer):
    """Input: the fields of the site's "Suggest a correction" form, as JSON; a field left out keeps the
    project's value. The project is the one in the path (`context["project"]`)."""

    def to_internal_value(self, data):
        project: Project = self.context["project"]
        if isinstance(data, dict):
            data = {**current_values(project), **data}
        return structured_correction(_valid_form(CorrectionForm, data, project=project), project)


def _valid_form(form_class, data, **kwargs) -> dict:
    if not isinstance(data, dict):
        raise serializers.ValidationError({"non_field_errors": ["Send a JSON object."]})
    # Lists stay lists for the multiple-choice field; everything else is read as the form reads a POST.
    form = form_class(data=MultiValueDict(
        {key: value if key == "organisations" and isinstance(value, list) else [value] for key, value in data.items()}
    ), **kwargs)
    if not form.is_valid():
        raise serializers.ValidationError(
            {field: [str(message) for message in messages] for field, messages in form.errors.items()})
    return form.cleaned_data


def request_serializer(name: str, form_class: type[forms.Form], *, required: set[str] | None = None,
                       ) -> type[serializers.Serializer]:
    """A serializer describing `form_class`'s fields for the schema (the honeypot left out); `required` names
    the required fields when they are not the form's own."""
    fields = {name: _schema_field(field, field.required if required is None else name in required,
                                  str(field.help_text or field.label or name.replace("_", " ").capitalize()))
              for name, field in form_class.base_fields.items() if name != HONEYPOT_FIELD}
    return type(name, (serializers.Serializer,), fields)


def _schema_field(field: forms.Field, required: bool, help_text: str) -> serializers.Field:
    options = {"required": required, "help_text": help_text}
    if isinstance(field, forms.ModelMultipleChoiceField):
        return serializers.ListField(child=serializers.SlugField(), **options)
    if isinstance(field, ListField):
        return serializers.ListField(child=serializers.CharField(max_length=field.max_item_length),
                                     max_length=field.max_items, **options)
    if isinstance(field, forms.ChoiceField):
        return serializers.ChoiceField(choices=field.choices, allow_blank=not field.required, **options)
    if isinstance(field, forms.URLField):
        return serializers.URLField(max_length=field.max_length, allow_blank=True, **options)
    return serializers.CharField(max_length=getattr(field, "max_length", None), allow_blank=not field.required,
                                 **options)


ProjectSubmissionRequest = request_serializer("ProjectSubmissionRequest", ProjectSubmissionForm)
# A field left out of a correction keeps the project's value: only the justification is required.
CorrectionRequest = request_serializer("CorrectionRequest", CorrectionForm, required={"justification"})
