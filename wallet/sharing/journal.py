"""The sharing façade's writes to the ledger: each event in a transaction of its own, stamped
when it is written (a delivery may take a while after the step that started it)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import datetime

from wallet import db
from wallet.sharing import ledger
from wallet.sharing.delivery import Outcome
from wallet.sharing.durations import rfc3339
from wallet.vault import Wallet


class Journal:
    def __init__(self, wallet: Wallet, now: Callable[[], datetime]) -> None:
        self.wallet = wallet
        self.now = now

    @property
    def conn(self) -> db.Connection:
        """The write connection inside ``transaction``, else this thread's reader."""
        return self.wallet.store.connection()

    def append(
        self, event: str, body: dict[str, object], record: dict[str, object], share_id: str = ""
    ) -> None:
        with self.transaction():
            self.write(event, body, record, share_id)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction, for a change that must be stored together with its ledger event."""
        with self.wallet.store.write():
            yield

    def write(
        self, event: str, body: dict[str, object], record: dict[str, object], share_id: str = ""
    ) -> None:
        """The event, inside the caller's ``transaction``."""
        ledger.append(
            self.conn,
            rfc3339(self.now()),
            event,
            body,
            consent_record_id=str(record["record_id"]),
            share_id=share_id,
            service_id=str(record["service_id"]),
        )


def failure(outcome: Outcome) -> dict[str, object]:
    """What the ledger keeps of a delivery that failed."""
    return {"reason": outcome.reason, "status": outcome.status, "attempts": outcome.attempts}
