"""The body of every error response (see api.errors)."""

from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in one sentence.")
    code = serializers.CharField(
        help_text="Machine-readable: `invalid_parameter`, `not_found`, `throttled`, "
                  "`not_acceptable`, `method_not_allowed`, ...")
    parameter = serializers.CharField(
        required=False, help_text="The query parameter at fault, when one is.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False,
        help_text="Messages per query parameter at fault.")
