"""manage.py create_moderator <email>: one command to make a person a moderator (the first one included)."""

import getpass
import sys

from django.core.management.base import BaseCommand, CommandError

from registry.services.accounts import make_moderator


class Command(BaseCommand):
    help = ("Create (or promote) the account with this e-mail address as a moderator: verified e-mail, staff, "
            "member of the 'moderator' group. Asks for a password for a new account when run in a terminal.")

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--no-input", action="store_true",
                            help="Never ask for a password (the person then sets one through 'Forgot password')")

    def handle(self, *args, email: str, no_input: bool, **options):
        password = None
        if not no_input and sys.stdin.isatty():
            password = getpass.getpass("Password (empty: set it later through 'Forgot password'): ") or None
        try:
            user, created = make_moderator(email=email, password=password)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"{'Created' if created else 'Promoted'} moderator {user.email}."
            + ("" if user.has_usable_password() else " Set a password at /accounts/password/reset/.")))
