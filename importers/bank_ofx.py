"""Bank statement in OFX (1.x SGML or 2.x XML): only the benefit payments are taken.

Read tag by tag (``importers.ofx_tags``), not by a strict parser: French banks mix closed and
unclosed tags, leave an element empty (``<MEMO>`` alone on a line) and write amounts with a
decimal comma, and the statement is still right. A transaction becomes a payment only when its
label names a benefits payer (CAF, CPAM, France Travail or Pôle emploi, MSA, CARSAT; see
benefit_terms.PAYERS) and it is a credit. Every other line of the statement is skipped without
being kept, logged or mentioned: a bank statement says far more about a person than the wallet
needs. The person confirms the payments found, each shown with its line. The account is the
statement's account number (ACCTID).

A file that truly cannot be read is refused with its real cause: not text, no ``<OFX>`` body,
or cut short (no closing ``</OFX>``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from importers.base import (
    AccountId,
    Detection,
    FileRefused,
    FileSample,
    Item,
    ProgressCallback,
    Rejected,
    decode_text,
    no_progress,
)
from importers.benefit_terms import BANK_ACCOUNT, bank_payment, payer_of
from importers.localtime import PARIS, parse_cents
from importers.ofx_tags import Transaction, read

_POSTED = re.compile(
    r"^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?(?:\.\d+)?)?"
    r"\s*(?:\[\s*([+-]?\d+(?:\.\d+)?)\s*(?::[^\]]*)?\])?\s*$"
)


class BankOfx:
    name = "bank_ofx"
    version = "2"
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
        decoded = decode_text(path.read_bytes())
        if decoded is None:
            raise FileRefused(
                "the file is not text, as an OFX statement is. Download the statement again "
                "from your bank choosing the OFX (Money, Quicken) format."
            )
        document = read(decoded[0])
        if not document.has_ofx:
            raise FileRefused(
                "the file has an OFX header but no <OFX> statement after it. Download the "
                "statement again from your bank."
            )
        if not document.closed:
            raise FileRefused(
                "the file stops before its end (the closing OFX tag is missing): it was cut "
                "short while downloading or copying. Download the statement again."
            )
        for done, statement in enumerate(document.statements, start=1):
            account = AccountId(statement.account) if statement.account else BANK_ACCOUNT
            for transaction in statement.transactions:
                found = _payment(account, transaction)
                if found is not None:
                    yield found
            on_progress(done, len(document.statements))


def _payment(account: AccountId, transaction: Transaction) -> Item | None:
    fields = transaction.fields
    parts = (fields.get("NAME", ""), fields.get("PAYEE.NAME", ""), fields.get("MEMO", ""))
    label = " ".join(part for part in parts if part)
    payer = payer_of(label)
    if payer is None:
        return None  # not a benefit: skipped, never kept
    try:
        cents = parse_cents(fields.get("TRNAMT", ""))
    except ValueError:
        return Rejected(transaction.line, "the amount (TRNAMT) of a benefit line is not a number")
    if cents <= 0:
        return None  # money paid to the office (a repayment) is not a benefit received
    try:
        paid_on = posted_day(fields.get("DTPOSTED", ""))
    except ValueError:
        return Rejected(transaction.line, "the date (DTPOSTED) of a benefit line is not a date")
    shown = f"{cents // 100},{cents % 100:02d}"
    evidence = f"{paid_on:%d/%m/%Y} {label} +{shown}"
    return bank_payment(account, payer, paid_on, cents, label, evidence)


def posted_day(text: str) -> date:
    """The Paris calendar day of an OFX date ``YYYYMMDD[HHMMSS[.XXX]][[offset:TZ]]``.

    A time without an offset is GMT, as the OFX specification says.
    """
    match = _POSTED.match(text.strip())
    if not match:
        raise ValueError("not an OFX date")
    year, month, day, hour, minute, second, offset = match.groups()
    moment = datetime(
        int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
    )
    hours = float(offset) if offset else 0.0
    instant = (moment - timedelta(hours=hours)).replace(tzinfo=UTC)
    return instant.astimezone(PARIS).date()


IMPORTER = BankOfx()
