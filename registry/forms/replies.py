"""Right of reply: asking to represent an organisation, a representative's reply, and moderators' decisions."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from registry.forms.submissions import HoneypotMixin
from registry.models import Leg, Organisation

APPROVE, REJECT = "approve", "reject"


class RepresentationForm(HoneypotMixin):
    justification = forms.CharField(
        max_length=3000, widget=forms.Textarea(attrs={"rows": 5}), label=_("Who you are at the organisation"),
        help_text=_("Your role, and how a moderator can check it (e.g. your page on the organisation's site, or "
                    "your work address)."))


class ReplyForm(HoneypotMixin):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), to_field_name="slug",
                                          empty_label=None, label=_("Reply as"))
    leg = forms.ChoiceField(required=False, choices=[("", _("The whole assessment")), *Leg.choices], label=_("About"))
    body = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 8}), label=_("Your reply"),
                           help_text=_("Markdown. Shown on the project page as the organisation's reply."))

    def __init__(self, *args, organisations: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])


class ClaimDecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[(APPROVE, _("Verify")), (REJECT, _("Reject"))], widget=forms.HiddenInput)
    reason = forms.CharField(required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3}),
                             label=_("Reason (shown to the person)"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == REJECT and not cleaned.get("reason", "").strip():
            self.add_error("reason", ValidationError(_("Give the reason: the person reads it."), code="required"))
        return cleaned


class HideReplyForm(forms.Form):
    reason = forms.CharField(max_length=3000, widget=forms.Textarea(attrs={"rows": 2}),
                             label=_("Why hide it (e-mailed to its author)"))
