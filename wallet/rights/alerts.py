"""The overview's alert: a benefit the household seems entitled to and has not received.

Read from the stored estimates only (no model is loaded): a benefit is named when each of the
three full months before the current one was estimated above zero and the wallet saw nothing
paid for it. A dismissed alert stays closed until the household description changes, so the
same alert never comes back by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wallet import db
from wallet.rights import catalogue, situation, store

MONTHS_UNPAID = 3


@dataclass(frozen=True)
class Alert:
    benefit: str
    months: tuple[str, ...]
    estimate_cents: int  # the most recent month's estimate


def unclaimed(conn: db.Connection, today: date) -> list[Alert]:
    current = today.strftime("%Y-%m")
    months = situation.month_keys(
        situation.shift(current, -MONTHS_UNPAID), situation.shift(current, -1)
    )
    rows = store.stored_estimates(conn, months[0], months[-1])
    closed = store.dismissed(conn)
    saved = store.current_household(conn)
    version = saved.version if saved else 0
    found = []
    for benefit in catalogue.benefits():
        if benefit.period != "month" or benefit.kind != "amount":
            continue
        mine = {r.month: r for r in rows if r.benefit == benefit.key}
        if sorted(mine) != months:
            continue
        if all(r.estimate_cents > 0 and r.paid_cents == 0 for r in mine.values()):
            if closed.get(benefit.key) == version:
                continue
            found.append(Alert(benefit.key, tuple(months), mine[months[-1]].estimate_cents))
    return found
