"""Right of reply on the site: ask to represent an organisation, publish its reply on a project page, and the
moderators' side (verify or reject a claim, hide a reply)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from api.throttling import client_address, contribution_wait
from registry.forms.replies import APPROVE, ClaimDecisionForm, HideReplyForm, ReplyForm, RepresentationForm
from registry.models import AssessmentReply, Organisation, Project, Representative
from registry.services import right_of_reply
from registry.views.moderation import moderator_required
from registry.views.submissions import too_many


@login_required
@require_http_methods(["GET", "POST"])
def represent_organisation(request, slug: str):
    """Ask to represent an organisation, with a justification a moderator checks (throttled, honeypot)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    form = RepresentationForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.caught_a_bot:
        return redirect("registry:submission-list")
    if request.method == "POST" and form.is_valid():
        if (wait := contribution_wait(request)) is not None:
            return too_many(request, wait)
        try:
            right_of_reply.request_representation(user=request.user, organisation=organisation,
                                                  justification=form.cleaned_data["justification"],
                                                  ip_address=client_address(request))
        except right_of_reply.AlreadyAsked as error:
            messages.warning(request, str(error))
        else:
            messages.success(request, gettext("Thank you: a moderator will check that you represent %(name)s.")
                             % {"name": organisation.name})
        return redirect("registry:submission-list")
    return render(request, "registry/representation_form.html", {"organisation": organisation, "form": form},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def reply_to_assessment(request, slug: str):
    """A verified representative of one of the project's organisations publishes its reply; anyone else 403."""
    project = get_object_or_404(Project.objects.exclude(status=Project.Status.HIDDEN), slug=slug)
    organisations = right_of_reply.organisations_represented(user=request.user, project=project)
    if not organisations:
        raise PermissionDenied("Only a verified representative of one of the project's organisations may reply.")
    form = ReplyForm(data=request.POST if request.method == "POST" else None, organisations=organisations)
    if request.method == "POST" and form.caught_a_bot:
        return redirect(project)
    if request.method == "POST" and form.is_valid():
        if (wait := contribution_wait(request)) is not None:
            return too_many(request, wait)
        right_of_reply.publish_reply(author=request.user, project=project, ip_address=client_address(request),
                                     **{name: form.cleaned_data[name] for name in ("organisation", "leg", "body")})
        messages.success(request, gettext("Your organisation's reply is published."))
        return redirect(f"{project.get_absolute_url()}#replies-title")
    return render(request, "registry/reply_form.html", {"project": project, "form": form},
                  status=400 if form.errors else 200)


@moderator_required
@require_POST
def decide_claim(request, pk: int):
    """Verify or reject a request to represent an organisation, from the moderation queue."""
    claim = get_object_or_404(Representative, pk=pk)
    form = ClaimDecisionForm(data=request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Nothing was decided: %(errors)s") % {
            "errors": " ".join(form.errors.get("reason", [gettext("invalid form")]))})
        return redirect("registry:moderation-queue")
    try:
        if form.cleaned_data["action"] == APPROVE:
            right_of_reply.approve_representation(claim=claim, moderator=request.user)
        else:
            right_of_reply.reject_representation(claim=claim, moderator=request.user,
                                                 reason=form.cleaned_data["reason"])
    except right_of_reply.AlreadyDecided as error:
        messages.warning(request, str(error))
    else:
        messages.success(request, gettext("Decided: %(name)s for %(organisation)s.") % {
            "name": claim.user.get_username(), "organisation": claim.organisation.name})
    return redirect("registry:moderation-queue")


@moderator_required
@require_POST
def hide_reply(request, pk: int):
    reply = get_object_or_404(AssessmentReply.objects.select_related("project"), pk=pk)
    form = HideReplyForm(data=request.POST)
    if form.is_valid():
        right_of_reply.hide_reply(reply=reply, moderator=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, gettext("The reply is hidden."))
    else:
        messages.error(request, gettext("Nothing was hidden: give the reason."))
    return redirect(f"{reply.project.get_absolute_url()}#replies-title")
