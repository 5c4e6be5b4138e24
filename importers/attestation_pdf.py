"""Payment attestations in PDF (CAF, France Travail), read by content.

Their layouts are not published, so no column positions are assumed. A payment is a line of
the PDF's text that names a benefit (or follows a heading that does), shows an amount with a
decimal comma and a euro sign, and carries the day it was paid (on the line, or in an earlier
"payé le …" line). A period ("du 01/11/2025 au 30/11/2025", "novembre 2025", "11/2025") is
kept when the line gives one. Daily rates ("35,03 € / jour") are not amounts paid; when a
line still shows several amounts, the last one (a table's "amount paid" column) is taken.
Totals are skipped. Because this is a reading, not a format, every payment carries the line
it came from and the person confirms before anything is stored (``needs_confirmation``).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from typing import Any

from importers.base import (
    AccountId,
    Detection,
    FileRefused,
    FileSample,
    Item,
    Payment,
    ProgressCallback,
    Rejected,
    no_progress,
)
from importers.benefit_terms import LineDates, benefit_of, euro_amounts, fold
from importers.guard import refused_when_damaged

_PAID_WORDS = re.compile(r" (?:PAYE|PAYEE|PAIEMENT|VERSE|VERSEE|VERSEMENT|VIREMENT) ")
_LETTERHEAD_LINES = 6


# An attestation is a page or three of text. A crafted PDF (pages sharing one content stream
# of millions of operators) would take minutes a page: pages, content and work are capped.
MAX_PAGES = 40
MAX_PAGE_CONTENT_BYTES = 1024 * 1024
MAX_OPERATIONS = 100_000  # for the whole file; a real attestation has a few thousand
MAX_SECONDS = 15.0
_TOO_HEAVY = (
    "the PDF holds far more than a payment attestation (pages or drawing instructions); "
    "download the attestation itself from the provider"
)


class _Budget:
    """Counts the drawing operators text extraction visits, and the time it takes."""

    def __init__(self) -> None:
        self.spent = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def spend(self, *_visited: object) -> None:
        self.spent += 1
        if self.spent > MAX_OPERATIONS or (
            self.spent % 1000 == 0 and time.monotonic() > self.deadline
        ):
            raise FileRefused(_TOO_HEAVY)


def _page_text(page: Any, budget: _Budget) -> str:
    contents = page.get_contents()
    if contents is not None and len(contents.get_data()) > MAX_PAGE_CONTENT_BYTES:
        raise FileRefused(_TOO_HEAVY)
    return page.extract_text(visitor_operand_before=budget.spend) or ""


def pdf_pages(path: Path, limit: int | None = None) -> list[str] | None:
    """The text of each page (up to ``limit``); None when a password protects the file.

    A PDF pypdf cannot read (cut short, garbled) or one far heavier than an attestation
    raises FileRefused.
    """
    with refused_when_damaged("PDF document", "pypdf"):
        from pypdf import PdfReader  # slow to load; rarely needed

        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            return None
        if limit is None and len(reader.pages) > MAX_PAGES:
            raise FileRefused(_TOO_HEAVY)
        pages = reader.pages if limit is None else reader.pages[: min(limit, MAX_PAGES)]
        budget = _Budget()
        return [_page_text(page, budget) for page in pages]


@lru_cache(maxsize=8)
def _first_pages(path: Path, size: int, mtime: float) -> tuple[str, ...]:
    # Every PDF importer's detect reads the same pages: read them once per file version.
    try:
        return tuple(pdf_pages(path, limit=2) or ())
    except FileRefused:  # a damaged PDF is simply not recognised
        return ()


def first_pages(path: Path) -> tuple[str, ...]:
    """The text of a PDF's first two pages (read once per file version); () when unreadable."""
    stat = path.stat()
    return _first_pages(path, stat.st_size, stat.st_mtime)


def clean(line: str) -> str:
    return " ".join(line.replace("\u00a0", " ").replace("\u202f", " ").split())


class AttestationPdf:
    """One office's payment attestation; the office is told apart by its letterhead."""

    version = "1"
    datasets = ("benefits",)
    needs_confirmation = True
    source_tz = "Europe/Paris"

    def __init__(
        self, name: str, label: str, payer: str, account: AccountId, letterhead: re.Pattern[str]
    ) -> None:
        self.name = name
        self.label = label
        self.payer = payer
        self.account = account
        self.letterhead = letterhead

    def detect(self, sample: FileSample) -> Detection:
        if not sample.is_pdf:
            return Detection(0.0)
        pages = first_pages(sample.path)
        lines = [clean(line) for page in pages for line in page.splitlines() if line.strip()]
        head = fold(" ".join(lines[:_LETTERHEAD_LINES]))
        if not self.letterhead.search(head):
            return Detection(0.0)
        found = _Scanner(self.payer, self.account).page(1, list(enumerate(lines, start=1)))
        if any(isinstance(item, Payment) for item in found):
            return Detection(0.9, f"a {self.payer} letterhead and lines with benefit payments")
        return Detection(
            0.0,
            near_miss=f"a {self.payer} document, but no line names a benefit with an amount "
            "in euros (is it a payment attestation?)",
        )

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        pages = pdf_pages(path)
        if pages is None:
            yield Rejected(1, "the PDF is protected by a password; download it again")
            return
        if not any(page.strip() for page in pages):
            yield Rejected(1, "the PDF holds no text (a scan?); download the attestation itself")
            return
        scanner = _Scanner(self.payer, self.account)
        number = 0
        for page_number, page in enumerate(pages, start=1):
            lines = [clean(line) for line in page.splitlines()]
            numbered = [(number + i, line) for i, line in enumerate(lines, start=1) if line]
            number += len(lines)
            yield from scanner.page(page_number, numbered)
            on_progress(page_number, len(pages))


class _Scanner:
    """Walks the lines in order, remembering the benefit heading and payment day in force."""

    def __init__(self, payer: str, account: AccountId) -> None:
        self.payer = payer
        self.account = account
        self.heading: str | None = None
        self.paid_on: str | None = None

    def page(self, page_number: int, lines: list[tuple[int, str]]) -> Iterator[Item]:
        index = 0
        while index < len(lines):
            number, text = lines[index]
            index += 1
            benefit, amounts = benefit_of(text), euro_amounts(text)
            if benefit and not amounts and index < len(lines):
                # A table cell wrapped: the amount sits alone on the next line.
                following = lines[index][1]
                if euro_amounts(following) and not benefit_of(following):
                    text, amounts = f"{text} {following}", euro_amounts(following)
                    index += 1
            try:
                item: Item | None = self.line(text, benefit, amounts)
            except ValueError as exc:  # reasons name what is missing, never a value
                item = Rejected(number, f"page {page_number}: {exc}")
            if item is not None:
                yield item

    def line(self, text: str, benefit: str | None, amounts: list[int]) -> Payment | None:
        folded = fold(text)
        if " TOTAL " in folded or " TOTAUX " in folded:
            self.heading = None
            return None
        if not amounts:
            if benefit:
                self.heading = benefit
            elif _PAID_WORDS.search(folded):
                with suppress(ValueError):  # a bad date outside payments is not our business
                    self.paid_on = LineDates(text).paid_on or self.paid_on
            return None
        named = benefit or self.heading
        if named is None:
            return None
        dates = LineDates(text)
        paid_on = dates.paid_on or self.paid_on
        if paid_on is None:
            if benefit is None:
                return None  # an amount under a heading without any date: not a payment line
            raise ValueError("a benefit and an amount without the day it was paid")
        period = dates.period or (None, None)
        return Payment(
            account=self.account,
            payer=self.payer,
            benefit=named,
            paid_on=paid_on,
            period_start=period[0],
            period_end=period[1],
            amount_cents=amounts[-1],
            evidence=text,
        )
