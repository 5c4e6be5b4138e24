"""What the front ends ask of an open wallet, each operation declared a read or a write.

The desktop program and the command line call these and never touch a connection: a read
runs on the calling thread's own read connection, in one snapshot (``Store.read``); a write
takes the store's one write connection and lock for one transaction (``Store.write``). The
modules doing the work still take a connection; this is where they are given one.

Modules are imported inside each operation: a command loads only what it runs (start-up time).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TextIO, TypeVar
from zoneinfo import ZoneInfo

from importers.base import ProgressCallback, no_progress

if TYPE_CHECKING:
    from importers.base import Importer
    from wallet import db
    from wallet.analytics.views import (
        BenefitsView,
        EnergyRequest,
        EnergyView,
        MobilityView,
        OverviewFacts,
    )
    from wallet.backup import BackupInfo
    from wallet.batch_writer import ConfirmIdentifier, ImportResult
    from wallet.batches import Batch, Undone
    from wallet.importing import Cancelled, Confirm, Reading
    from wallet.mappings import Mapping
    from wallet.paths import WalletPaths
    from wallet.queries import DatasetSummary
    from wallet.series import Bucket
    from wallet.store import Store

S = TypeVar("S", bound="Operations")
P = ParamSpec("P")
R = TypeVar("R")

READ = "read"
WRITE = "write"


def reads(method: Callable[Concatenate[S, db.Connection, P], R]) -> Callable[Concatenate[S, P], R]:
    """An operation that only reads: it gets this thread's read connection, one snapshot."""

    def operation(self: S, *args: P.args, **kwargs: P.kwargs) -> R:
        with self.store.read() as conn:
            return method(self, conn, *args, **kwargs)

    return _declared(operation, method, READ)


def writes(
    method: Callable[Concatenate[S, db.Connection, P], R],
) -> Callable[Concatenate[S, P], R]:
    """An operation that writes: the write connection, inside one transaction of its own."""

    def operation(self: S, *args: P.args, **kwargs: P.kwargs) -> R:
        with self.store.write() as conn:
            return method(self, conn, *args, **kwargs)

    return _declared(operation, method, WRITE)


def _declared(operation: Callable[..., R], method: Callable[..., Any], access: str) -> Any:
    operation.__name__ = method.__name__
    operation.__qualname__ = method.__qualname__
    operation.__doc__ = method.__doc__
    operation.access = access  # type: ignore[attr-defined]
    return operation


def declared(access: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """For an operation that manages the store itself (an import reads the file outside the
    write lock): states what it does, for the test that every operation says so."""

    def mark(method: Callable[P, R]) -> Callable[P, R]:
        method.access = access  # type: ignore[attr-defined]
        return method

    return mark


class Operations:
    """Mixed into ``Wallet``: ``store`` and ``timezone`` come from there."""

    store: Store
    paths: WalletPaths

    @property
    def timezone(self) -> str:
        raise NotImplementedError

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    # --- imports ----------------------------------------------------------------------
    @declared(WRITE)
    def import_file(
        self,
        path: Path,
        *,
        source: str | None = None,
        strict: bool = False,
        on_progress: ProgressCallback = no_progress,
        cancelled: Cancelled | None = None,
        confirm: Confirm | None = None,
        account: str | None = None,
        reading: Reading | None = None,
        confirm_identifier: ConfirmIdentifier | None = None,
    ) -> ImportResult:
        """Import one file as one batch, in one transaction; ImportRefused when nothing was
        stored. The file is read (and its records confirmed) before the write lock is taken.

        ``reading``: the file already being read (``ParseAhead.reading``); else it is read here.
        ``account`` names the meter, card or account every record belongs to.
        """
        from wallet import importing
        from wallet.helpdesk import outcomes

        tag = outcomes.wallet_tag(self.paths.root)
        with importing.noted(path, tag) as notes:
            if reading is None:
                reading = importing.read_file(
                    path,
                    source=source,
                    on_progress=on_progress,
                    confirm=confirm,
                    extra_importers=self.saved_importers(),
                    wallet=tag,
                    on_chosen=notes.chose,
                )
            notes.importer = reading.importer
            with self.store.write(own_references=True) as conn:
                result = importing.import_items(
                    conn,
                    reading.items,
                    reading.importer,
                    path.name,
                    reading.digest,
                    strict=strict,
                    cancelled=cancelled,
                    account=account,
                    on_failure=notes.read_before,
                    confirm_identifier=confirm_identifier,
                )
            notes.imported(result)
        return result

    @reads
    def saved_importers(self, conn: db.Connection) -> list[Importer]:
        """The importers built from the mappings saved in this wallet."""
        from wallet import mappings

        return mappings.saved_importers(conn)

    @reads
    def batches(self, conn: db.Connection) -> list[Batch]:
        from wallet import batches

        return batches.list_batches(conn)

    @writes
    def undo_batch(self, conn: db.Connection, batch_id: int) -> Undone:
        """Remove everything one import batch added, putting back the values it corrected."""
        from wallet import batches

        return batches.undo(conn, batch_id)

    # --- mappings ---------------------------------------------------------------------
    @reads
    def mappings(self, conn: db.Connection) -> list[Mapping]:
        from wallet import mappings

        return mappings.load_all(conn)

    @reads
    def mapping(self, conn: db.Connection, name: str) -> Mapping:
        from wallet import mappings

        return mappings.get(conn, name)

    @writes
    def save_mapping(self, conn: db.Connection, mapping: Mapping, *, replace: bool = False) -> None:
        from wallet import mappings

        mappings.save(conn, mapping, replace=replace)

    @writes
    def remove_mapping(self, conn: db.Connection, name: str) -> None:
        from wallet import mappings

        mappings.remove(conn, name)

    # --- what the wallet holds --------------------------------------------------------
    @reads
    def counts(self, conn: db.Connection) -> dict[str, int]:
        from wallet import queries

        return queries.counts(conn)

    @reads
    def datasets(self, conn: db.Connection) -> list[DatasetSummary]:
        from wallet import queries

        return queries.datasets(conn, self.tz)

    @reads
    def series(
        self, conn: db.Connection, dataset: str, granularity: str, first: date, last: date
    ) -> list[Bucket]:
        from wallet import series

        return series.series(conn, dataset, granularity, first, last, self.tz)

    @reads
    def export(
        self,
        conn: db.Connection,
        dataset: str,
        first: date | None,
        last: date | None,
        form: str,
        out: TextIO,
    ) -> int:
        """Write a dataset's rows to ``out`` as ``csv`` or ``json``; returns the rows written."""
        from wallet import queries

        rows = queries.export_rows(conn, dataset, first, last, self.tz)
        write = queries.write_csv if form == "csv" else queries.write_json
        return write(out, queries.export_header(dataset), rows)

    @reads
    def energy_view(self, conn: db.Connection, request: EnergyRequest) -> EnergyView:
        from wallet.analytics.views import energy_view

        return energy_view(conn, self.tz, request)

    @reads
    def mobility_view(
        self, conn: db.Connection, kind: str, anchor: date | None, granularity: str
    ) -> MobilityView:
        from wallet.analytics.views import mobility_view

        return mobility_view(conn, self.tz, kind, anchor, granularity)

    @reads
    def benefits_view(self, conn: db.Connection) -> BenefitsView:
        from wallet.analytics.views import benefits_view

        return benefits_view(conn, self.tz)

    @reads
    def overview_facts(self, conn: db.Connection, today: date) -> OverviewFacts:
        from wallet.analytics.views import overview_facts

        return overview_facts(conn, self.tz, today)

    @reads
    def receipt(self, conn: db.Connection, ref: str, form: str) -> dict[str, Any]:
        """One consent's receipt (``wallet.sharing.receipts``)."""
        from wallet.sharing import receipts

        return receipts.receipt(conn, ref, form)

    # --- the wallet's files -----------------------------------------------------------
    @declared(WRITE)
    def backup(self, target: Path) -> BackupInfo:
        """An encrypted backup to ``target``; other writers wait until it is made."""
        from wallet.backup import backup

        return backup(self, target)  # type: ignore[arg-type]
