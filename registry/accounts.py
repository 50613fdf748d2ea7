"""Accounts: contributors sign up through django-allauth; moderators are the members of one group."""

MODERATOR_GROUP = "moderator"


def login_name(request, credentials: dict | None) -> str | None:
    """The name django-axes counts failures under, for the admin's form and allauth's alike.

    The admin posts and authenticates with `username`; allauth posts `login` and authenticates with `email`.
    """
    credentials = credentials or {}
    name = credentials.get("username") or credentials.get("email") or credentials.get("login")
    if not name and request is not None and hasattr(request, "POST"):
        name = request.POST.get("login") or request.POST.get("username")
    return name.strip() if isinstance(name, str) else name
