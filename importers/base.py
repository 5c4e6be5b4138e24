"""The small shared types every importer speaks: samples in, records and rejections out.

Importers are pure: they read a file and yield typed records. They never touch the vault.
Records are NamedTuples so the vault can pass them to ``executemany`` without copying.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, NewType, Protocol

MeterId = NewType("MeterId", str)
CardId = NewType("CardId", str)
AccountId = NewType("AccountId", str)

ENERGY_DATASETS = ("electricity", "gas", "water")
DATASETS = ("electricity", "gas", "water", "mobility", "transit_payments", "benefits")

ProgressCallback = Callable[[int, int], None]
"""``on_progress(done, total)``; units are bytes unless an importer says otherwise."""


def no_progress(done: int, total: int) -> None:
    """The default progress callback: ignore progress."""


class EnergyReading(NamedTuple):
    """One measured value over ``[start, end)``, as UTC epoch seconds.

    ``quantity`` says what was measured: ``consumption`` (energy, or mean power over the
    interval when ``unit`` is W or kW), ``volume`` (gas m3), ``max_power`` (the day's peak,
    ``start`` = ``end`` = instant of the peak is allowed), ``index:<register>`` (a cumulative
    meter register read at ``end``). ``value`` is ``None`` when the source says the value is
    missing: missing is never zero.
    """

    dataset: str  # electricity | gas | water
    meter: MeterId
    quantity: str
    start: int
    end: int
    value: float | None
    unit: str  # W, kW, Wh, kWh, VA, m3, L
    quality: str | None = None  # QUALITIES: what the provider says of the value; None: silent


class Trip(NamedTuple):
    """One journey on a card or account. Times are UTC epoch seconds; a missing tap is None."""

    card: CardId
    started_at: int | None
    ended_at: int | None
    mode: str  # bus, metro, rail, tram, boat, bike, walk, car, unknown
    line: str
    origin: str
    destination: str
    fare_cents: int | None
    currency: str
    distance_m: float | None = None
    note: str = ""


class MoneyMovement(NamedTuple):
    """A top-up, refund or purchase on a transit card: money, not a trip."""

    card: CardId
    at: int
    kind: str  # topup | refund | purchase | other
    amount_cents: int
    currency: str
    label: str = ""


class Payment(NamedTuple):
    """A benefit payment. Dates are ISO ``YYYY-MM-DD`` local calendar dates."""

    account: AccountId
    payer: str  # CAF, France Travail, CPAM, MSA, CARSAT, ...
    benefit: str  # e.g. "Aide personnalisée au logement"; "" when the source does not say
    paid_on: str
    period_start: str | None
    period_end: str | None
    amount_cents: int
    currency: str = "EUR"
    evidence: str = ""  # the source line, shown for confirmation; never stored or logged


class BenefitDocument(NamedTuple):
    """A letter from a benefits office that carries no amount (a payment notice, a decision).

    Kept apart from payments on purpose: a notice says that a payment was announced, not what
    was paid, so it must never count in the totals. ``kind`` is the office's own document code.
    """

    account: AccountId
    issuer: str  # "France Travail", "CAF", ...
    kind: str  # e.g. "AVIS_PAIEMENT", as the source gives it
    issued_on: str  # ISO YYYY-MM-DD
    document_id: str  # the office's identifier of the letter (natural key)


class Station(NamedTuple):
    """A stop or station of a transit network (reference data, from GTFS)."""

    network: str
    stop_id: str
    name: str
    lat: float
    lon: float
    location_type: int = 0
    parent_station: str = ""


class TaxNotice(NamedTuple):
    """The figures of a French income tax notice ("avis d'impôt sur le revenu").

    Only what the rights check needs: the income year, the household's reference tax income
    ("revenu fiscal de référence") and its number of parts. Tax numbers are never kept.
    """

    income_year: int
    reference_income_cents: int
    parts_hundredths: int  # 1.5 parts -> 150
    evidence: str = ""  # the lines read, shown for confirmation; never stored or logged


Record = EnergyReading | Trip | MoneyMovement | Payment | BenefitDocument | Station | TaxNotice


# What a provider says of a value (Enedis nature and point status, GRDF qualificatif, Veolia's
# Mesuré/Estimé), in the wallet's words. ``importers.quality.quality_of`` reads the codes.
QUALITIES = ("measured", "estimated", "corrected")


class Rejected(NamedTuple):
    """A line the importer could not read. ``reason`` must not quote values from the file."""

    line: int
    reason: str


class NotStored(NamedTuple):
    """Rows the importer read and deliberately did not store; the import summary names them.

    Yield one (for ``rows`` rows at once if you like) wherever a row is dropped on purpose, never
    silently: an exact duplicate of a row already read (``REPEATED``: Enedis files repeat a
    stamp up to four times), a row outside the period the file declares (``OUTSIDE_PERIOD``),
    a total or summary row (``SUMMARY``), a row of a kind the wallet does not keep
    (``OTHER_KIND``: an odd-minute stamp in a half-hour curve, a bank line that is no benefit
    payment, a GTFS entrance without coordinates). The vault adds them up per reason, shows
    them as "3 repeated rows, kept once" on the command line, in ``--json``, on the Imports
    page, and keeps them in the batch's record. ``line`` is the first such line, 0 if unknown.
    A row that cannot be read is ``Rejected``, not this.
    """

    reason: str  # one of NOT_STORED_REASONS
    rows: int = 1
    line: int = 0


REPEATED = "repeated"
OUTSIDE_PERIOD = "outside_period"
SUMMARY = "summary"
OTHER_KIND = "other_kind"
NOT_STORED_REASONS = (REPEATED, OUTSIDE_PERIOD, SUMMARY, OTHER_KIND)


class Note(NamedTuple):
    """What the import summary must say about a file besides its counts: values the importer
    worked out rather than read ("daily consumption derived from the EAS T index for 52 days").
    ``text`` names no value from the file; a note repeated by the importer is said once."""

    text: str


Item = Record | Rejected | NotStored | Note


class FileRefused(ValueError):
    """The whole file cannot be read (wrong layout, truncated, not this format).

    Importers raise it with a reason a person can act on, never quoting values from the file.
    Any other exception escaping ``parse`` is a bug in the importer.
    """


@dataclass(frozen=True)
class Detection:
    """How sure an importer is that it reads this file, and why (shown to the person)."""

    confidence: float  # 0.0 = not mine, 1.0 = certain
    reason: str = ""
    near_miss: str = ""  # when close but not accepted: what differs ("expected …, found …")


@dataclass
class FileSample:
    """The beginning of a file, decoded once for every importer's ``detect``."""

    path: Path
    head: bytes
    size: int
    text: str | None = None  # decoded head, None for binary files
    encoding: str | None = None
    lines: list[str] = field(default_factory=list)

    @property
    def is_zip(self) -> bool:
        return self.head.startswith(b"PK\x03\x04")

    @property
    def is_pdf(self) -> bool:
        return self.head.lstrip().startswith(b"%PDF")

    def first_nonblank_line(self) -> str:
        for line in self.lines:
            if line.strip():
                return line
        return ""


SAMPLE_BYTES = 64 * 1024


def decode_text(data: bytes) -> tuple[str, str] | None:
    """Decode bytes as UTF-8 (BOM stripped), else cp1252. None when it looks binary."""
    if b"\x00" in data[:4096]:
        return None
    try:
        return data.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError as exc:
        # A head cut in the middle of a multi-byte character is still UTF-8.
        if exc.start >= len(data) - 3:
            try:
                return data[: exc.start].decode("utf-8-sig"), "utf-8-sig"
            except UnicodeDecodeError:
                pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def read_sample(path: Path) -> FileSample:
    with open(path, "rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    size = path.stat().st_size
    sample = FileSample(path=path, head=head, size=size)
    decoded = decode_text(head)
    if decoded is not None:
        sample.text, sample.encoding = decoded
        sample.lines = sample.text.splitlines()
        if size > SAMPLE_BYTES and sample.lines:
            sample.lines.pop()  # the last line of a cut head may be partial
    return sample


# No export has a line of a megabyte; a crafted one (millions of columns) would be held whole.
MAX_LINE_CHARS = 1024 * 1024


def line_too_long(number: int) -> FileRefused:
    return FileRefused(
        f"line {number} is longer than a megabyte: the file is not a real export. Nothing was "
        "stored; download the export again from the provider."
    )


def open_text(path: Path, encoding: str) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, line)`` with line endings stripped, decoding incrementally.

    A line longer than ``MAX_LINE_CHARS`` refuses the file (FileRefused).
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    with open(path, "rb") as handle:
        number = 0
        pending = ""
        while chunk := handle.read(1 << 20):
            pending += decoder.decode(chunk)
            lines = pending.split("\n")
            pending = lines.pop()
            for line in lines:
                number += 1
                if len(line) > MAX_LINE_CHARS:
                    raise line_too_long(number)
                yield number, line.rstrip("\r")
            if len(pending) > MAX_LINE_CHARS:
                raise line_too_long(number + 1)
        pending += decoder.decode(b"", final=True)
        if pending:
            number += 1
            yield number, pending.rstrip("\r")


class Importer(Protocol):
    """What every importer module exposes (as module-level attributes or an object)."""

    name: str  # stable id, e.g. "enedis_r63"; shown in batches and accepted by --source
    version: str
    label: str  # a person's name for the format, e.g. "Enedis R63 load curve (CSV)"
    datasets: tuple[str, ...]
    needs_confirmation: bool  # True when every record must be confirmed before storing
    source_tz: str  # the time zone the file's local times are in, kept on the batch

    def detect(self, sample: FileSample) -> Detection: ...

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterable[Item]: ...
