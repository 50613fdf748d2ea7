"""manage.py check_submissions: run the Hub check again, here and now, for submissions whose check failed."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from registry.hub import HubError
from registry.services.hub_sync import build_hub_client
from registry.services.submission_checks import check_submission_hub, submissions_due_for_check


class Command(BaseCommand):
    help = "Check again on the Hub the pending submissions whose last check failed (the periodic task does it too)."

    def handle(self, *args, **options):
        client = build_hub_client()
        due = submissions_due_for_check(failed_before=timezone.now())
        failed = 0
        for submission_id in due:
            try:
                check_submission_hub(submission_id=submission_id, client=client)
            except HubError as error:
                failed += 1
                self.stderr.write(f"Submission #{submission_id}: {error}")
        self.stdout.write(f"Checked {len(due)} submission(s); {failed} failed again.")
