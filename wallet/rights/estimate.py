"""Estimates month by month, beside what the wallet saw paid, and what to do about each.

``months_for`` chooses the months (the last three and the current one, or one month asked
for); ``compute`` asks the model (``engine``) for every benefit of the catalogue over the
situation ``situation.build`` makes; ``run`` does it for the wallet: it reads the household,
the newest tax notice and the payments, fills unanswered incomes from payments seen, and
keeps the result (``store.save_estimates``) for the overview and for shares.

An estimate is never a decision: only the paying organisation decides.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from wallet import db
from wallet.analytics.benefits import PaymentRow, payments
from wallet.errors import InvalidInput, NotFound
from wallet.rights import catalogue, engine, situation, store
from wallet.rights.household import Household, Limit, limits

Progress = Callable[[int, int], None]
RECENT_MONTHS = 3  # full months shown before the current one
# A difference smaller than this (or than 5 % of the estimate) is shown as "matches": the
# model rounds, and the organisation pays on its own records of the months before.
TOLERANCE_CENTS = 500
TOLERANCE_SHARE = 0.05
# Payments the wallet holds that are incomes the model takes as input, not benefits it computes.
UNEMPLOYMENT_NAMES = (
    "Allocation d'aide au retour à l'emploi",
    "Allocation de solidarité spécifique",
)
PENSION_PAYERS = ("CARSAT",)


def _no_progress(done: int, total: int) -> None:
    """Progress is optional."""


@dataclass(frozen=True)
class Line:
    period: str  # "YYYY-MM", or "YYYY" for a yearly benefit
    benefit: str  # catalogue key
    estimate_cents: int  # coverage (CSS): the monthly participation; 0 when free
    paid_cents: int | None  # None: the wallet cannot tell
    eligible: bool
    action: str  # claim | less | more | matches | none | unknown

    @property
    def difference_cents(self) -> int | None:
        return None if self.paid_cents is None else self.estimate_cents - self.paid_cents

    def as_json(self, language: str = "en") -> dict[str, Any]:
        benefit = catalogue.by_key(self.benefit)
        return {
            "period": self.period,
            "benefit": self.benefit,
            "name": benefit.name(language),
            "kind": benefit.kind,
            "eligible": self.eligible,
            "estimate": self.estimate_cents / 100,
            "paid": None if self.paid_cents is None else self.paid_cents / 100,
            "difference": None if self.difference_cents is None else self.difference_cents / 100,
            "action": self.action,
            "payer": benefit.payer(language),
            "procedure": benefit.procedure(language),
            "url": benefit.url,
        }


@dataclass(frozen=True)
class FilledIncome:
    """An income the questionnaire left open, filled from payments the wallet holds."""

    adult: int  # 1-based
    kind: str  # salary | unemployment | pension
    months: int  # months with a payment
    payer: str

    def as_json(self) -> dict[str, Any]:
        return {"adult": self.adult, "income": self.kind, "months": self.months, "from": self.payer}


@dataclass(frozen=True)
class RightsReport:
    months: list[str]
    lines: list[Line]
    limits: list[Limit]
    filled: list[FilledIncome]
    tax_notice: situation.TaxNotice | None
    model: engine.ModelInfo
    household_version: int | None = None
    computed_at: str = field(
        default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds")
    )

    def as_json(self, language: str = "en") -> dict[str, Any]:
        return {
            "estimate_not_decision": True,
            "months": self.months,
            "model": self.model.as_json(),
            "computed_at": self.computed_at,
            "household_version": self.household_version,
            "tax_notice": None
            if self.tax_notice is None
            else {
                "income_year": self.tax_notice.income_year,
                "reference_income": self.tax_notice.reference_income_cents / 100,
                "parts": self.tax_notice.parts,
            },
            "lines": [line.as_json(language) for line in self.lines],
            "limits": [limit.as_json() for limit in self.limits],
            "filled_from_wallet": [f.as_json() for f in self.filled],
        }


def months_for(today: date, month: str | None = None) -> list[str]:
    """The current month and the ``RECENT_MONTHS`` before it, or the one month asked for."""
    if month is not None:
        try:
            asked = datetime.strptime(month, "%Y-%m").date()
        except ValueError:
            raise InvalidInput("--month: a month written YYYY-MM, such as 2026-11.") from None
        return [asked.strftime("%Y-%m")]
    current = today.strftime("%Y-%m")
    return situation.month_keys(situation.shift(current, -RECENT_MONTHS), current)


def action_of(estimate: int, paid: int | None, eligible: bool, *, seen: bool = True) -> str:
    """What to do. ``seen``: whether the wallet can see this benefit paid at all (not a
    yearly voucher, not a health cover)."""
    if not seen:
        return "claim" if eligible else "none"
    if paid is None:
        return "unknown"
    if estimate > 0 and paid == 0:
        return "claim"
    if abs(estimate - paid) <= max(TOLERANCE_CENTS, TOLERANCE_SHARE * estimate):
        return "matches" if estimate or paid else "none"
    return "less" if paid < estimate else "more"


def can_be_seen_paid(benefit: catalogue.Benefit) -> bool:
    return benefit.kind == "amount" and benefit.period == "month"


def compute(
    household: Household,
    months: list[str],
    *,
    paid: dict[tuple[str, str], int | None] | None = None,
    seen: situation.SeenIncomes | None = None,
    tax_notice: situation.TaxNotice | None = None,
    on_progress: Progress = _no_progress,
) -> list[Line]:
    """Every benefit of the catalogue for each month, from the model. ``paid``: (key, month)."""
    paid = paid or {}
    steps = len(months) + 2
    on_progress(0, steps)
    engine.load()
    on_progress(1, steps)
    built = situation.build(household, months, seen=seen, tax_notice=tax_notice)
    simulation = engine.Simulation(built)
    lines: list[Line] = []
    for number, month in enumerate(months, start=2):
        figures = {request: simulation.calculate(request) for request in _requests(month)}
        lines.extend(_lines(month, figures, paid))
        on_progress(number, steps)
    years = sorted({m[:4] for m in months})
    for benefit in catalogue.benefits():
        if benefit.period == "year":
            for year in years:
                request = engine.Request(benefit.variable, year)
                cents = round(simulation.calculate(request) * 100)
                lines.append(
                    Line(
                        year,
                        benefit.key,
                        cents,
                        None,
                        cents > 0,
                        action_of(cents, None, cents > 0, seen=False),
                    )
                )
    on_progress(steps, steps)
    return lines


def _requests(month: str) -> list[engine.Request]:
    found = []
    for benefit in catalogue.benefits():
        if benefit.period != "month":
            continue
        found.append(engine.Request(benefit.variable, month))
        if benefit.free_variable:
            found.append(engine.Request(benefit.free_variable, month))
    return found


def _lines(
    month: str, figures: dict[engine.Request, float], paid: dict[tuple[str, str], int | None]
) -> list[Line]:
    lines = []
    for benefit in catalogue.benefits():
        if benefit.period != "month":
            continue
        cents = round(figures[engine.Request(benefit.variable, month)] * 100)
        if benefit.kind == "coverage":
            free = (
                bool(benefit.free_variable)
                and figures[engine.Request(str(benefit.free_variable), month)] > 0
            )
            eligible = free or cents > 0
            lines.append(
                Line(
                    month,
                    benefit.key,
                    0 if free else cents,
                    None,
                    eligible,
                    action_of(cents, None, eligible, seen=False),
                )
            )
            continue
        seen = paid.get((benefit.key, month), 0)
        lines.append(
            Line(month, benefit.key, cents, seen, cents > 0, action_of(cents, seen, cents > 0))
        )
    return lines


# --- from the wallet ----------------------------------------------------------------------
def paid_by_benefit(rows: list[PaymentRow], months: list[str]) -> dict[tuple[str, str], int | None]:
    """(benefit key, month) -> cents seen paid; None where a payment of its payer is unnamed."""
    found: dict[tuple[str, str], int | None] = {}
    unnamed: set[tuple[str, str]] = set()
    for row in rows:
        month = row.month.strftime("%Y-%m")
        if month not in months:
            continue
        key = catalogue.benefit_of_payment(row.benefit)
        if key is not None:
            found[(key, month)] = (found.get((key, month)) or 0) + row.amount_cents
        elif not row.benefit:
            unnamed.add((row.payer, month))
    for benefit in catalogue.benefits():
        for month in months:
            if any(
                (payer, month) in unnamed for payer in benefit.payers_in_wallet
            ) and not found.get((benefit.key, month)):
                found[(benefit.key, month)] = None
    return found


def seen_incomes(
    household: Household, rows: list[PaymentRow]
) -> tuple[dict[tuple[int, str], dict[str, int]], list[FilledIncome]]:
    """Unanswered incomes of the first adult, filled from unemployment and pension payments."""
    if not household.adults:
        return {}, []
    answered = household.adults[0].incomes_cents
    per_month: dict[tuple[int, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    payers: dict[tuple[int, str], str] = {}
    for row in rows:
        if row.benefit in UNEMPLOYMENT_NAMES:
            kind = "unemployment"
        elif row.payer in PENSION_PAYERS:
            kind = "pension"
        else:
            continue
        if kind in answered:
            continue
        per_month[(0, kind)][row.month.strftime("%Y-%m")] += row.amount_cents
        payers[(0, kind)] = row.payer
    seen = {key: dict(months) for key, months in per_month.items()}
    filled = [
        FilledIncome(index + 1, kind, len(months), payers[(index, kind)])
        for (index, kind), months in sorted(seen.items())
    ]
    return seen, filled


@dataclass(frozen=True)
class Inputs:
    """What an estimate reads from the wallet (read in one snapshot, computed without it)."""

    saved: store.SavedHousehold
    months: list[str]
    payments: list[PaymentRow]
    notice: situation.TaxNotice | None


def gather(conn: db.Connection, today: date, month: str | None = None) -> Inputs:
    """Household, tax notice and payments the estimate needs; NotFound without a household."""
    saved = store.current_household(conn)
    if saved is None or saved.household.is_empty:
        raise NotFound(
            "Describe your household first ('selfdata household edit', or My rights on the "
            "Benefits page): the estimate starts from it."
        )
    months = months_for(today, month)
    history_start = situation.shift(months[0], -situation.HISTORY_MONTHS) + "-01"
    rows = payments(conn, date.fromisoformat(history_start), None)
    return Inputs(saved, months, list(rows), store.latest_tax_notice(conn))


def estimate_from(
    inputs: Inputs, on_progress: Progress = _no_progress
) -> tuple[RightsReport, list[store.StoredEstimate]]:
    """The estimate (OpenFisca, seconds the first time) and the rows that keep it."""
    household = inputs.saved.household
    seen, filled = seen_incomes(household, inputs.payments)
    paid = paid_by_benefit(inputs.payments, inputs.months)
    lines = compute(
        household,
        inputs.months,
        paid=paid,
        seen=seen,
        tax_notice=inputs.notice,
        on_progress=on_progress,
    )
    model = engine.info()
    report = RightsReport(
        inputs.months,
        lines,
        _limits(household, inputs.notice, filled),
        filled,
        inputs.notice,
        model,
        inputs.saved.version,
    )
    kept = [
        store.StoredEstimate(
            line.period,
            line.benefit,
            line.estimate_cents,
            line.eligible,
            line.paid_cents,
            report.computed_at,
            model.version,
            model.legislation_date,
        )
        for line in lines
    ]
    return report, kept


def run(
    conn: db.Connection,
    today: date,
    *,
    month: str | None = None,
    on_progress: Progress = _no_progress,
) -> RightsReport:
    """The wallet's estimate on one connection (a one-thread program): read, computed, kept."""
    report, kept = estimate_from(gather(conn, today, month), on_progress)
    store.save_estimates(conn, kept)
    return report


def _limits(
    household: Household, notice: situation.TaxNotice | None, filled: list[FilledIncome]
) -> list[Limit]:
    found = [
        limit
        for limit in limits(household)
        # an income the wallet filled does not limit the estimate any more
        if not any((limit.adult, limit.topic) == (f.adult, f.kind) for f in filled)
    ]
    if notice is None:
        found.append(Limit("tax_notice", ("cheque_energie", "css")))
    return found


def stored_report(conn: db.Connection, today: date) -> RightsReport | None:
    """The last estimate kept for the current months, without loading the model; None if none."""
    saved = store.current_household(conn)
    months = months_for(today)
    rows = store.stored_estimates(conn, months[0], months[-1])
    rows += [
        r for r in store.stored_estimates(conn, months[0][:4], months[-1][:4]) if len(r.month) == 4
    ]
    if saved is None or not rows:
        return None
    notice = store.latest_tax_notice(conn)
    lines = []
    for row in rows:
        lines.append(
            Line(
                row.month,
                row.benefit,
                row.estimate_cents,
                row.paid_cents,
                row.eligible,
                action_of(
                    row.estimate_cents,
                    row.paid_cents,
                    row.eligible,
                    seen=can_be_seen_paid(catalogue.by_key(row.benefit)),
                ),
            )
        )
    newest = max(rows, key=lambda r: r.computed_at)
    model = engine.ModelInfo(newest.model_version, "", newest.legislation_date)
    return RightsReport(
        months,
        lines,
        _limits(saved.household, notice, []),
        [],
        notice,
        model,
        saved.version,
        newest.computed_at,
    )
