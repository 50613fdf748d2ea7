"""Contributors' pages: propose a project (form, then a confirmation step showing possible duplicates), report a
problem about a project (anonymous allowed), and see one's own submissions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.datastructures import MultiValueDict
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from api.throttling import client_address, contribution_wait
from registry import moderation_selectors, reply_selectors, submission_selectors
from registry.forms.submissions import ProblemReportForm, ProjectSubmissionForm, structured
from registry.markdown import render_markdown
from registry.models import Project
from registry.services.submissions import report_problem, submit_project

DRAFT_KEY = "submission-draft"
_NOT_TYPED = ("csrfmiddlewaretoken", "action")


@login_required
@require_http_methods(["GET", "POST"])
def submit(request):
    """GET: the form (the draft again with ?edit). POST "preview": check it, then show what will be sent and
    the projects it may duplicate. POST "send": save the draft as typed, then show the submission."""
    action = request.POST.get("action")
    if action == "send":
        return _send(request)
    if action == "preview":
        form = ProjectSubmissionForm(data=request.POST)
        if form.is_valid():
            request.session[DRAFT_KEY] = typed(request.POST)
            return _confirmation(request, form)
        return _form_page(request, form, status=400)
    draft = request.session.get(DRAFT_KEY) if "edit" in request.GET else None
    return _form_page(request, ProjectSubmissionForm(data=bound_form_data(draft)) if draft else ProjectSubmissionForm())


@login_required
def submission_list(request):
    """The signed-in contributor's own submissions and their statuses."""
    return render(request, "registry/submission_list.html", {
        "submissions": submission_selectors.list_submissions_of(user=request.user),
        "claims": reply_selectors.list_claims_of(user=request.user),
    })


def submission_detail(request, pk: int):
    """One submission, for the person who sent it and for moderators; a 404 for anyone else."""
    submission = submission_selectors.get_visible_submission(user=request.user, pk=pk)
    if submission is None:
        raise Http404("No such submission")
    described = moderation_selectors.describe_submissions([submission], find_duplicates=False)[0]
    return render(request, "registry/submission_detail.html", {
        "submission": submission, "changes": described["changes"], "attachments": described["attachments"],
        "versions": submission.versions.select_related("requested_by"),
        "justification_html": _markdown(submission.data.get("justification")),
        "details_html": _markdown(submission.data.get("details")),
    })


@require_http_methods(["GET", "POST"])
def project_report(request, slug: str):
    """A short form to report a problem with a project; anonymous visitors may send it (throttled)."""
    project = get_object_or_404(Project.objects.exclude(status=Project.Status.HIDDEN), slug=slug)
    form = ProblemReportForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.caught_a_bot:
        return _thanks(request, project)  # a bot learns nothing; nothing is saved
    if request.method == "POST" and form.is_valid():
        if (wait := contribution_wait(request)) is not None:
            return too_many(request, wait)
        report_problem(project=project, submitter=request.user, raw_data=typed(request.POST),
                       data=structured(form.cleaned_data), ip_address=client_address(request))
        return _thanks(request, project)
    return render(request, "registry/project_report.html", {"project": project, "form": form},
                  status=400 if form.errors else 200)


def _send(request):
    draft = request.session.get(DRAFT_KEY)
    if not draft:
        messages.warning(request, gettext("Nothing to send: fill in the form first."))
        return redirect("registry:submit")
    form = ProjectSubmissionForm(data=bound_form_data(draft))
    if form.caught_a_bot:
        request.session.pop(DRAFT_KEY, None)
        return redirect("registry:submission-list")
    if not form.is_valid():
        return _form_page(request, form, status=400)
    if (wait := contribution_wait(request)) is not None:
        return too_many(request, wait)
    submission = submit_project(submitter=request.user, raw_data=draft, data=structured(form.cleaned_data),
                                ip_address=client_address(request))
    request.session.pop(DRAFT_KEY, None)
    messages.success(request, gettext("Thank you: submission #%(number)s is saved and waits for a moderator.")
                     % {"number": submission.pk})
    return redirect(submission)


def _confirmation(request, form):
    data = structured(form.cleaned_data)
    duplicates = submission_selectors.find_possible_duplicates(
        name=data["name"], hub_repo_ids=[repo["repo_id"] for repo in data["hub_repos"]])
    return render(request, "registry/submission_confirm.html", {
        "form": form, "data": data, "duplicates": duplicates,
        "justification_html": _markdown(data["justification"]),
    })


def _form_page(request, form, status: int = 200):
    return render(request, "registry/submission_form.html", {"form": form}, status=status)


def too_many(request, wait: float):
    response = render(request, "registry/submission_throttled.html", {"wait_minutes": max(1, round(wait / 60))},
                      status=429)
    response["Retry-After"] = str(int(wait))
    return response


def _thanks(request, project):
    messages.success(request, gettext("Thank you: your report is saved and a moderator will look at it."))
    return redirect(project)


def _markdown(text) -> str:
    # render_markdown disables raw HTML and sanitises its output with nh3: safe to insert.
    return mark_safe(render_markdown(str(text))) if text else ""  # noqa: S308


def typed(post) -> dict:
    """The form exactly as received: one string per field, a list where a field was sent several times."""
    return {key: values[0] if len(values) == 1 else values
            for key, values in post.lists() if key not in _NOT_TYPED}


def bound_form_data(raw: dict) -> MultiValueDict:
    return MultiValueDict({key: value if isinstance(value, list) else [value] for key, value in raw.items()})
