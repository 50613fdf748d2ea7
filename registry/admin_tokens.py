"""API tokens in the admin: DRF's token admin, with issuing and revoking going through registry.services.api_tokens."""

from django.contrib import admin
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy

from registry.services.api_tokens import regenerate_api_token, revoke_api_token

admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class ApiTokenAdmin(TokenAdmin):
    """Staff revoke a token by deleting it, and issue one by adding it for an account (replacing any other)."""

    def save_model(self, request, obj, form, change):
        obj.key = regenerate_api_token(user=obj.user).key

    def delete_model(self, request, obj):
        revoke_api_token(user=obj.user)

    def delete_queryset(self, request, queryset):
        for token in queryset.select_related("user"):
            revoke_api_token(user=token.user)
