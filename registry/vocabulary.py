"""The openness vocabulary as readers see it, in the page's language: the legs, their values and the
short labels. The stored values and the API keep the English words (`registry.openness.types`)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext

LEG_NAMES: dict[str, Promise] = {"code": _("code"), "model": _("model"), "corpus": _("corpus")}
VALUE_NAMES: dict[str, Promise] = {
    "open": _("open"), "partial": _("partial"), "closed": _("closed"), "unknown": _("unknown"),
}
LABEL_NAMES: dict[str, Promise] = {
    "E2E open": _("E2E open"),
    "open weights": _("open weights"),
    "restricted weights": _("restricted weights"),
    "closed": _("closed"),
    "unknown": _("unknown"),
}


# "7 open": how many model families have a leg value or an openness label (French adjectives agree with it).
FAMILY_COUNTS: dict[str, Promise] = {
    "open": ngettext_lazy("%(count)s open", "%(count)s open", "count"),
    "partial": ngettext_lazy("%(count)s partial", "%(count)s partial", "count"),
    "closed": ngettext_lazy("%(count)s closed", "%(count)s closed", "count"),
    "unknown": ngettext_lazy("%(count)s unknown", "%(count)s unknown", "count"),
    "E2E open": ngettext_lazy("%(count)s E2E open", "%(count)s E2E open", "count"),
    "open weights": ngettext_lazy("%(count)s open weights", "%(count)s open weights", "count"),
    "restricted weights": ngettext_lazy("%(count)s restricted weights", "%(count)s restricted weights", "count"),
}


def families_counted(word: str, count: int) -> str:
    """"7 open", "19 open weights": `count` model families with the leg value or label `word`."""
    return FAMILY_COUNTS[str(word)] % {"count": count}


def label_separator() -> str:
    """The colon between a label and its value: "code: open", "code\u00a0: ouvert" in French."""
    return pgettext("label separator", ":")


def plural_noop(singular: str, plural: str) -> tuple[str, str]:
    """A singular and plural pair, marked for makemessages and translated later by ngettext with a count."""
    return singular, plural


SCHEME_VALUES: dict[str, Promise] = {
    "Class I": _("Class I"), "Class II": _("Class II"), "Class III": _("Class III"), "not met": _("not met"),
    "conditions look met": _("conditions look met"), "cannot tell": _("cannot tell"),
}
FACT_KINDS: dict[str, Promise] = {"computed": _("computed"), "asserted": _("asserted")}


def scheme_value_name(value: str) -> str:
    """"Class III", "not met", ... of another openness scheme, in the page's language."""
    return str(SCHEME_VALUES.get(value, value))


def leg_name(leg: str) -> str:
    return str(LEG_NAMES.get(leg, leg))


def value_name(value: str) -> str:
    return str(VALUE_NAMES.get(value, value))


def label_name(label: str) -> str:
    return str(LABEL_NAMES.get(str(label), label))
