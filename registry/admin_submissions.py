"""Submissions in the admin: read-only for now, so moderators can see them until the moderation queue lands.

Nothing typed can be edited here; decisions will go through registry.services (see README, "Contributions").
"""

from django.contrib import admin

from registry.models import Submission


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "title", "status", "check_status", "submitter", "project", "created_at"]
    list_filter = ["kind", "status", "check_status"]
    search_fields = ["submitter__email"]
    list_select_related = ["submitter", "project"]
    readonly_fields = [field.name for field in Submission._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
