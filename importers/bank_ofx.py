"""Bank statement in OFX (1.x SGML or 2.x XML): only the benefit payments are taken.

Parsed with ofxtools. A transaction becomes a payment only when its label names a benefits
payer (CAF, CPAM, France Travail or Pôle emploi, MSA, CARSAT; see benefit_terms.PAYERS) and it
is a credit. Every other line of the statement is skipped without being kept, logged or
mentioned: a bank statement says far more about a person than the wallet needs. The person
confirms the payments found, each shown with its line. The account is the statement's
account number (ACCTID).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from importers.base import (
    AccountId,
    Detection,
    FileSample,
    Item,
    ProgressCallback,
    no_progress,
)
from importers.benefit_terms import BANK_ACCOUNT, bank_payment, payer_of
from importers.guard import refused_when_damaged
from importers.localtime import PARIS


class BankOfx:
    name = "bank_ofx"
    version = "1"
    label = "Bank statement (OFX), benefit payments only"
    datasets = ("benefits",)
    needs_confirmation = True
    source_tz = "Europe/Paris"

    def detect(self, sample: FileSample) -> Detection:
        head = (sample.text or "").upper()
        if "OFXHEADER" not in head and "<OFX>" not in head:
            return Detection(0.0)
        if "<STMTTRN>" in head or "<BANKTRANLIST>" in head or "<CCSTMTRS>" in head:
            return Detection(0.9, "an OFX bank statement")
        return Detection(0.0, near_miss="an OFX file, but without a bank statement (STMTTRN)")

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        with refused_when_damaged("OFX bank statement", "ofxtools"):
            from ofxtools.Parser import OFXTree  # slow to load; rarely needed

            tree = OFXTree()
            tree.parse(str(path))
            ofx = tree.convert()
        statements = list(getattr(ofx, "statements", []) or [])
        for done, statement in enumerate(statements, start=1):
            account = _account(statement)
            for transaction in statement.transactions or []:
                found = _payment(account, transaction)
                if found is not None:
                    yield found
            on_progress(done, len(statements))


def _account(statement: Any) -> AccountId:
    account = getattr(statement, "account", None)
    number = getattr(account, "acctid", None)
    return AccountId(str(number).strip()) if number else BANK_ACCOUNT


def _payment(account: AccountId, transaction: Any) -> Item | None:
    name = getattr(transaction, "name", None) or ""
    payee = getattr(getattr(transaction, "payee", None), "name", None) or ""
    memo = getattr(transaction, "memo", None) or ""
    label = " ".join(part for part in (name, payee, memo) if part)
    payer = payer_of(label)
    if payer is None:
        return None  # not a benefit: skipped, never kept
    amount: Decimal = transaction.trnamt
    if amount <= 0:
        return None  # money paid to the office (a repayment) is not a benefit received
    posted: datetime = transaction.dtposted
    paid_on = posted.astimezone(PARIS).date()
    cents = int((amount * 100).to_integral_value())
    shown = f"{amount:.2f}".replace(".", ",")
    evidence = f"{paid_on:%d/%m/%Y} {label} +{shown}"
    return bank_payment(account, payer, paid_on, cents, label, evidence)


IMPORTER = BankOfx()
