"""The steps of a Hub sync run, kept in the database so that a Redis restart loses no bookkeeping."""

from django.db import models

from registry.models.hub import SyncRun


class SyncStep(models.Model):
    """One unit of work of a SyncRun (the dispatch, one namespace listing, one repo), claimed once per run.

    `deliveries` counts how often a worker started the step (retries and broker redeliveries), so a
    task that keeps coming back is given up instead of looping; `done_at` is set once, by whoever ends it.
    """

    run = models.ForeignKey(SyncRun, on_delete=models.CASCADE, related_name="steps")
    key = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    deliveries = models.PositiveIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "key"], name="unique_sync_step")]

    def __str__(self):
        return f"{self.run_id}:{self.key}"
