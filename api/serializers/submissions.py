"""A submission sent through the API: the site's form validates it (one validation layer), the answer says
where it stands."""

from django.utils.datastructures import MultiValueDict
from rest_framework import serializers

from registry.forms.submissions import ProjectSubmissionForm, structured
from registry.models import Submission


class ProjectSubmissionSerializer(serializers.Serializer):
    """Input: the fields of the site's "Propose a project" form, as JSON (lists for the list fields, organisation
    slugs for `organisations`). Output: the saved submission's id, kind, status and Hub check status."""

    id = serializers.IntegerField(read_only=True, help_text="The submission's id")
    kind = serializers.CharField(read_only=True, help_text="Always new-project here")
    status = serializers.CharField(read_only=True, help_text="pending until a moderator decides")
    check_status = serializers.CharField(read_only=True, help_text="Where the Hub check of its repos stands")
    url = serializers.SerializerMethodField(help_text="The submission's page (for its sender and moderators)")

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError({"non_field_errors": ["Send a JSON object."]})
        # Lists stay lists for the multiple-choice field; everything else is read as the form reads a POST.
        form = ProjectSubmissionForm(data=MultiValueDict(
            {key: value if key == "organisations" and isinstance(value, list) else [value] for key, value in data.items()}
        ))
        if not form.is_valid():
            raise serializers.ValidationError(
                {field: [str(message) for message in messages] for field, messages in form.errors.items()})
        return structured(form.cleaned_data)

    def get_url(self, submission: Submission) -> str:
        return self.context["request"].build_absolute_uri(submission.get_absolute_url())
