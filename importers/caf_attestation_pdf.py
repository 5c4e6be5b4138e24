"""CAF "attestation de paiement" (PDF), read by content: see importers/attestation_pdf.py.

Payments go to the account ``caf``, the same as the CAF payments list (JSON), because the
attestation belongs to the same family file. The file number printed on it is not used:
it would be one more copy of an identifier the wallet does not need.
"""

from __future__ import annotations

import re

from importers.attestation_pdf import AttestationPdf
from importers.benefit_terms import CAF_ACCOUNT

IMPORTER = AttestationPdf(
    name="caf_attestation_pdf",
    label="CAF payment attestation (PDF)",
    payer="CAF",
    account=CAF_ACCOUNT,
    letterhead=re.compile(r" (?:CAISSE D ALLOCATIONS FAMILIALES|CAF|CAF FR) "),
)
