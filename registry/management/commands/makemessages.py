"""Django's makemessages, run over the project's own code only, with file-level locations (no line
numbers) so that moving a string does not rewrite the .po files.

    python manage.py makemessages -l fr     # then translate locale/fr/LC_MESSAGES/django.po
"""

from django.core.management.commands import makemessages

NOT_OURS = [".venv/*", "venv/*", "tests/*", "bench/*", "build/*", "staticfiles/*", "screenshots/*"]


class Command(makemessages.Command):
    # registry.vocabulary.plural_noop("family", "families") marks a plural pair that ngettext translates later;
    # registry.openness.schemes.translatable("…") a sentence of the pure rules that pages translate.
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=plural_noop:1,2", "--keyword=translatable"]

    def handle(self, *args, **options):
        options["ignore_patterns"] = [*options["ignore_patterns"], *NOT_OURS]
        options["add_location"] = options["add_location"] or "file"
        options["no_obsolete"] = True
        super().handle(*args, **options)
