"""Moderators' pages on the public site: the queue of submissions, one submission with its decision forms,
and the projects whose facts need review."""

from functools import wraps

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from registry import moderation_selectors, reply_selectors, selectors
from registry.forms.moderation import APPROVE, REJECT, DecisionForm
from registry.markdown import render_markdown
from registry.services import moderation
from registry.services.corrections import preview_correction_legs


def moderator_required(view):
    """Anonymous visitors are sent to log in; signed-in people who do not moderate get a 403."""
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not moderation_selectors.can_moderate(request.user):
            raise PermissionDenied("Moderators only.")
        return view(request, *args, **kwargs)
    return wrapped


@moderator_required
def moderation_queue(request):
    """Pending and sent-back submissions, newest first, each with what was typed and what the checks found."""
    return render(request, "registry/moderation_queue.html", {
        "entries": moderation_selectors.describe_submissions(list(moderation_selectors.list_moderation_queue())),
        "claims": reply_selectors.list_pending_claims(),
        "sync_flags": moderation_selectors.list_sync_flags(),
    })


@moderator_required
@require_http_methods(["GET", "POST"])
def moderation_submission(request, pk: int):
    """One submission with the approve, reject and ask-for-changes forms (POST applies one)."""
    submission = moderation_selectors.get_submission_for_moderation(pk=pk)
    if submission is None:
        raise Http404("No such submission")
    form = DecisionForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            return _decide(request, submission, form.cleaned_data)
        messages.error(request, gettext("Nothing was decided: see the message next to the field."))
    return render(request, "registry/moderation_submission.html", {
        **moderation_selectors.describe_submissions([submission])[0], "form": form, "leg_previews": _leg_previews(submission, request.user),
        "versions": submission.versions.select_related("requested_by"),
        "justification_html": _markdown(submission.data.get("justification")),
        "details_html": _markdown(submission.data.get("details")),
    }, status=400 if form.errors else 200)


@staff_member_required
def moderation_review(request):
    """Projects whose newly computed facts contradict a moderator's override, or whose sources disagree on a
    leg, each with the reason."""
    return render(request, "registry/moderation_review.html", {
        "projects": selectors.list_projects_needing_review(),
    })


def _leg_previews(submission, moderator) -> list:
    """The legs now and as approving would make them, for an open correction."""
    if submission.kind != submission.Kind.CORRECTION or submission.status not in moderation.OPEN_STATUSES:
        return []
    return preview_correction_legs(submission=submission, moderator=moderator)


def _decide(request, submission, cleaned: dict):
    action = cleaned["action"]
    if action == APPROVE and submission.status == submission.Status.APPROVED:
        messages.warning(request, gettext("Submission #%(number)s was approved already: nothing changed.")
                         % {"number": submission.pk})
        return redirect("registry:moderation-submission", pk=submission.pk)
    try:
        if action == APPROVE:
            submission = moderation.approve_submission(submission=submission, moderator=request.user)
        elif action == REJECT:
            moderation.reject_submission(submission=submission, moderator=request.user, reason=cleaned["reason"])
        else:
            moderation.request_changes(submission=submission, moderator=request.user, message=cleaned["message"])
    except moderation.AlreadyDecided as error:
        messages.warning(request, str(error))
        return redirect("registry:moderation-submission", pk=submission.pk)
    messages.success(request, _done(action, submission))
    return redirect("registry:moderation-queue")


def _done(action: str, submission) -> str:
    if action == APPROVE and submission.project:
        return gettext("Submission #%(number)s approved: %(name)s is public.") % {
            "number": submission.pk, "name": submission.project.name}
    done = {APPROVE: gettext("Submission #%(number)s approved."), REJECT: gettext("Submission #%(number)s rejected.")}
    return done.get(action, gettext("Submission #%(number)s sent back to its contributor.")) % {"number": submission.pk}


def _markdown(text) -> str:
    # render_markdown disables raw HTML and sanitises its output with nh3: safe to insert.
    return mark_safe(render_markdown(str(text))) if text else ""
