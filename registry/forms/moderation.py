"""A moderator's decision on a submission: approve, reject (with a reason) or ask for changes (with a message)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

APPROVE, REJECT, REQUEST_CHANGES = "approve", "reject", "request-changes"


class DecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[(APPROVE, _("Approve")), (REJECT, _("Reject")),
                                        (REQUEST_CHANGES, _("Ask for changes"))], widget=forms.HiddenInput)
    reason = forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
                             label=_("Reason (shown to the contributor)"))
    message = forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
                              label=_("What to change (shown to the contributor)"))

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == REJECT and not cleaned.get("reason", "").strip():
            self.add_error("reason", ValidationError(_("Give the reason: the contributor reads it."), code="required"))
        if action == REQUEST_CHANGES and not cleaned.get("message", "").strip():
            self.add_error("message", ValidationError(_("Say what to change: the contributor reads it."),
                                                      code="required"))
        return cleaned
