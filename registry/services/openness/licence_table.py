"""The licence table the rules read: the packaged one, with the classification stored in the database.

`Licence` rows (seeded from hf_licences.json, editable by moderators) are the one classification that the
rules, the API and the filters share. The packaged table still brings what the rows do not store (SPDX
alternatives, ScanCode keys) so that free-text and SPDX declarations keep resolving.
"""

from dataclasses import replace

from registry.models import Licence as LicenceRow
from registry.openness.licences import Licence, LicenceTable, default_licence_table


def current_licence_table() -> LicenceTable:
    """The licence table as stored now (one query)."""
    packaged = {licence.hf_id: licence for licence in default_licence_table()}
    rows = {row.identifier: row for row in LicenceRow.objects.all()}
    merged = [_with_row(licence, rows.pop(hf_id, None)) for hf_id, licence in packaged.items()]
    return LicenceTable(merged + [_from_row(row) for row in rows.values()])


def _with_row(licence: Licence, row: LicenceRow | None) -> Licence:
    if row is None:
        return licence
    return replace(licence, name=row.name, licence_class=row.licence_class, reason=row.reason,
                   unrestricted=row.unrestricted, osi_approved=row.osi_approved, is_family=row.is_family)


def _from_row(row: LicenceRow) -> Licence:
    return Licence(hf_id=row.identifier, name=row.name, licence_class=row.licence_class, reason=row.reason,
                   spdx_id=row.spdx_id or None, unrestricted=row.unrestricted, osi_approved=row.osi_approved,
                   is_family=row.is_family)
