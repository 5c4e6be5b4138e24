"""The rights room's tables, as plain functions over a connection (schema 8).

``household_versions`` keeps every saved questionnaire (the newest is in force);
``tax_notices`` holds the figures read from tax notice PDFs (rows of an import batch);
``rights_estimates`` the last estimate per month and benefit; ``rights_dismissed`` the
alerts the person closed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from wallet import db
from wallet.rights.household import Household, from_json
from wallet.rights.situation import TaxNotice


@dataclass(frozen=True)
class SavedHousehold:
    version: int
    saved_at: str
    household: Household


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def save_household(conn: db.Connection, household: Household) -> SavedHousehold:
    """A new version of the household; the earlier ones stay in the history."""
    saved_at = _now()
    body = json.dumps(household.as_json(), ensure_ascii=False, sort_keys=True)
    cursor = conn.execute(
        "INSERT INTO household_versions (saved_at, body) VALUES (?, ?)", (saved_at, body)
    )
    return SavedHousehold(int(cursor.lastrowid or 0), saved_at, household)


def current_household(conn: db.Connection) -> SavedHousehold | None:
    row = conn.execute(
        "SELECT id, saved_at, body FROM household_versions ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    return SavedHousehold(int(row[0]), str(row[1]), from_json(json.loads(row[2])))


def household_history(conn: db.Connection) -> list[tuple[int, str]]:
    """(version, saved at) of every saved household, oldest first."""
    return [
        (int(v), str(at))
        for v, at in conn.execute("SELECT id, saved_at FROM household_versions ORDER BY id")
    ]


def latest_tax_notice(conn: db.Connection) -> TaxNotice | None:
    """The notice of the newest income year (of two for one year, the last imported)."""
    row = conn.execute(
        "SELECT income_year, reference_income_cents, parts_hundredths FROM tax_notices "
        "ORDER BY income_year DESC, id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    return TaxNotice(int(row[0]), int(row[1]), int(row[2]) / 100)


@dataclass(frozen=True)
class StoredEstimate:
    month: str  # "YYYY-MM"
    benefit: str
    estimate_cents: int
    eligible: bool  # CSS: entitled (free when estimate_cents is 0); others: estimate > 0
    paid_cents: int | None  # None: the wallet cannot tell (payments without a benefit name)
    computed_at: str
    model_version: str
    legislation_date: str

    def as_json(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "benefit": self.benefit,
            "estimate": self.estimate_cents / 100,
            "eligible": self.eligible,
            "paid": None if self.paid_cents is None else self.paid_cents / 100,
            "computed_at": self.computed_at,
            "model_version": self.model_version,
            "legislation_date": self.legislation_date,
        }


def save_estimates(conn: db.Connection, rows: list[StoredEstimate]) -> None:
    """Keep the newest estimate of each month and benefit (one transaction)."""
    with db.transaction(conn):
        conn.executemany(
            "INSERT INTO rights_estimates (month, benefit, estimate_cents, eligible, paid_cents, "
            "computed_at, model_version, legislation_date) VALUES (?,?,?,?,?,?,?,?) "
            "ON CONFLICT (month, benefit) DO UPDATE SET estimate_cents = excluded.estimate_cents, "
            "eligible = excluded.eligible, paid_cents = excluded.paid_cents, "
            "computed_at = excluded.computed_at, "
            "model_version = excluded.model_version, "
            "legislation_date = excluded.legislation_date",
            [
                (
                    r.month,
                    r.benefit,
                    r.estimate_cents,
                    int(r.eligible),
                    r.paid_cents,
                    r.computed_at,
                    r.model_version,
                    r.legislation_date,
                )
                for r in rows
            ],
        )


def stored_estimates(
    conn: db.Connection, first: str = "0000-00", last: str = "9999-99"
) -> list[StoredEstimate]:
    """Stored estimates of the months first..last ("YYYY-MM", inclusive), oldest first."""
    return [
        StoredEstimate(
            str(m), str(b), int(e), bool(ok), None if p is None else int(p), str(c), str(v), str(d)
        )
        for m, b, e, ok, p, c, v, d in conn.execute(
            "SELECT month, benefit, estimate_cents, eligible, paid_cents, computed_at, "
            "model_version, "
            "legislation_date FROM rights_estimates WHERE month >= ? AND month <= ? "
            "ORDER BY month, benefit",
            (first, last),
        )
    ]


def dismiss(conn: db.Connection, benefit: str) -> None:
    """Close a benefit's alert for the household version in force."""
    saved = current_household(conn)
    conn.execute(
        "INSERT INTO rights_dismissed (benefit, dismissed_at, household_version) "
        "VALUES (?, ?, ?) ON CONFLICT (benefit) DO UPDATE SET "
        "dismissed_at = excluded.dismissed_at, household_version = excluded.household_version",
        (benefit, _now(), saved.version if saved else 0),
    )


def dismissed(conn: db.Connection) -> dict[str, int]:
    """benefit -> the household version its alert was closed under."""
    return {
        str(b): int(v)
        for b, v in conn.execute("SELECT benefit, household_version FROM rights_dismissed")
    }
