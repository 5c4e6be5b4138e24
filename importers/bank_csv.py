"""Bank statement CSV of the main French banks: only the benefit payments are taken.

The banks' layouts differ but share a shape: a few lines about the account (holder, account
number or IBAN), then a header with a date, a label ("Libellé") and either one signed amount
("Montant", "Montant(EUROS)", "amount") or two columns "Débit" and "Crédit"; `;` between
cells, decimal commas, cp1252 or UTF-8, labels spread over several lines inside quotes.
The header is found by the names of its columns, not by position. Headers seen in public
parsers of these exports:

- Crédit Agricole: ``Date;Libellé;Débit euros;Crédit euros;`` (cp1252, labels on 2-3 lines)
- Crédit Mutuel, CIC: ``Date;Date de valeur;Débit;Crédit;Libellé;Solde`` (latin-1)
- Boursorama: ``dateOp;dateVal;label;category;…;amount;comment;accountNum;…`` (UTF-8, BOM)

and, as users describe them (not checked against a real file): Société Générale
``Date de l'opération;Libellé;Détail de l'écriture;Montant de l'opération;Devise``, La Banque
Postale ``Date;Libellé;Montant(EUROS);Montant(FRANCS)``. Any layout with the same kinds of
columns is read the same way.

A line becomes a payment only when its label names a benefits payer (benefit_terms.PAYERS)
and it is a credit. Every other line is skipped unread beyond its label: never kept, logged,
or quoted in a rejection. The account is the IBAN or account number printed above the header
(or in an account column), else ``bank``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from importers.base import (
    OTHER_KIND,
    AccountId,
    Detection,
    FileSample,
    Item,
    NotStored,
    ProgressCallback,
    Rejected,
    decode_text,
    no_progress,
)
from importers.benefit_terms import BANK_ACCOUNT, bank_payment, fold, payer_of
from importers.guard import NOT_CSV, csv_records, first_record
from importers.localtime import parse_cents

HEADER_SEARCH_LINES = 40
DELIMITERS = (";", "\t", ",")
_IBAN = re.compile(r"\bFR\d{2}(?: ?[0-9A-Z]{4}){5} ?[0-9A-Z]{3}\b")
_ACCOUNT_NUMBER = re.compile(r"\b(?=[0-9A-Z]*\d{6})[0-9A-Z]{8,34}\b")
_DATE_FORMATS = (
    (re.compile(r"^(\d{2})/(\d{2})/(\d{4})$"), (3, 2, 1)),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), (1, 2, 3)),
    (re.compile(r"^(\d{2})/(\d{2})/(\d{2})$"), (3, 2, 1)),
    (re.compile(r"^(\d{2})-(\d{2})-(\d{4})$"), (3, 2, 1)),
)


@dataclass(frozen=True)
class Layout:
    """Which column holds what, found from the header's names."""

    delimiter: str
    header_line: int  # 1-based line number of the header
    date: int
    labels: tuple[int, ...]
    amount: int | None
    debit: int | None
    credit: int | None
    account: int | None


def _role_columns(cells: list[str]) -> dict[str, list[int]]:
    roles: dict[str, list[int]] = {}
    for index, cell in enumerate(cells):
        name = fold(cell).strip()
        if name.startswith("DATE") or name == "DATEOP":
            # The value date is the bank's, the operation date the person's: prefer the latter.
            later = "VAL" in name
            roles.setdefault("date_value" if later else "date", []).append(index)
        elif "LIBELLE" in name or name == "LABEL" or name.startswith("DETAIL"):
            roles.setdefault("label", []).append(index)
        elif name.startswith("DEBIT"):
            roles.setdefault("debit", []).append(index)
        elif name.startswith("CREDIT"):
            roles.setdefault("credit", []).append(index)
        elif ("MONTANT" in name or name == "AMOUNT") and "FRANC" not in name:
            roles.setdefault("amount", []).append(index)
        elif name in ("ACCOUNTNUM", "NUMERO DE COMPTE", "COMPTE", "IBAN"):
            roles.setdefault("account", []).append(index)
    return roles


def find_layout(lines: list[str]) -> tuple[Layout | None, str]:
    """The header among the first lines, or None and what the closest line lacks."""
    near = ""
    for number, line in enumerate(lines[:HEADER_SEARCH_LINES], start=1):
        for delimiter in DELIMITERS:
            if delimiter not in line:
                continue
            cells = first_record(line, delimiter)
            roles = _role_columns(cells)
            dates = roles.get("date") or roles.get("date_value")
            has_money = "amount" in roles or "credit" in roles
            if dates and "label" in roles and has_money:
                return Layout(
                    delimiter=delimiter,
                    header_line=number,
                    date=dates[0],
                    labels=tuple(roles["label"]),
                    amount=roles["amount"][0] if "amount" in roles else None,
                    debit=roles["debit"][0] if "debit" in roles else None,
                    credit=roles["credit"][0] if "credit" in roles else None,
                    account=roles["account"][0] if "account" in roles else None,
                ), ""
            if dates and "label" in roles and not near:
                # Only a "Libellé" makes a bank statement likely; energy files have dates too.
                found = delimiter.join(c.strip() for c in cells if c.strip())
                near = (
                    "expected a Montant or Débit/Crédit column beside Date and Libellé, "
                    f"found the columns {found}"
                )
    return None, near


def preamble_account(lines: list[str]) -> AccountId:
    """The IBAN, else an account number, printed above the header; else the default."""
    for line in lines:
        iban = _IBAN.search(line.upper())
        if iban:
            return AccountId(iban.group(0).replace(" ", ""))
    for line in lines:
        if "COMPTE" in fold(line):
            number = _ACCOUNT_NUMBER.search(line.upper())
            if number:
                return AccountId(number.group(0))
    return BANK_ACCOUNT


def parse_day(text: str) -> date:
    cleaned = text.strip()
    for pattern, (y, m, d) in _DATE_FORMATS:
        match = pattern.match(cleaned)
        if match:
            year = int(match.group(y))
            year += 2000 if year < 100 else 0
            try:
                return date(year, int(match.group(m)), int(match.group(d)))
            except ValueError:
                raise ValueError("date does not exist in the calendar") from None
    raise ValueError("date is not in the form DD/MM/YYYY")


def _cents(text: str) -> int:
    cleaned = re.sub(r"(?i)\s*(?:€|eur|euros)\s*$", "", text.strip()).lstrip("+")
    try:
        return parse_cents(cleaned)
    except ValueError:
        raise ValueError("amount is not a number") from None


class BankCsv:
    name = "bank_csv"
    version = "1"
    label = "Bank statement (CSV), benefit payments only"
    datasets = ("benefits",)
    needs_confirmation = True
    source_tz = "Europe/Paris"

    def detect(self, sample: FileSample) -> Detection:
        if sample.text is None:
            return Detection(0.0)
        layout, near = find_layout(sample.lines)
        if layout is not None:
            return Detection(0.8, "a bank statement header (date, label, amount)")
        return Detection(0.0, near_miss=near)

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        # A statement is small (a few thousand lines a year), so it is decoded whole: one
        # encoding decision for the file, and quoted labels may span lines.
        decoded = decode_text(path.read_bytes())
        if decoded is None:
            yield Rejected(1, "the file is not text; export the statement as CSV again")
            return
        text = decoded[0]
        lines = text.splitlines()
        layout, _ = find_layout(lines)
        if layout is None:
            yield Rejected(1, "no header with a date, a label and an amount was found")
            return
        account = preamble_account(lines[: layout.header_line - 1])
        body = "\n".join(lines[layout.header_line :])
        reader = csv.reader(io.StringIO(body, newline=""), delimiter=layout.delimiter)
        previous_end = 0
        total = len(lines)
        for cells in csv_records(reader):
            first_line = layout.header_line + previous_end + 1
            previous_end = reader.line_num
            if cells is None:
                yield Rejected(first_line, NOT_CSV)
                continue
            if not any(cell.strip() for cell in cells):
                continue
            item = self._row(layout, account, first_line, cells)
            if item is not None:
                yield item
            if reader.line_num % 512 == 0:
                on_progress(layout.header_line + reader.line_num, total)
        on_progress(total, total)

    def _row(self, layout: Layout, account: AccountId, line: int, cells: list[str]) -> Item | None:
        label = " ".join(
            " ".join(cells[i].split()) for i in layout.labels if i < len(cells) and cells[i]
        )
        payer = payer_of(label)
        if payer is None:
            return NotStored(OTHER_KIND, 1, line)  # not a benefit: skipped unread, never kept
        try:
            paid_on = parse_day(cells[layout.date])
            amount = self._amount(layout, cells)
        except (ValueError, IndexError) as exc:
            reason = str(exc) if isinstance(exc, ValueError) else "the line has too few cells"
            return Rejected(line, f"a {payer} payment line: {reason}")
        if amount <= 0:
            return None  # money paid to the office (a repayment) is not a benefit received
        row_account = account
        if layout.account is not None and cells[layout.account].strip():
            row_account = AccountId(cells[layout.account].strip().replace(" ", ""))
        evidence = layout.delimiter.join(" ".join(cell.split()) for cell in cells)
        return bank_payment(row_account, payer, paid_on, amount, label, evidence)

    def _amount(self, layout: Layout, cells: list[str]) -> int:
        if layout.amount is not None and cells[layout.amount].strip():
            return _cents(cells[layout.amount])
        if layout.credit is not None and cells[layout.credit].strip():
            return abs(_cents(cells[layout.credit]))
        if layout.debit is not None and cells[layout.debit].strip():
            return -abs(_cents(cells[layout.debit]))
        raise ValueError("the line has no amount")


IMPORTER = BankCsv()
