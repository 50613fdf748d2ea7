"""Accounts and roles: contributors sign up themselves (allauth); moderators are made by this service."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from registry.accounts import MODERATOR_GROUP


def make_moderator(*, email: str, password: str | None = None):
    """Create the account for `email`, or find it, and make it a moderator: staff, in the "moderator" group,
    its e-mail verified and primary. Returns (user, created). Idempotent. A new account gets `password`, or
    an unusable one (set it through password reset). Raises ValueError for an invalid address."""
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValueError(f"Not an e-mail address: {email!r}") from error
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        created = user is None
        if created:
            user = User.objects.create_user(username=_free_username(email), email=email, password=password)
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        user.groups.add(Group.objects.get(name=MODERATOR_GROUP))
        EmailAddress.objects.update_or_create(user=user, email__iexact=email,
                                              defaults={"email": email, "verified": True, "primary": True})
    return user, created


def _free_username(email: str) -> str:
    User = get_user_model()
    base = email.split("@", 1)[0][:140] or "moderator"
    name, number = base, 1
    while User.objects.filter(username=name).exists():
        number += 1
        name = f"{base}{number}"
    return name
