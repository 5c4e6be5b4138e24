"""French income tax notice ("avis d'impôt sur le revenu", PDF from impots.gouv.fr), by content.

Like the payment attestations (``importers.attestation_pdf``), the layout is not published,
so nothing is read by position. The notice is recognised by its title ("Avis d'impôt",
"avis d'imposition" or "de non-imposition") with a line naming the "revenu fiscal de
référence"; a property or housing tax notice is not one. Three figures are read:

- the income year, from "revenus de l'année 2024" (or "revenus 2024"), else the notice's
  own year less one ("Avis d'impôt 2025" is about 2024 incomes);
- the revenu fiscal de référence, a whole number of euros, on its line or the next;
- the number of parts ("Nombre de parts : 1,50"), on its line or the next.

The person confirms the figures with the lines they were read from before anything is
stored (``needs_confirmation``). Tax numbers and notice references are never read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from importers.attestation_pdf import clean, first_pages, pdf_pages
from importers.base import (
    Detection,
    FileSample,
    Item,
    ProgressCallback,
    Rejected,
    TaxNotice,
    no_progress,
)
from importers.benefit_terms import fold

_TITLE = re.compile(r" AVIS D (?:IMPOT|IMPOSITION)| AVIS DE NON IMPOSITION ")
_OTHER_TAXES = re.compile(r" TAXE (?:FONCIERE|D HABITATION) ")
_INCOME_TAX = re.compile(r" (?:IMPOT SUR LES? REVENUS?|REVENUS DE L ANNEE|REVENUS \d{4}) ")
_RFR = " REVENU FISCAL DE REFERENCE "
_PARTS = " NOMBRE DE PARTS "
_INCOME_YEAR = re.compile(r" REVENUS (?:DE L ANNEE |PERCUS EN )?(\d{4}) ")
_NOTICE_YEAR = re.compile(r" AVIS D (?:IMPOT|IMPOSITION) (\d{4}) ")
# "18 532 €", "18532", "18.532 EUR": whole euros with optional thousands separators.
_EUROS = re.compile(r"(?<![\d,])(\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,(\d{2}))?(?![\d,])")
_PARTS_VALUE = re.compile(r"(?<![\d,])(\d{1,2})(?:,(\d{1,2}))?(?![\d,])")
MAX_PARTS = 20


class TaxNoticePdf:
    name = "tax_notice_pdf"
    version = "1"
    label = "Income tax notice (avis d'impôt, PDF)"
    datasets = ("household",)
    needs_confirmation = True
    source_tz = "Europe/Paris"

    def detect(self, sample: FileSample) -> Detection:
        if not sample.is_pdf:
            return Detection(0.0)
        text = fold(
            " ".join(clean(line) for page in first_pages(sample.path) for line in page.splitlines())
        )
        if not _TITLE.search(text) or (_OTHER_TAXES.search(text) and not _INCOME_TAX.search(text)):
            return Detection(0.0)
        if _RFR in text and _PARTS in text:
            return Detection(0.9, "an income tax notice with a revenu fiscal de référence")
        return Detection(
            0.0,
            near_miss="a tax notice, but without the lines 'Revenu fiscal de référence' and "
            "'Nombre de parts' (is it the income tax notice itself, page 1 included?)",
        )

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        pages = pdf_pages(path)
        if pages is None:
            yield Rejected(1, "the PDF is protected by a password; download it again")
            return
        lines = [clean(line) for page in pages for line in page.splitlines()]
        numbered = [(n, line) for n, line in enumerate(lines, start=1) if line]
        if not numbered:
            yield Rejected(1, "the PDF holds no text (a scan?); download the notice itself")
            return
        on_progress(1, 2)
        yield _read(numbered)
        on_progress(2, 2)


def _read(lines: list[tuple[int, str]]) -> Item:
    whole = fold(" ".join(text for _, text in lines))
    year = _income_year(whole)
    if year is None:
        return Rejected(1, "no income year found ('revenus de l'année …' or 'Avis d'impôt …')")
    income = _figure(lines, _RFR, _EUROS)
    if income is None:
        return Rejected(1, "no 'revenu fiscal de référence' with an amount in euros")
    parts = _figure(lines, _PARTS, _PARTS_VALUE)
    if parts is None:
        return Rejected(income[0], "no 'nombre de parts' with a number")
    _, income_match, income_text = income
    parts_line, parts_match, parts_text = parts
    units = int(re.sub(r"\D", "", income_match.group(1)))
    cents = units * 100 + int(income_match.group(2) or 0)
    whole_parts, fraction = int(parts_match.group(1)), parts_match.group(2) or "0"
    hundredths = whole_parts * 100 + int(fraction.ljust(2, "0"))
    if not 0 < hundredths <= MAX_PARTS * 100:
        return Rejected(parts_line, "the number of parts is out of range")
    evidence = income_text if income_text == parts_text else f"{income_text} | {parts_text}"
    return TaxNotice(year, cents, hundredths, evidence)


def _income_year(text: str) -> int | None:
    found = _INCOME_YEAR.search(text)
    if found:
        return int(found.group(1))
    notice = _NOTICE_YEAR.search(text)
    return int(notice.group(1)) - 1 if notice else None


def _figure(
    lines: list[tuple[int, str]], label: str, value: re.Pattern[str]
) -> tuple[int, re.Match[str], str] | None:
    """The first value after ``label`` on its line, or alone on the next line."""
    words = re.compile(r"\W+".join(label.split()))
    for index, (number, text) in enumerate(lines):
        found = words.search(_plain(text))
        if found is None:
            continue
        match = value.search(text[found.end() :])
        if match is not None:
            return number, match, text
        if index + 1 < len(lines):
            following = lines[index + 1][1]
            match = value.fullmatch(following.replace("€", "").replace("EUR", "").strip())
            if match is not None:
                return number, match, f"{text} {following}"
    return None


def _plain(text: str) -> str:
    """Upper case without accents, the same length as ``text`` (so positions carry over)."""
    return "".join(
        (unicodedata.normalize("NFKD", c)[0] if c.isalpha() else c).upper() for c in text
    )


IMPORTER = TaxNoticePdf()
