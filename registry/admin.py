"""Moderators' back office: every model, searchable and filterable."""

from django.contrib import admin

from registry.models import (
    ChangeRecord,
    Evidence,
    HubNamespace,
    HubRepo,
    IndexAssessment,
    LegAssessment,
    Licence,
    Organisation,
    Project,
    SyncRun,
)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "kind", "website"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug", "website"]
    prepopulated_fields = {"slug": ["name"]}


class HubRepoInline(admin.TabularInline):
    model = HubRepo
    fields = ["repo_id", "repo_type", "license", "gated", "sync_status", "last_synced_at"]
    readonly_fields = ["license", "gated", "sync_status", "last_synced_at"]
    extra = 0
    show_change_link = True


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status", "needs_review", "updated_at"]
    list_filter = ["kind", "status", "needs_review", "organisations__country"]
    search_fields = ["name", "slug", "summary", "organisations__name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["organisations"]
    inlines = [HubRepoInline]


@admin.register(HubNamespace)
class HubNamespaceAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "tracked", "last_listed_at", "error_count"]
    list_filter = ["tracked"]
    search_fields = ["name", "organisation__name"]
    autocomplete_fields = ["organisation"]


@admin.register(HubRepo)
class HubRepoAdmin(admin.ModelAdmin):
    list_display = ["repo_id", "repo_type", "project", "license", "gated", "sync_status",
                    "discovered", "last_synced_at", "error_count"]
    list_filter = ["repo_type", "sync_status", "gated", "discovered", "license"]
    search_fields = ["repo_id", "project__name"]
    autocomplete_fields = ["project", "namespace"]
    readonly_fields = ["raw", "card_data", "created_at", "updated_at"]


@admin.register(Licence)
class LicenceAdmin(admin.ModelAdmin):
    list_display = ["identifier", "name", "spdx_id", "licence_class", "osi_approved", "unrestricted"]
    list_filter = ["licence_class", "osi_approved", "unrestricted"]
    search_fields = ["identifier", "name", "spdx_id"]


@admin.register(LegAssessment)
class LegAssessmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "leg", "computed_value", "override_value", "computed_at"]
    list_filter = ["leg", "computed_value", "override_value"]
    search_fields = ["project__name", "hub_repo__repo_id"]
    raw_id_fields = ["project", "hub_repo", "overridden_by"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["project", "leg", "value", "source", "source_key", "seen_at"]
    list_filter = ["leg", "value", "source"]
    search_fields = ["project__name", "statement", "url"]
    raw_id_fields = ["project", "hub_repo", "created_by"]


@admin.register(IndexAssessment)
class IndexAssessmentAdmin(admin.ModelAdmin):
    list_display = ["system_name", "project", "score", "end_model_license"]
    search_fields = ["system_name", "project__name"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """History is append-only: visible to moderators, never edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ChangeRecord)
class ChangeRecordAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "field", "project", "hub_repo", "old_value", "new_value",
                    "sync_run", "changed_by"]
    list_filter = ["field"]
    search_fields = ["project__name", "hub_repo__repo_id", "reason"]


@admin.register(SyncRun)
class SyncRunAdmin(ReadOnlyAdmin):
    list_display = ["id", "trigger", "status", "started_at", "finished_at", "requests_made",
                    "repos_changed", "repos_unchanged", "repos_failed", "repos_discovered"]
    list_filter = ["status", "trigger"]
