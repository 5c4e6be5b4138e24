"""What the benefits page shows: payments by benefit, the months they cover, gaps and changes.

Totals per month and year come from ``wallet.series``; this module adds what only the payment
rows tell: which benefit, which period each payment covers, and, for a benefit paid every
month, the months with no payment and the months where the amount changed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from wallet import db

REGULAR_MIN_MONTHS = 3  # fewer payments than this cannot show a rhythm


@dataclass(frozen=True)
class PaymentRow:
    account: str
    payer: str
    benefit: str
    paid_on: date
    period_start: date | None
    period_end: date | None
    amount_cents: int
    currency: str

    @property
    def label(self) -> str:
        """The benefit's name, or the payer's when the source does not name the benefit."""
        return self.benefit or self.payer

    @property
    def month(self) -> date:
        """The month the payment is for: the start of its period when known, else when paid."""
        return (self.period_start or self.paid_on).replace(day=1)


@dataclass(frozen=True)
class Gap:
    benefit: str
    month: date  # first day of a month with no payment between two paid months


@dataclass(frozen=True)
class AmountChange:
    benefit: str
    month: date
    before_cents: int
    after_cents: int


@dataclass(frozen=True)
class BenefitsSummary:
    payments: list[PaymentRow]  # oldest first
    by_benefit: dict[str, dict[date, int]]  # benefit -> month covered -> cents
    regular: list[str]  # benefits paid about once a month
    gaps: list[Gap]
    changes: list[AmountChange]
    currency: str = "EUR"

    def total_cents(self, year: int) -> int:
        return sum(p.amount_cents for p in self.payments if p.paid_on.year == year)


def payments(conn: db.Connection, first: date | None, last: date | None) -> list[PaymentRow]:
    rows = conn.execute(
        "SELECT e.identifier, p.payer, p.benefit, p.paid_on, p.period_start, p.period_end, "
        "p.amount_cents, p.currency FROM payments p JOIN entities e ON e.id = p.entity_id "
        "WHERE p.paid_on >= ? AND p.paid_on <= ? ORDER BY p.paid_on, p.id",
        (
            first.isoformat() if first else "0000-01-01",
            last.isoformat() if last else "9999-12-31",
        ),
    )
    return [
        PaymentRow(
            account,
            payer,
            benefit,
            date.fromisoformat(paid_on),
            date.fromisoformat(p_start) if p_start else None,
            date.fromisoformat(p_end) if p_end else None,
            cents,
            currency,
        )
        for account, payer, benefit, paid_on, p_start, p_end, cents, currency in rows
    ]


def payments_span(conn: db.Connection) -> tuple[date, date] | None:
    row = conn.execute("SELECT min(paid_on), max(paid_on) FROM payments").fetchone()
    if row is None or row[0] is None:
        return None
    return date.fromisoformat(row[0]), date.fromisoformat(row[1])


def month_index(month: date) -> int:
    return month.year * 12 + month.month - 1


def month_of(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def summarise(rows: list[PaymentRow]) -> BenefitsSummary:
    by_benefit: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    currencies: Counter[str] = Counter()
    for row in rows:
        by_benefit[row.label][row.month] += row.amount_cents
        currencies[row.currency] += 1
    regular: list[str] = []
    gaps: list[Gap] = []
    changes: list[AmountChange] = []
    for label in sorted(by_benefit):
        months = by_benefit[label]
        if not is_monthly(months):
            continue
        regular.append(label)
        gaps.extend(Gap(label, m) for m in missing_months(months))
        changes.extend(amount_changes(label, months))
    return BenefitsSummary(
        rows,
        {label: dict(months) for label, months in by_benefit.items()},
        regular,
        gaps,
        changes,
        currencies.most_common(1)[0][0] if currencies else "EUR",
    )


def is_monthly(months: dict[date, int]) -> bool:
    """Paid about once a month: enough months, and consecutive months are the usual step."""
    if len(months) < REGULAR_MIN_MONTHS:
        return False
    indices = sorted(month_index(m) for m in months)
    steps = Counter(b - a for a, b in pairwise(indices))
    return steps.most_common(1)[0][0] == 1


def missing_months(months: dict[date, int]) -> list[date]:
    """Months between the first and the last paid month that have no payment."""
    indices = {month_index(m) for m in months}
    lo, hi = min(indices), max(indices)
    return [month_of(i) for i in range(lo, hi + 1) if i not in indices]


def amount_changes(label: str, months: dict[date, int]) -> list[AmountChange]:
    """Each paid month whose amount differs from the previous paid month's."""
    ordered = sorted(months)
    return [
        AmountChange(label, after, months[before], months[after])
        for before, after in pairwise(ordered)
        if months[before] != months[after]
    ]
