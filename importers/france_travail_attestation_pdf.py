"""France Travail (ex Pôle emploi) payment attestation (PDF), read by content.

See importers/attestation_pdf.py. Payments go to the account ``france-travail``, the same as
the letters list (JSON). Older attestations carry the Pôle emploi letterhead.
"""

from __future__ import annotations

import re

from importers.attestation_pdf import AttestationPdf
from importers.benefit_terms import FRANCE_TRAVAIL_ACCOUNT

IMPORTER = AttestationPdf(
    name="france_travail_attestation_pdf",
    label="France Travail payment attestation (PDF)",
    payer="France Travail",
    account=FRANCE_TRAVAIL_ACCOUNT,
    letterhead=re.compile(r" (?:FRANCE TRAVAIL|POLE EMPLOI) "),
)
