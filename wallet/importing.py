"""The vault's import step: one file, one transaction, one batch with its provenance.

Records stream from the importer into inserts on natural keys, so re-importing the same or an
overlapping file adds only what is new, and a value the provider has since corrected replaces
the stored one (kept with its batch, see ``wallet.batch_writer``). A crash, a cancel, a refused
file or a full disk rolls the whole batch back: never a half-imported file.

The step is three parts, put together by ``Wallet.import_file``: ``read_file`` chooses the
importer and opens its stream (or a reading helper hands its own, ``ParseAhead.reading``);
``import_items`` writes the stream inside the store's write transaction; ``noted`` keeps the
help-desk notes of how it ended.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from importers import registry
from importers.base import (
    EnergyReading,
    FileRefused,
    Importer,
    Item,
    Note,
    NotStored,
    ProgressCallback,
    Record,
    Rejected,
    no_progress,
)
from importers.blocks import BlockItem, EnergyBlock, read_blocks
from wallet import db, logs
from wallet.batch_writer import BatchWriter, ConfirmIdentifier, ImportResult
from wallet.errors import ImportCancelled, ImportRefused, WalletError
from wallet.files import file_sha256
from wallet.helpdesk import outcomes

log = logs.get_logger("importing")

FLUSH_ROWS = 20_000
KEEP_REJECTED = 1_000  # line numbers kept for the summary; the count is always exact

T = TypeVar("T")
Confirm = Callable[[Sequence[Record], Sequence[Rejected]], bool]
Cancelled = Callable[[], bool]


@dataclass
class Preview:
    """What an import would store, before anything is written."""

    importer: Importer
    candidates: list[registry.Candidate]
    records: list[Record]
    record_count: int
    rejected: list[Rejected]
    rejected_count: int
    not_stored: dict[str, int] = field(default_factory=dict)  # reason -> rows (NotStored)


def choose_importer(
    path: Path,
    source: str | None,
    extra_importers: Sequence[Importer] = (),
    wallet: str | None = None,
) -> registry.Candidate:
    """``extra_importers``: built from saved mappings; they compete with the built-in ones.

    ``wallet``: the ``outcomes.wallet_tag`` a refusal is noted under.
    """
    try:
        return registry.choose(path, source, extra_importers)
    except (registry.UnrecognisedFile, registry.UnknownSource) as exc:
        refused = ImportRefused(str(exc))
        outcomes.record(path, outcome="refused", error=refused, wallet=wallet)
        raise refused from None


def wallet_of(conn: db.Connection) -> str | None:
    """The ``outcomes.wallet_tag`` of the wallet ``conn`` is open on (None in memory)."""
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main" and file:
            return outcomes.wallet_tag(Path(file).parent)
    return None


def preview(
    path: Path,
    source: str | None = None,
    *,
    max_records: int = 200,
    on_progress: ProgressCallback = no_progress,
    cancelled: Cancelled | None = None,
    extra_importers: Sequence[Importer] = (),
) -> Preview:
    """Parse the whole file without storing anything: first records, every rejection counted."""
    chosen = choose_importer(path, source, extra_importers)
    ranked = registry.rank(registry.read_sample(path), extra_importers)
    records: list[Record] = []
    rejected: list[Rejected] = []
    counts = [0, 0]
    not_stored: dict[str, int] = {}
    for item in _parse(chosen.importer, path, on_progress):
        if isinstance(item, NotStored):
            not_stored[item.reason] = not_stored.get(item.reason, 0) + item.rows
            continue
        if isinstance(item, Note):
            continue
        if isinstance(item, Rejected):
            counts[1] += 1
            if len(rejected) < KEEP_REJECTED:
                rejected.append(item)
        else:
            counts[0] += 1
            if len(records) < max_records:
                records.append(item)
        if cancelled is not None and (counts[0] + counts[1]) % 4096 == 0 and cancelled():
            raise ImportCancelled("The preview was cancelled.")
    return Preview(chosen.importer, ranked, records, counts[0], rejected, counts[1], not_stored)


@dataclass
class Reading:
    """One file on its way in: the importer chosen, its stream of records, and the file's
    SHA-256 once the stream is read (a reading helper may have computed it already)."""

    path: Path
    importer: Importer
    items: Iterable[BlockItem]
    digest: Callable[[], str]


def read_file(
    path: Path,
    *,
    source: str | None = None,
    on_progress: ProgressCallback = no_progress,
    confirm: Confirm | None = None,
    extra_importers: Sequence[Importer] = (),
    wallet: str | None = None,
    on_chosen: Callable[[Importer], None] | None = None,
) -> Reading:
    """Choose the file's importer and open its stream, in this process.

    ``extra_importers``: built from the mappings saved in the wallet, so a file whose header
    matches one is read with it. An importer whose records a person must confirm (payments
    found in a PDF) is read whole first and shown to ``confirm``; nothing is stored without yes.
    """
    importer = choose_importer(path, source, extra_importers, wallet).importer
    if on_chosen is not None:
        on_chosen(importer)  # a refusal while reading is then noted under this importer
    items: Iterable[BlockItem]
    if importer.needs_confirmation:
        items = _confirmed(list(_parse(importer, path, on_progress)), confirm)
    else:
        items = _parse_blocks(importer, path, on_progress)
    return Reading(path, importer, items, partial(file_sha256, path))


class Notes:
    """The help-desk notes of one file's import (``wallet.helpdesk.outcomes``): a step around
    the import, told what was read before a failure (``read_before``) or what was stored."""

    def __init__(self, path: Path, wallet: str | None = None) -> None:
        self.path = path
        self.wallet = wallet  # the outcomes.wallet_tag the notes are filed under
        self.importer: Importer | None = None
        self.partial: ImportResult | None = None

    def chose(self, importer: Importer) -> None:
        self.importer = importer

    def read_before(self, partial: ImportResult, exc: BaseException) -> None:
        self.partial = partial

    def imported(self, result: ImportResult) -> None:
        outcomes.record(
            self.path,
            outcome="partial" if result.rejected_count else "imported",
            importer=result.importer,
            added=result.added,
            present=result.present,
            rejected=result.rejected,
            rejected_count=result.rejected_count,
            sha256=result.sha256,
            wallet=self.wallet,
        )

    def failed(self, exc: BaseException) -> None:
        if self.importer is None:
            return  # no importer chosen: ``choose_importer`` noted the refusal itself
        result = self.partial or ImportResult(
            self.path.name, self.importer.name, self.importer.label
        )
        _note_failure(self.path, result, exc, self.wallet)


@contextlib.contextmanager
def noted(path: Path, wallet: str | None = None) -> Iterator[Notes]:
    """Notes for the help desk about the import run inside the block, whatever its end."""
    notes = Notes(path, wallet)
    try:
        yield notes
    except BaseException as exc:
        notes.failed(exc)
        raise


def import_items(
    conn: db.Connection,
    items: Iterable[BlockItem],
    importer: Importer,
    file_name: str,
    digest: Callable[[], str],
    *,
    strict: bool = False,
    cancelled: Cancelled | None = None,
    account: str | None = None,
    on_failure: Callable[[ImportResult, BaseException], None] | None = None,
    confirm_identifier: ConfirmIdentifier | None = None,
) -> ImportResult:
    """Store a stream of records as one batch, in one transaction (the vault's insert path).

    ``digest`` gives the file's SHA-256 for the batch once every record is read.
    ``on_failure`` hears what was read before a refusal, cancel or crash rolled it back.
    """
    result = ImportResult(file_name, importer.name, importer.label)
    writer = BatchWriter(conn, result, account.strip() if account else None, confirm_identifier)
    # Called bare (one thread: tests and benchmarks) it makes its own transaction; inside the
    # store's ``write(own_references=True)`` it joins the one begun there.
    references = contextlib.nullcontext() if conn.in_transaction else db.own_references(conn)
    try:
        with references, db.transaction(conn):
            _write(writer, items, importer, file_name, digest, strict, cancelled)
    except BaseException as exc:
        if on_failure is not None:
            on_failure(result, exc)
        if isinstance(exc, db.DatabaseError) and (mapped := db.storage_error(exc)):
            raise mapped from None
        if isinstance(exc, OSError):
            raise ImportRefused(f"{file_name} could not be read ({exc.strerror}).") from None
        raise
    return result


def _write(
    writer: BatchWriter,
    items: Iterable[BlockItem],
    importer: Importer,
    file_name: str,
    digest: Callable[[], str],
    strict: bool,
    cancelled: Cancelled | None,
) -> None:
    result = writer.result
    writer.start(importer)
    energy = writer.buffers["energy"]
    channel_key: tuple[str, str, str] | None = None
    channel = 0
    batch_id = writer.batch_id
    for item in items:
        # The hot path: a load curve is millions of readings of one channel.
        if item.__class__ is EnergyReading:
            reading: EnergyReading = item
            key = (reading.dataset, reading.meter, reading.quantity)
            if key != channel_key:
                channel_key = key
                channel = writer.channel(*key)
            energy.append(
                (
                    channel,
                    reading.start,
                    reading.end,
                    reading.value,
                    reading.unit,
                    reading.quality,
                    batch_id,
                )
            )
            writer.pending += 1
        elif isinstance(item, EnergyBlock):
            writer.block(item)
            _stop_if_cancelled(cancelled)
            continue
        elif isinstance(item, NotStored):
            result.not_stored[item.reason] = result.not_stored.get(item.reason, 0) + item.rows
            continue
        elif isinstance(item, Note):
            if item.text not in result.notes:
                result.notes.append(item.text)
            continue
        elif isinstance(item, Rejected):
            result.rejected_count += 1
            if len(result.rejected) < KEEP_REJECTED:
                result.rejected.append(item)
            if strict:
                raise ImportRefused(_strict_message(file_name, item))
            continue
        else:
            writer.add(item)
        if writer.pending >= FLUSH_ROWS:
            writer.flush()
            _stop_if_cancelled(cancelled)
    writer.flush()
    if writer.records == 0:
        raise ImportRefused(_empty_message(file_name, importer, result))
    writer.finish(digest())


def _stop_if_cancelled(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelled("The import was cancelled; nothing was stored.")


def _note_failure(path: Path, result: ImportResult, exc: BaseException, wallet: str | None) -> None:
    """Tell the help-desk notes why nothing was stored (the structure, never the values)."""
    if isinstance(exc, ImportCancelled | KeyboardInterrupt):
        outcome = "cancelled"
    elif isinstance(exc, ImportRefused | OSError):
        outcome = "refused"
    else:
        outcome = "failed"
    outcomes.record(
        path,
        outcome=outcome,
        importer=result.importer,
        rejected=result.rejected,
        rejected_count=result.rejected_count,
        error=exc,
        wallet=wallet,
    )


def _parse(importer: Importer, path: Path, on_progress: ProgressCallback) -> Iterable[Item]:
    return guarded(importer, path, lambda: importer.parse(path, on_progress))


def _parse_blocks(
    importer: Importer, path: Path, on_progress: ProgressCallback
) -> Iterable[BlockItem]:
    """Readings in ``EnergyBlock`` form from importers that offer ``parse_blocks``."""
    return guarded(importer, path, lambda: read_blocks(importer, path, on_progress))


def guarded(importer: Importer, path: Path, parse: Callable[[], Iterable[T]]) -> Iterator[T]:
    """The importer's stream, with its unexpected failures turned into a clear refusal."""
    try:
        yield from parse()
    except (WalletError, OSError):
        raise
    except FileRefused as exc:
        raise ImportRefused(f"{path.name} was not imported: {exc} Nothing was stored.") from None
    except Exception as exc:  # an importer bug or a file it cannot handle: refuse the file
        raise ImportRefused(
            f"{path.name} could not be read as {importer.label} ({type(exc).__name__}). "
            "Nothing was stored. Check the file, or send a support report."
        ) from None


def _confirmed(items: list[Item], confirm: Confirm | None) -> list[Item]:
    records = [i for i in items if not isinstance(i, Rejected | NotStored | Note)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    if confirm is None or not confirm(records, rejected):
        raise ImportRefused("The payments found were not confirmed, so nothing was stored.")
    return items


def _strict_message(file_name: str, first: Rejected) -> str:
    return (
        f"{file_name} was not imported because line {first.line} cannot be read "
        f"({first.reason}) and --strict refuses files with bad lines. Nothing was stored."
    )


def _empty_message(file_name: str, importer: Importer, result: ImportResult) -> str:
    if result.rejected_count:
        lines = ", ".join(str(r.line) for r in result.rejected[:5])
        return (
            f"{file_name} was recognised as {importer.label}, but none of its "
            f"{result.rejected_count} data lines could be read (lines {lines}…: "
            f"{result.rejected[0].reason}). Nothing was stored."
        )
    return (
        f"{file_name} was recognised as {importer.label}, but it holds no data rows. "
        "Check the period you chose when downloading it. Nothing was stored."
    )
