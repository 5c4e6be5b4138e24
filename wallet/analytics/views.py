"""Everything one page shows, computed in one call (run off the GUI thread), as plain data.

The pages only choose what to ask (dataset, period, granularity) and draw what comes back;
the choices the data allows (which granularities, which period when none was asked for) are
decided here, where they can be tested without a window.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from wallet import db
from wallet.analytics import benefits, energy, mobility
from wallet.analytics.flags import Flags, bucket_flags
from wallet.series import Bucket, series
from wallet.timebuckets import local_midnight

PERIOD_KINDS = ("week", "month", "year", "custom")
_DEFAULT_GRANULARITY = {"week": "curve", "month": "day", "year": "month", "custom": "day"}


@dataclass(frozen=True)
class EnergyRequest:
    dataset: str = "electricity"
    kind: str = "month"  # week | month | year | custom
    first: date | None = None  # custom period, or any day inside the wanted period
    last: date | None = None
    granularity: str | None = None  # None: the natural one for the period
    subscribed_kva: float | None = None


@dataclass
class EnergyView:
    datasets: list[str]  # energy datasets holding consumption data
    dataset: str = ""
    span: tuple[date, date] | None = None
    first: date | None = None
    last: date | None = None
    granularities: list[str] = field(default_factory=list)
    granularity: str = ""
    buckets: list[Bucket] = field(default_factory=list)
    flags: list[Flags] = field(default_factory=list)  # per bucket: estimated, corrected
    curve: energy.Curve | None = None
    profile: energy.DailyProfile | None = None
    heat: energy.HeatMap | None = None
    heat_year: int | None = None
    peaks: energy.PeakPower | None = None
    beside: dict[str, list[Bucket]] = field(default_factory=dict)  # gas beside electricity

    @property
    def empty(self) -> bool:
        return not self.datasets


def _period(request: EnergyRequest, span: tuple[date, date]) -> tuple[date, date]:
    if request.kind == "custom" and request.first and request.last:
        return min(request.first, request.last), max(request.first, request.last)
    kind = request.kind if request.kind in ("week", "month", "year") else "month"
    return energy.period(kind, request.first or span[1])


def _granularity(wanted: str | None, kind: str, allowed: list[str]) -> str:
    if wanted in allowed:
        return wanted or ""
    natural = _DEFAULT_GRANULARITY.get(kind, "day")
    if natural in allowed:
        return natural
    return allowed[0] if allowed else "day"


def energy_view(conn: db.Connection, tz: ZoneInfo, request: EnergyRequest) -> EnergyView:
    found = energy.datasets_with_data(conn)
    view = EnergyView(found)
    if not found:
        return view
    dataset = request.dataset if request.dataset in found else found[0]
    span = energy.data_span(conn, dataset, tz)
    assert span is not None  # the dataset has consumption data
    first, last = _period(request, span)
    step = energy.finest_step(conn, dataset, first, last, tz) or energy.finest_step(
        conn, dataset, span[0], span[1], tz
    )
    allowed = energy.granularities(step)
    granularity = _granularity(request.granularity, request.kind, allowed)
    view.dataset, view.span, view.first, view.last = dataset, span, first, last
    view.granularities, view.granularity = allowed, granularity
    if granularity == "curve":
        view.curve = energy.load_curve(conn, dataset, first, last, tz)
    else:
        view.buckets = series(conn, dataset, granularity, first, last, tz)
        bounds = [b.start for b in view.buckets] + [view.buckets[-1].end] if view.buckets else []
        view.flags = bucket_flags(conn, dataset, bounds)
    if "curve" in allowed:
        _add_hourly_views(conn, tz, dataset, first, last, view)
    if dataset == "electricity":
        view.peaks = energy.peak_power(conn, first, last, tz, request.subscribed_kva)
    if "electricity" in found and "gas" in found:
        coarse = granularity if granularity not in ("curve", "hour") else "day"
        view.beside = {d: series(conn, d, coarse, first, last, tz) for d in ("electricity", "gas")}
    return view


def _add_hourly_views(
    conn: db.Connection, tz: ZoneInfo, dataset: str, first: date, last: date, view: EnergyView
) -> None:
    """Daily profile of the period and heat map of the year it starts in, from one query."""
    year_first, year_last = date(first.year, 1, 1), date(first.year, 12, 31)
    year = energy.hourly(conn, dataset, year_first, year_last, tz)
    if year_first <= first and last <= year_last:
        lo, hi = local_midnight(first, tz), local_midnight(last + timedelta(days=1), tz)
        in_period = [b for b in year if lo <= b.start < hi]
    else:
        in_period = energy.hourly(conn, dataset, first, last, tz)
    view.profile = energy.daily_profile(in_period, tz)
    if any(b.value is not None for b in year):
        view.heat = energy.heat_map(year, tz)
        view.heat_year = first.year


@dataclass
class MobilityView:
    span: tuple[date, date] | None
    first: date | None = None
    last: date | None = None
    granularity: str = "week"
    buckets: list[Bucket] = field(default_factory=list)  # trips per week or month, fares beside
    summary: mobility.MobilitySummary | None = None
    months: list[Bucket] = field(default_factory=list)  # trips per month, fares_<CUR> beside
    payments: list[Bucket] = field(default_factory=list)  # card payments per month, per kind

    @property
    def empty(self) -> bool:
        return self.span is None


def mobility_view(
    conn: db.Connection, tz: ZoneInfo, kind: str, anchor: date | None, granularity: str
) -> MobilityView:
    """Trips in the month, the year, or everything (``kind`` = "all") around ``anchor``."""
    span = mobility.trips_span(conn, tz)
    view = MobilityView(span)
    if span is None:
        return view
    if kind in ("week", "month", "year"):
        first, last = energy.period(kind, anchor or span[1])
    else:
        first, last = span
    view.first, view.last = first, last
    view.granularity = granularity if granularity in ("day", "week", "month") else "week"
    view.buckets = series(conn, "mobility", view.granularity, first, last, tz)
    view.summary = mobility.summary(conn, first, last, tz)
    view.months = series(conn, "mobility", "month", first, last, tz)
    view.payments = series(conn, "transit_payments", "month", first, last, tz)
    return view


@dataclass
class BenefitsView:
    span: tuple[date, date] | None
    summary: benefits.BenefitsSummary | None = None
    months: list[Bucket] = field(default_factory=list)  # totals per month paid (series)
    years: list[Bucket] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.span is None


def benefits_view(conn: db.Connection, tz: ZoneInfo) -> BenefitsView:
    span = benefits.payments_span(conn)
    view = BenefitsView(span)
    if span is None:
        return view
    view.summary = benefits.summarise(benefits.payments(conn, None, None))
    view.months = series(conn, "benefits", "month", span[0], span[1], tz)
    view.years = series(conn, "benefits", "year", span[0], span[1], tz)
    return view


@dataclass
class OverviewFacts:
    electricity: energy.MonthComparison | None
    trips_month: date | None = None
    trips: list[Bucket] = field(default_factory=list)  # the month's trips, per day
    trips_total: int = 0
    benefits_year: int | None = None
    benefits_months: list[Bucket] = field(default_factory=list)
    benefits_total: float = 0.0


def overview_facts(conn: db.Connection, tz: ZoneInfo, today: date) -> OverviewFacts:
    """This month's (or the latest month's) facts: a wallet fed old exports still says something."""
    facts = OverviewFacts(energy.month_comparison(conn, "electricity", tz, today))
    trips_span = mobility.trips_span(conn, tz)
    if trips_span is not None:
        month = min(trips_span[1], today).replace(day=1)
        first, last = energy.period("month", month)
        facts.trips_month = month
        facts.trips = series(conn, "mobility", "day", first, last, tz)
        facts.trips_total = int(sum(b.value or 0 for b in facts.trips))
    paid = benefits.payments_span(conn)
    if paid is not None:
        year = min(paid[1], today).year
        facts.benefits_year = year
        facts.benefits_months = series(
            conn, "benefits", "month", date(year, 1, 1), date(year, 12, 31), tz
        )
        facts.benefits_total = round(sum(b.value or 0 for b in facts.benefits_months), 2)
    return facts
