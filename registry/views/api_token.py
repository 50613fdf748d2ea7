"""The signed-in contributor's API token: see whether one exists, create or replace it, revoke it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from registry.services.api_tokens import get_api_token, regenerate_api_token, revoke_api_token


@login_required
@require_http_methods(["GET", "POST"])
def api_token(request):
    """GET: whether the account has a token (never its key). POST "regenerate": a new token, whose key is shown
    on this answer only; POST "revoke": the token stops working."""
    action = request.POST.get("action")
    if action == "regenerate":
        token = regenerate_api_token(user=request.user)
        return render(request, "registry/api_token.html", {"token": token, "new_key": token.key})
    if action == "revoke":
        if revoke_api_token(user=request.user):
            messages.success(request, gettext("Your API token is revoked: requests that use it are now refused."))
        return redirect("registry:api-token")
    if request.method == "POST":
        messages.error(request, gettext("Choose to create a new token or to revoke yours."))
    return render(request, "registry/api_token.html", {"token": get_api_token(user=request.user)})
