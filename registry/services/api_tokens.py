"""API tokens (DRF's authtoken: one per account): issued, replaced and revoked only here.

A revoked or replaced key stops working at once: the next request carrying it is a 401.
"""

from django.db import transaction
from rest_framework.authtoken.models import Token


def regenerate_api_token(*, user) -> Token:
    """Give `user` a new token, revoking the one they had; returns it (its `key` is the secret to show once)."""
    with transaction.atomic():
        Token.objects.filter(user=user).delete()
        return Token.objects.create(user=user)


def revoke_api_token(*, user) -> bool:
    """Delete `user`'s token; True if there was one. Idempotent."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return bool(deleted)


def get_api_token(*, user) -> Token | None:
    """`user`'s token, if any."""
    return Token.objects.filter(user=user).first()
