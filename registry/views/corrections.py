"""Contributors' corrections to a project, and the new version of a submission a moderator sent back."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from api.throttling import client_address, contribution_wait
from registry import submission_selectors
from registry.forms.corrections import CorrectionForm, structured_correction
from registry.forms.submissions import ProblemReportForm, ProjectSubmissionForm, structured
from registry.models import Project, Submission
from registry.services.submissions import NotResubmittable, resubmit, suggest_correction
from registry.views.submissions import bound_form_data, too_many, typed


@login_required
@require_http_methods(["GET", "POST"])
def suggest_correction_view(request, slug: str):
    """The project's fields, filled in as they are now, plus evidence and repositories to attach. POST saves
    the correction as typed (throttled; a filled honeypot saves nothing) and shows it."""
    project = get_object_or_404(Project.objects.exclude(status=Project.Status.HIDDEN), slug=slug)
    form = CorrectionForm(data=request.POST if request.method == "POST" else None, project=project)
    if request.method == "POST" and form.caught_a_bot:
        return redirect("registry:submission-list")
    if request.method == "POST" and form.is_valid():
        if (wait := contribution_wait(request)) is not None:
            return too_many(request, wait)
        submission = suggest_correction(project=project, submitter=request.user, raw_data=typed(request.POST),
                                        data=structured_correction(form.cleaned_data, project),
                                        ip_address=client_address(request))
        messages.success(request, gettext("Thank you: correction #%(number)s is saved and waits for a moderator.")
                         % {"number": submission.pk})
        return redirect(submission)
    return render(request, "registry/correction_form.html", {"project": project, "form": form},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def resubmit_view(request, pk: int):
    """A submission a moderator sent back, as its contributor last typed it, to edit and send again."""
    submission = submission_selectors.get_visible_submission(user=request.user, pk=pk)
    if submission is None or submission.submitter_id != request.user.pk:
        raise Http404("No such submission")
    if submission.status != Submission.Status.NEEDS_CHANGES:
        messages.warning(request, gettext("This submission does not wait for your changes."))
        return redirect(submission)
    data = request.POST if request.method == "POST" else bound_form_data(submission.raw_data)
    form, make_data = _form_for(submission, data)
    if request.method == "POST" and form.caught_a_bot:
        return redirect(submission)
    if request.method == "POST" and form.is_valid():
        try:
            resubmit(submission=submission, submitter=request.user, raw_data=typed(request.POST),
                     data=make_data(form.cleaned_data))
        except NotResubmittable as error:
            messages.warning(request, str(error))
            return redirect(submission)
        messages.success(request, gettext("Thank you: submission #%(number)s is back in the moderators' queue.")
                         % {"number": submission.pk})
        return redirect(submission)
    return render(request, "registry/submission_resubmit.html", {"submission": submission, "form": form},
                  status=400 if request.method == "POST" else 200)


def _form_for(submission: Submission, data):
    """The form the submission was sent with, bound to `data`, and the function making its structured data."""
    if submission.kind == Submission.Kind.CORRECTION and submission.project:
        project = submission.project
        return CorrectionForm(data=data, project=project), lambda cleaned: structured_correction(cleaned, project)
    form_class = ProjectSubmissionForm if submission.kind == Submission.Kind.NEW_PROJECT else ProblemReportForm
    return form_class(data=data), structured
