"""The demo household: a couple in a gas-heated flat in Nantes, made up from a fixed seed.

Two full years (the 24 months before the current one) of electricity every 30 minutes with
its daily peak power, gas and water by day, the last year of trips with card top-ups, and
two years of monthly benefit payments. Every value is invented: the shapes (seasons,
weekdays, the daily rhythm, holidays away, both clock changes a year) are what real exports
show, the levels are those of a small flat (about 2,500 kWh of electricity a year).
Identifiers all start with ``DEMO-`` so that nobody takes them for a real meter, card or
benefit account.

The dates follow the calendar (``Span``), so that "the last 12 months", the sharing wizard's
default periods and the overview's "this month against a year before" always find data.
Pure functions of a ``Span`` and a ``random.Random``: the same seed and the same month give
the same household, to the watt.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from importers.base import (
    AccountId,
    BenefitDocument,
    CardId,
    EnergyReading,
    MeterId,
    MoneyMovement,
    Payment,
    Trip,
)
from importers.blocks import EnergyBlock

TZ = ZoneInfo("Europe/Paris")
ELECTRICITY_METER = MeterId("DEMO-LINKY")
GAS_METER = MeterId("DEMO-GAZPAR")
WATER_METER = MeterId("DEMO-WATER")
TRANSIT_CARD = CardId("DEMO-NAOLIB")
RAIL_ACCOUNT = CardId("DEMO-SNCF")
CAF_ACCOUNT = AccountId("DEMO-CAF")
SUBSCRIBED_KVA = 6.0

# Electricity of the first and the second year (kWh): the household saves a little, which
# the overview's comparison with the year before shows.
ELECTRICITY_KWH = (2560.0, 2470.0)
# Every year away from home (month, first day, last day): only the fridge and standby draw,
# no trips, next to no water.
AWAY = ((2, 15, 23), (8, 3, 18), (12, 24, 29))
# French public holidays on fixed dates (month, day): no commute.
HOLIDAYS = ((1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25))


def add_months(day: date, months: int) -> date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Span:
    """The household's 24 months: ``first`` and ``last`` day included."""

    first: date
    last: date

    @classmethod
    def before(cls, today: date) -> Span:
        """The 24 whole months before ``today``'s month."""
        this_month = today.replace(day=1)
        return cls(add_months(this_month, -24), this_month - timedelta(days=1))

    @property
    def trips_first(self) -> date:
        """Trips are the last 12 months."""
        return add_months(self.first, 12)

    def year(self, day: date) -> int:
        """0 in the first 12 months, 1 in the last 12."""
        return 0 if day < self.trips_first else 1

    def months(self, first: date | None = None) -> list[date]:
        """The first day of each month from ``first`` (the span's by default)."""
        month = (first or self.first).replace(day=1)
        found = []
        while month <= self.last:
            found.append(month)
            month = add_months(month, 1)
        return found


def days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def midnight(day: date) -> int:
    """Local midnight starting ``day`` as UTC epoch seconds."""
    return int(datetime(day.year, day.month, day.day, tzinfo=TZ).timestamp())


def away(day: date) -> bool:
    return any(month == day.month and first <= day.day <= last for month, first, last in AWAY)


def holiday(day: date) -> bool:
    return (day.month, day.day) in HOLIDAYS


def winter(day: date) -> float:
    """1 in mid-January, -1 in mid-July: how dark and cold the season is."""
    return math.cos(2 * math.pi * (day.timetuple().tm_yday - 15) / 365.25)


def temperatures(span: Span, rng: random.Random) -> dict[date, float]:
    """Daily mean temperature in Nantes (°C): the season plus weather lasting a few days."""
    weather = 0.0
    found = {}
    for day in days(span.first, span.last):
        weather = 0.75 * weather + rng.gauss(0.0, 1.7)
        found[day] = 12.6 - 6.9 * winter(day) + weather
    return found


# --- electricity --------------------------------------------------------------------------


def _activity_w(hour: float, weekend: bool, season: float) -> float:
    """What the household draws above its base load at a time of day (W)."""
    light = max(0.0, season) * 160.0
    if hour < 6.5 or hour >= 23.5:
        return 0.0
    if not weekend:
        if hour < 8.5:
            return 380.0 + light * 0.6
        if hour < 17.5:
            return 25.0
        if 19.0 <= hour < 20.5:
            return 820.0 + light
        return 420.0 + light
    if hour < 9.0:
        return 60.0
    if 12.0 <= hour < 13.5:
        return 760.0
    if 19.5 <= hour < 21.0:
        return 700.0 + light
    if hour >= 18.0:
        return 430.0 + light
    return 260.0 + light * 0.4


def _appliances(day: date, weekday: int, rng: random.Random) -> dict[int, float]:
    """Half-hour -> W: washing machine on Saturday mornings and Wednesday evenings, the
    dishwasher late every other day, the oven for some Sunday lunches."""
    found: dict[int, float] = {}
    if weekday == 5:
        found.update({20: 1900.0, 21: 500.0})
    if weekday == 2:
        found.update({38: 1800.0, 39: 450.0})
    if day.toordinal() % 2 == 0:
        found[45] = 1300.0
    if weekday == 6 and rng.random() < 0.5:
        found[24] = 1500.0
    return found


def _halves(day: date) -> list[tuple[int, int]]:
    """(UTC instant, half-hour of local clock time) of a day's readings.

    48 on most days, 46 on the spring clock change, 50 on the autumn one (01:00 to 02:00
    twice: the repeated hour keeps its clock half-hours).
    """
    start, end = midnight(day), midnight(day + timedelta(days=1))
    if end - start == 86_400:
        return [(start + 1800 * k, k) for k in range(48)]
    halves = []
    for instant in range(start, end, 1800):
        local = datetime.fromtimestamp(instant, TZ)
        halves.append((instant, local.hour * 2 + local.minute // 30))
    return halves


def electricity(span: Span, rng: random.Random) -> list[EnergyBlock]:
    """Mean power every 30 minutes (W) and each day's peak (VA), as a Linky load curve."""
    curve: list[tuple[int, float, int]] = []
    peaks: list[tuple[int, float]] = []
    for day in days(span.first, span.last):
        season, weekday, gone, year = winter(day), day.weekday(), away(day), span.year(day)
        base = 105.0 + 20.0 * season
        activity = [_activity_w(half / 2, weekday >= 5, season) for half in range(48)]
        extra = {} if gone else _appliances(day, weekday, rng)
        best = (midnight(day), 0.0)
        draw = rng.random
        for instant, half in _halves(day):
            # Standby noise: three uniforms summed, roughly normal with a 12 W deviation.
            watts = base + 24.0 * (draw() + draw() + draw() - 1.5)
            if not gone:
                watts += activity[half] * (0.75 + 0.5 * draw()) + extra.get(half, 0.0)
            curve.append((instant, max(watts, 40.0), year))
            if watts > best[1]:
                best = (instant, watts)
        peak_va = min(best[1] * rng.uniform(1.4, 2.0) + 300.0, SUBSCRIBED_KVA * 1000 - 150)
        peaks.append((best[0] + rng.randrange(0, 1800, 60), float(round(peak_va))))
    scale = _scales(curve)
    # Columns, as the vault's bulk insert takes a load curve (importers.blocks).
    starts = [instant for instant, _, _ in curve]
    return [
        EnergyBlock(
            "electricity",
            ELECTRICITY_METER,
            "consumption",
            "W",
            starts,
            [start + 1800 for start in starts],
            [float(round(watts * scale[year])) for _, watts, year in curve],
        ),
        EnergyBlock(
            "electricity",
            ELECTRICITY_METER,
            "max_power",
            "VA",
            [at for at, _ in peaks],
            [at for at, _ in peaks],
            [va for _, va in peaks],
        ),
    ]


def _scales(curve: list[tuple[int, float, int]]) -> dict[int, float]:
    """Factors bringing each year's energy to ELECTRICITY_KWH (a 30-minute W is W/2 Wh)."""
    totals = [0.0, 0.0]
    for _, watts, year in curve:
        totals[year] += watts / 2000.0
    return {year: ELECTRICITY_KWH[year] / kwh for year, kwh in enumerate(totals)}


# --- gas and water ------------------------------------------------------------------------


def gas(span: Span, rng: random.Random, temps: dict[date, float]) -> list[EnergyReading]:
    """Gas by day (kWh): heating below 16.5 °C, hot water and cooking all year."""
    readings = []
    for day in days(span.first, span.last):
        heating = max(0.0, 16.5 - temps[day]) * 3.1
        if away(day):
            heating *= 0.35  # frost protection
            water = 0.0
        else:
            water = (7.0 + 2.0 * winter(day)) * rng.lognormvariate(0.0, 0.12)
        kwh = round(heating + water + rng.uniform(0.0, 0.4), 1)
        start, end = midnight(day), midnight(day + timedelta(days=1))
        readings.append(EnergyReading("gas", GAS_METER, "consumption", start, end, kwh, "kWh"))
    return readings


def water(span: Span, rng: random.Random) -> list[EnergyReading]:
    """Water by day (litres), a little more at weekends and in summer."""
    readings = []
    for day in days(span.first, span.last):
        if away(day):
            litres = rng.uniform(0.0, 6.0)  # a dripping tap
        else:
            litres = 235.0 * (1.15 if day.weekday() >= 5 else 1.0) * (1.0 - 0.08 * winter(day))
            litres *= rng.lognormvariate(0.0, 0.14)
        start, end = midnight(day), midnight(day + timedelta(days=1))
        readings.append(
            EnergyReading("water", WATER_METER, "consumption", start, end, round(litres), "L")
        )
    return readings


# --- trips --------------------------------------------------------------------------------

HOME_STOP = "Michelet - Sciences"
WORK_STOP = "Commerce"
TICKET_CENTS = 170
TOP_UP_CENTS = 2000
# Weekends away by train (the third Saturday out, the Sunday back), by month of the year.
TRAIN_TRIPS = {
    1: "Angers Saint-Laud",
    3: "Angers Saint-Laud",
    4: "La Roche-sur-Yon",
    5: "Angers Saint-Laud",
    6: "Le Croisic",
    7: "Le Croisic",
    9: "Angers Saint-Laud",
    10: "Rennes",
    11: "Angers Saint-Laud",
}
TRAIN_FARE_CENTS = {"Angers Saint-Laud": 1840, "La Roche-sur-Yon": 1510, "Le Croisic": 1650}


def weekday_in(month: date, weekday: int, nth: int) -> date:
    """The ``nth`` (1 = first, -1 = last) ``weekday`` (0 = Monday) of ``month``."""
    if nth > 0:
        first = month + timedelta(days=(weekday - month.weekday()) % 7)
        return first + timedelta(weeks=nth - 1)
    end = add_months(month, 1) - timedelta(days=1)
    return end - timedelta(days=(end.weekday() - weekday) % 7)


def _local(day: date, hour: int, minute: int) -> int:
    return int(datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ).timestamp())


def transit(span: Span, rng: random.Random) -> list[Trip | MoneyMovement]:
    """Tram to work every working day; home by tram, or by bus on Wednesdays and Fridays."""
    records: list[Trip | MoneyMovement] = []
    balance = 0
    for day in days(span.trips_first, span.last):
        if day.weekday() >= 5 or holiday(day) or away(day):
            continue
        out = _local(day, 7, 40) + rng.randrange(0, 1500, 60)
        back = _local(day, 17, 20) + rng.randrange(0, 3600, 60)
        bus = day.weekday() in (2, 4)
        legs = [
            (out, "tram", "2", HOME_STOP, WORK_STOP, 17),
            (back, "bus", "C6", "Hôtel Dieu", HOME_STOP, 24)
            if bus
            else (back, "tram", "2", WORK_STOP, HOME_STOP, 17),
        ]
        for started, mode, line, origin, destination, minutes in legs:
            if balance < TICKET_CENTS:
                balance += TOP_UP_CENTS
                records.append(
                    MoneyMovement(TRANSIT_CARD, started - 120, "topup", TOP_UP_CENTS, "EUR", "")
                )
            balance -= TICKET_CENTS
            ended = started + (minutes + rng.randint(-2, 4)) * 60
            records.append(
                Trip(
                    TRANSIT_CARD,
                    started,
                    ended,
                    mode,
                    line,
                    origin,
                    destination,
                    TICKET_CENTS,
                    "EUR",
                )
            )
    return records


def trains(span: Span, rng: random.Random) -> list[Trip]:
    trips = []
    for month in span.months(span.trips_first):
        town = TRAIN_TRIPS.get(month.month)
        saturday = weekday_in(month, 5, 3)
        if town is None or saturday + timedelta(days=1) > span.last:
            continue
        fare = TRAIN_FARE_CENTS.get(town, 2450)
        minutes = {"Rennes": 75, "Le Croisic": 68, "La Roche-sur-Yon": 47}.get(town, 40)
        sunday = saturday + timedelta(days=1)
        out = _local(saturday, 9, 12)
        back = _local(sunday, 18, 5) + rng.choice((0, 1800))
        for started, origin, destination in ((out, "Nantes", town), (back, town, "Nantes")):
            ended = started + minutes * 60
            trips.append(
                Trip(RAIL_ACCOUNT, started, ended, "rail", "TER", origin, destination, fare, "EUR")
            )
    return trips


# --- benefits -----------------------------------------------------------------------------

# Housing benefit (APL) for the month before, paid on the 5th (euro cents): revalued each
# October, lowered in the last July when the household's resources were reviewed.
APL_CENTS = 19840
APL_OCTOBER_RISE = 1.027
APL_REVIEW = 0.916
# Activity bonus (prime d'activité), recomputed each quarter from declared earnings.
PRIME_CENTS = {1: 16112, 2: 15830, 3: 17245, 4: 14980}


def apl_cents(span: Span, month: date) -> int:
    """The housing benefit for ``month``, from the rises and the review before it."""
    rises = sum(1 for m in span.months(add_months(span.first, -1)) if m.month == 10 and m <= month)
    review = any(m.month == 7 and m <= month for m in span.months(span.trips_first))
    return round(APL_CENTS * APL_OCTOBER_RISE**rises * (APL_REVIEW if review else 1.0))


def benefits(span: Span) -> list[Payment | BenefitDocument]:
    """24 months of CAF payments for the month before, and one payment attestation."""
    records: list[Payment | BenefitDocument] = []
    for paid_month in span.months():
        paid = paid_month.replace(day=5)
        month = add_months(paid_month, -1)
        period = (month.isoformat(), (paid_month - timedelta(days=1)).isoformat())
        apl = apl_cents(span, month)
        prime = PRIME_CENTS[(month.month - 1) // 3 + 1] + span.year(paid) * 310
        for benefit, cents in (
            ("Aide personnalisée au logement", apl),
            ("Prime d'activité", prime),
        ):
            records.append(Payment(CAF_ACCOUNT, "CAF", benefit, paid.isoformat(), *period, cents))
    attested = add_months(span.last, -3).replace(day=12)
    records.append(
        BenefitDocument(
            CAF_ACCOUNT, "CAF", "ATTESTATION_PAIEMENT", attested.isoformat(), "DEMO-ATT-1"
        )
    )
    return records
