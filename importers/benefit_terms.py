"""The words of French benefit statements: who pays, which benefit, which month, how much.

Shared by the importers that find payments by content (attestation PDFs, bank statements),
whose layouts are not published. Matching is done on text folded to upper case without
accents, so "Prime d'activité", "PRIME D ACTIVITE" and "prime d’activite" are one name.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date

from importers.base import AccountId, Payment

# Accounts used when the file names none; documented in README.md (benefits section).
CAF_ACCOUNT = AccountId("caf")
FRANCE_TRAVAIL_ACCOUNT = AccountId("france-travail")
BANK_ACCOUNT = AccountId("bank")


def fold(text: str) -> str:
    """Upper case, no accents, every run of non-alphanumerics as one space."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " " + re.sub(r"[^0-9A-Z]+", " ", plain.upper()).strip() + " "


def _words(*alternatives: str) -> re.Pattern[str]:
    """A pattern matching any of the folded phrases as whole words."""
    return re.compile(r" (?:" + "|".join(alternatives) + r") ")


# Payers recognised in a bank statement label, in the order they are tried.
PAYERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("France Travail", _words("FRANCE TRAVAIL", "POLE EMPLOI", "POLEEMPLOI")),
    ("CAF", _words("CAF", "CNAF", "CAISSE D ALLOCATIONS FAMILIALES")),
    ("CPAM", _words("CPAM", "CAISSE PRIMAIRE D ASSURANCE MALADIE", "ASSURANCE MALADIE")),
    ("MSA", _words("MSA", "MUTUALITE SOCIALE AGRICOLE")),
    ("CARSAT", _words("CARSAT")),
)

# Benefit names as stored, with the phrases and acronyms that name them. Acronyms are only
# trusted in upper case in the source (see ``benefit_of``): "are" is also an English word.
BENEFITS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("Aide personnalisée au logement", ("AIDE PERSONNALISEE AU LOGEMENT",), ("APL",)),
    ("Allocation de logement familiale", ("ALLOCATION DE LOGEMENT FAMILIALE",), ("ALF",)),
    ("Allocation de logement sociale", ("ALLOCATION DE LOGEMENT SOCIALE",), ("ALS",)),
    ("Allocation de logement", ("ALLOCATIONS? (?:DE )?LOGEMENT", "ALLOC LOGEMENT"), ()),
    ("Allocations familiales", ("ALLOCATIONS FAMILIALES",), ()),
    ("Complément familial", ("COMPLEMENT FAMILIAL",), ()),
    ("Prime d'activité", ("PRIME D ACTIVITE", "PRIME ACTIVITE"), ()),
    ("Revenu de solidarité active", ("REVENU DE SOLIDARITE ACTIVE",), ("RSA",)),
    ("Allocation aux adultes handicapés", ("ALLOCATION AUX ADULTES HANDICAPES",), ("AAH",)),
    ("Allocation de rentrée scolaire", ("ALLOCATION DE RENTREE SCOLAIRE",), ("ARS",)),
    ("Allocation de soutien familial", ("ALLOCATION DE SOUTIEN FAMILIAL",), ("ASF",)),
    ("Prestation d'accueil du jeune enfant", ("PRESTATION D ACCUEIL DU JEUNE ENFANT",), ("PAJE",)),
    (
        "Allocation d'aide au retour à l'emploi",
        ("ALLOCATION D AIDE AU RETOUR A L EMPLOI", "AIDE AU RETOUR A L EMPLOI"),
        ("ARE",),
    ),
    ("Allocation de solidarité spécifique", ("ALLOCATION DE SOLIDARITE SPECIFIQUE",), ("ASS",)),
    (
        "Aide à la reprise ou à la création d'entreprise",
        ("AIDE A LA REPRISE OU A LA CREATION D ENTREPRISE",),
        ("ARCE",),
    ),
    ("Indemnités journalières", ("INDEMNITES JOURNALIERES",), ("IJ",)),
)

_NAMES = tuple((name, _words(*phrases)) for name, phrases, _ in BENEFITS)
_ACRONYMS = tuple(
    (name, re.compile(r"(?<![0-9A-Za-z])(?:" + "|".join(acr) + r")(?![0-9A-Za-z])"))
    for name, _, acr in BENEFITS
    if acr
)


def payer_of(label: str) -> str | None:
    """The benefits payer named in a bank label, or None for any other line."""
    folded = fold(label)
    for payer, pattern in PAYERS:
        if pattern.search(folded):
            return payer
    return None


def benefit_of(text: str) -> str | None:
    """The benefit named in ``text`` (full name first, then an upper-case acronym)."""
    # The payer's own name holds a benefit's words ("Caisse d'allocations familiales").
    folded = fold(text).replace(" CAISSE D ALLOCATIONS FAMILIALES ", " ")
    found = [
        (m.start(), m.start() - m.end(), name) for name, p in _NAMES if (m := p.search(folded))
    ]
    if not found:
        found = [(m.start(), 0, name) for name, p in _ACRONYMS if (m := p.search(text))]
    # The first name in the text wins; of two starting together, the longer ("... familiale").
    return min(found)[2] if found else None


# --- amounts and dates -------------------------------------------------------------------

# "1 085,93 €", "312,47 EUR", "-45,10€": a decimal comma and a euro marker, as printed.
_SPACE = "[ \u00a0\u202f.]"
EURO_AMOUNT = re.compile(
    r"(?<![\d,.])(?P<sign>-\s?)?(?P<units>\d{1,3}(?:" + _SPACE + r"\d{3})+|\d+),(?P<cents>\d{2})"
    r"\s?(?:€|EUR\b|euros?\b)(?P<per_day>\s?(?:/\s?j(?:our)?\b|par jour\b))?",
    re.IGNORECASE,
)


def euro_amounts(text: str) -> list[int]:
    """Every amount paid in ``text``, in cents; daily rates ("35,03 € / jour") are left out."""
    found = []
    for match in EURO_AMOUNT.finditer(text):
        if match.group("per_day"):
            continue
        units = re.sub(_SPACE, "", match.group("units"))
        cents = int(units) * 100 + int(match.group("cents"))
        found.append(-cents if match.group("sign") else cents)
    return found


MONTHS = {
    "JANVIER": 1,
    "FEVRIER": 2,
    "MARS": 3,
    "AVRIL": 4,
    "MAI": 5,
    "JUIN": 6,
    "JUILLET": 7,
    "AOUT": 8,
    "SEPTEMBRE": 9,
    "OCTOBRE": 10,
    "NOVEMBRE": 11,
    "DECEMBRE": 12,
}
# No check after the year: PDF text glues a narrow table cell to the next ("30/11/202530").
_DAY = re.compile(r"(?<!\d)(\d{2})/(\d{2})/(\d{4})")
_RANGE = re.compile(
    r"(?<!\d)(\d{2}/\d{2}/\d{4})\s?(?:au|a|-|–)\s?(\d{2}/\d{2}/\d{4})", re.IGNORECASE
)
_MONTH_NAME = re.compile(r" (" + "|".join(MONTHS) + r") (\d{4}) ")
_MONTH_NUMBER = re.compile(r"(?<![\d/])(\d{2})/(\d{4})(?![\d/])")


def day(text: str) -> date:
    """``DD/MM/YYYY`` as a date; ValueError without the value in the message."""
    match = _DAY.fullmatch(text.strip())
    if not match:
        raise ValueError("date is not in the form DD/MM/YYYY")
    dd, mm, yyyy = (int(g) for g in match.groups())
    try:
        return date(yyyy, mm, dd)
    except ValueError:
        raise ValueError("date does not exist in the calendar") from None


def month_span(year: int, month: int) -> tuple[str, str]:
    """First and last day of a calendar month, ISO."""
    last = calendar.monthrange(year, month)[1]
    return date(year, month, 1).isoformat(), date(year, month, last).isoformat()


class LineDates:
    """The dates on one line of an attestation: the period it covers and the day it was paid."""

    def __init__(self, text: str) -> None:
        self.period: tuple[str, str] | None = None
        self.paid_on: str | None = None
        rest = text
        span = _RANGE.search(text)
        if span:
            first, last = day(span.group(1)), day(span.group(2))
            self.period = (first.isoformat(), last.isoformat())
            rest = text[: span.start()] + " " + text[span.end() :]
        days = [day(m.group(0)) for m in _DAY.finditer(rest)]
        if days:
            self.paid_on = days[-1].isoformat()
        if self.period is None:
            self.period = _month_of(rest)


def _month_of(text: str) -> tuple[str, str] | None:
    named = _MONTH_NAME.search(fold(text))
    if named:
        return month_span(int(named.group(2)), MONTHS[named.group(1)])
    numbered = _MONTH_NUMBER.search(_DAY.sub(" ", text))
    if numbered and 1 <= int(numbered.group(1)) <= 12:
        return month_span(int(numbered.group(2)), int(numbered.group(1)))
    return None


def bank_payment(
    account: AccountId, payer: str, paid_on: date, amount_cents: int, label: str, evidence: str
) -> Payment:
    """A benefit payment picked from a bank statement line (the label names its benefit)."""
    return Payment(
        account=account,
        payer=payer,
        benefit=benefit_of(label) or "",
        paid_on=paid_on.isoformat(),
        period_start=None,
        period_end=None,
        amount_cents=amount_cents,
        evidence=evidence,
    )
