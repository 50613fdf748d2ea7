"""Moderators' back office: every model, searchable and filterable."""

from django import forms
from django.contrib import admin
from django.db.models import Q
from django.utils.html import format_html, format_html_join

from registry.models import (
    ChangeRecord,
    CodeRepository,
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
from registry.services.hub_sync.values import BOOKKEEPING_FIELDS, TRACKED_FIELDS, VOLATILE_FIELDS
from registry.services.moderation_edits import delete_with_history, save_with_history
from registry.services.openness import clear_override, mark_project_reviewed, override_leg
from registry.services.search_index import refresh_search_vectors
from registry.tasks import enqueue_manual_sync

# What the Hub sync writes on a HubRepo: a person's value would be overwritten by the next sync.
SYNC_OWNED_FIELDS = sorted(TRACKED_FIELDS | VOLATILE_FIELDS | BOOKKEEPING_FIELDS | {
    "languages", "tags", "card_data", "library_name", "data_origin", "data_source",
})


class ModeratedEditsMixin:
    """Saves and deletions, of the row and of its inlines, go through the moderation-edit service."""

    def save_model(self, request, obj, form, change):
        save_with_history(instance=obj, changed_fields=form.changed_data, user=request.user)

    def delete_model(self, request, obj):
        delete_with_history(instance=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            delete_with_history(instance=obj, user=request.user)

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)
        for obj in formset.deleted_objects:
            delete_with_history(instance=obj, user=request.user)
        for obj, changed_fields in formset.changed_objects:
            save_with_history(instance=obj, changed_fields=changed_fields, user=request.user)
        for obj in formset.new_objects:
            save_with_history(instance=obj, changed_fields=list(formset.form.base_fields), user=request.user)
        formset.save_m2m()


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "kind", "website"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug", "website"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        refresh_search_vectors(project_ids=obj.projects.values_list("pk", flat=True))


class HubRepoInline(admin.TabularInline):
    model = HubRepo
    fields = ["repo_id", "repo_type", "role", "license", "gated", "sync_status", "last_synced_at"]
    readonly_fields = [name for name in fields if name in SYNC_OWNED_FIELDS]
    extra = 0
    show_change_link = True


class CodeRepositoryInline(admin.TabularInline):
    model = CodeRepository
    fields = ["url", "licence", "covers", "source", "source_url", "seen_at", "seen_via"]
    extra = 0
    show_change_link = True


@admin.register(Project)
class ProjectAdmin(ModeratedEditsMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "status", "needs_review", "updated_at"]
    list_filter = ["kind", "status", "needs_review", "organisations__country"]
    search_fields = ["name", "slug", "summary", "organisations__name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["organisations"]
    inlines = [HubRepoInline, CodeRepositoryInline]
    actions = ["mark_reviewed"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The organisations are saved here, after the row: their names are part of the search vector.
        refresh_search_vectors(project_ids=[form.instance.pk])

    @admin.action(description="Mark as reviewed (clears the review flag)")
    def mark_reviewed(self, request, queryset):
        reviewed = sum(mark_project_reviewed(project=project, user=request.user) for project in queryset)
        self.message_user(request, f"{reviewed} project(s) marked as reviewed.")


@admin.register(HubNamespace)
class HubNamespaceAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "tracked", "last_listed_at", "error_count"]
    list_filter = ["tracked"]
    search_fields = ["name", "organisation__name"]
    autocomplete_fields = ["organisation"]


@admin.register(HubRepo)
class HubRepoAdmin(ModeratedEditsMixin, admin.ModelAdmin):
    list_display = ["repo_id", "repo_type", "project", "license", "gated", "sync_status",
                    "discovered", "last_synced_at", "error_count"]
    list_filter = ["repo_type", "sync_status", "gated", "discovered", "license"]
    search_fields = ["repo_id", "project__name"]
    autocomplete_fields = ["project", "namespace"]
    readonly_fields = [*SYNC_OWNED_FIELDS, "created_at", "updated_at"]
    actions = ["sync_now"]

    @admin.action(description="Sync now from the Hub")
    def sync_now(self, request, queryset):
        pks = list(queryset.values_list("pk", flat=True))
        run = enqueue_manual_sync(repo_pks=pks)
        self.message_user(request, f"Sync run {run.pk} started for {len(pks)} repositories; see the sync runs.")


@admin.register(Licence)
class LicenceAdmin(ModeratedEditsMixin, admin.ModelAdmin):
    list_display = ["identifier", "name", "spdx_id", "licence_class", "osi_approved", "unrestricted"]
    list_filter = ["licence_class", "osi_approved", "unrestricted"]
    search_fields = ["identifier", "name", "spdx_id"]


class LegOverrideForm(forms.ModelForm):
    """A moderator's override: a value and a justification; an empty value clears the override."""

    class Meta:
        model = LegAssessment
        fields = ["override_value", "override_justification"]
        help_texts = {
            "override_value": "Leave empty to show the computed value again.",
            "override_justification": "Required with an override: what the evidence misses, with a source.",
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("override_value") and not (cleaned.get("override_justification") or "").strip():
            self.add_error("override_justification", "An override needs a written justification.")
        return cleaned


class ReviewFamilyFilter(admin.SimpleListFilter):
    """A flagged project's legs and its checkpoints' legs together."""

    title = "project to review"
    parameter_name = "family"

    def lookups(self, request, model_admin):
        return [(project.pk, project.name) for project in Project.objects.filter(needs_review=True)]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(Q(project_id=self.value()) | Q(hub_repo__project_id=self.value()))
        return queryset


@admin.register(LegAssessment)
class LegAssessmentAdmin(admin.ModelAdmin):
    """Legs are computed by the registry; moderators only override them, through the openness services."""

    form = LegOverrideForm
    list_display = ["__str__", "leg", "computed_value", "override_value", "computed_at"]
    list_filter = [ReviewFamilyFilter, "leg", "computed_value", "override_value"]
    list_select_related = ["project", "hub_repo"]
    search_fields = ["project__name", "hub_repo__repo_id", "hub_repo__project__name"]
    fields = ["project", "hub_repo", "leg", "computed_value", "reason", "override_value",
              "override_justification", "overridden_by", "overridden_at", "evidence", "caveats",
              "warnings", "computed_at"]
    readonly_fields = ["project", "hub_repo", "leg", "computed_value", "reason", "overridden_by",
                       "overridden_at", "evidence", "caveats", "warnings", "computed_at"]

    @admin.display(description="Facts")
    def evidence(self, obj):
        items = format_html_join(
            "", "<li><strong>{}</strong> ({}, {}): {}</li>",
            ((fact["value"], fact["kind"], fact["source"], fact["shows"]) for fact in obj.facts),
        )
        return format_html("<ul>{}</ul>", items) if obj.facts else "-"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        value = form.cleaned_data["override_value"]
        if value:
            justification = form.cleaned_data["override_justification"]
            override_leg(leg_assessment=obj, value=value, justification=justification, user=request.user)
        else:
            clear_override(leg_assessment=obj, user=request.user)


@admin.register(Evidence)
class EvidenceAdmin(ModeratedEditsMixin, admin.ModelAdmin):
    list_display = ["project", "leg", "value", "source", "source_key", "seen_at"]
    list_filter = ["leg", "value", "source"]
    search_fields = ["project__name", "statement", "url"]
    raw_id_fields = ["project", "hub_repo", "created_by"]


@admin.register(CodeRepository)
class CodeRepositoryAdmin(ModeratedEditsMixin, admin.ModelAdmin):
    list_display = ["url", "project", "licence", "covers", "source", "seen_at"]
    list_filter = ["covers", "source"]
    search_fields = ["url", "project__name", "licence"]
    autocomplete_fields = ["project"]
    raw_id_fields = ["created_by"]


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

# Registered here: Submission (read-only) and API tokens (through their service).
from registry import admin_submissions, admin_tokens  # noqa: E402,F401
