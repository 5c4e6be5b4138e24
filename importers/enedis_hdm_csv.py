"""Enedis customer portal CSV, "historique de mesures" (FORMATS.md section 1.1).

One file holds one or more sections, each opened by two metadata lines::

    Identifiant PRM;Type de donnees;Date de debut;Date de fin;…;Unite;Pas en minutes
    01234567890123;Courbe de charge;26/10/2024;28/10/2024;…;W;

then a data header and rows stamped in ISO 8601 with an offset:

* ``Courbe de charge``: ``Horodate;Valeur``, mean power (W) over the interval ending at the
  stamp; the step is ``Pas en minutes`` when given, else inferred row by row
  (``importers.steps``). Stored as quantity ``consumption`` in W.
* ``Index``: ``Horodate;Type de releve;EAS F1;…;EAS F10;EAS D1;…;EAS D4;EAS T``, cumulative
  registers (Wh) read once a day; stored as ``index:EAS F1`` … at the nearest local midnight
  (Enedis stamps some at 01:00 or 23:00). A day with every register empty is one missing
  ``index:EAS T``. The supplier calendar that follows (``Periode;Identifiant calendrier
  fournisseur;…``) says which register counts which tariff class; each period start is stored
  as a marker row ``calendar:EAS F1=HC`` (register ``=`` class id, value empty, unit empty,
  start = end = the period start), so the vault keeps the mapping as it changes over time.
* ``Puissance maximale quotidienne``: ``Horodate;Valeur``, the day's peak in VA (the file may
  say W; Enedis documents VA) at the instant of the peak, stored as ``max_power``.

Daily consumption from the index: a file of index readings (Enedis names it ``…Conso_Jour…``
too) holds no consumption, so a chart of it would stay empty. The consumption of a local day
is the difference of the total register ``EAS T`` between its midnight and the next one
(Wh), stored as quantity ``consumption``, and the summary says it was derived. Never across
a gap (a day without a reading, or with an empty ``EAS T``) nor across a meter change (the
total going down): those days stay without consumption.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from importers.base import (
    REPEATED,
    Detection,
    EnergyReading,
    FileSample,
    Item,
    MeterId,
    Note,
    NotStored,
    ProgressCallback,
    Rejected,
    no_progress,
)
from importers.localtime import PARIS
from importers.steps import StepInference
from importers.textfile import (
    file_encoding,
    fold,
    folded_cells,
    header_text,
    line_blocks,
    number_or_none,
)
from importers.wallclock import OffsetStamps

META = ("identifiant prm", "type de donnees")
CURVE_HEADER = ["horodate", "valeur"]
INDEX_START = ["horodate", "type de releve"]
CALENDAR_START = ["periode", "identifiant calendrier fournisseur"]
OLD_LAYOUT = ["date de la mesure", "heure de la mesure"]
KINDS = {"courbe de charge": "curve", "index": "index", "puissance maximale quotidienne": "pmax"}
EXPECTED = "Horodate;Valeur (or Horodate;Type de releve;EAS F1;…)"

_Row = tuple[int, float | None]  # (line number, value)


def _is_meta(cells: list[str]) -> bool:
    return tuple(cells[:2]) == META


def _filled(cells: list[str]) -> list[str]:
    """Without the empty cells a spreadsheet pads every row with (``Horodate;Valeur;;;;``)."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _is_data_header(cells: list[str]) -> bool:
    return _filled(cells) == CURVE_HEADER or cells[:2] in (INDEX_START, CALENDAR_START)


class _Section:
    def __init__(self, meter: str, kind: str, unit: str, step_minutes: str) -> None:
        self.meter = MeterId(meter)
        self.kind = kind
        self.unit = unit
        step = int(step_minutes) * 60 if step_minutes.isdecimal() else None
        self.fixed_step = step
        self.steps: StepInference[_Row] = StepInference(step)
        self.header: list[str] = []  # the data header as written
        self.mode = ""  # curve, index, calendar, pmax
        self.last: tuple[int, str] | None = None  # last curve row: (end, value text)
        self.total: tuple[int, float] | None = None  # last index row: (midnight, EAS T)
        self.derived = 0  # days of consumption derived from EAS T


class EnedisHdmCsv:
    name = "enedis_hdm_csv"
    version = "1"
    label = "Enedis customer portal CSV (historique de mesures)"
    datasets = ("electricity",)
    needs_confirmation = False
    source_tz = "Europe/Paris"

    def detect(self, sample: FileSample) -> Detection:
        lines = [line for line in sample.lines if line.strip()]
        if not lines:
            return Detection(0.0)
        first = folded_cells(lines[0])
        if first[:2] == OLD_LAYOUT:
            return Detection(
                0.0,
                near_miss="this older Enedis layout (Date de la mesure;Heure de la mesure…) "
                "is not read yet; download the export again as 'historique de mesures'",
            )
        if not _is_meta(first):
            return Detection(0.0)
        if len(lines) < 3:
            return Detection(0.6, "Enedis metadata header without data")
        data = folded_cells(lines[2])
        if _is_data_header(data):
            return Detection(0.95, "Enedis 'Identifiant PRM;Type de donnees' sections")
        return Detection(
            0.0, near_miss=f"expected the data header {EXPECTED}, found {header_text(data)}"
        )

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        stamps = OffsetStamps()
        section: _Section | None = None
        pending_meta = False
        for first, lines in line_blocks(path, file_encoding(path), on_progress):
            for number, line in enumerate(lines, first):
                if not line or line.isspace():
                    continue
                cells = line.split(";")
                head = cells[0][:1]
                if not (head.isdigit() or head == "D") or pending_meta:
                    folded = folded_cells(line)
                    if _is_meta(folded):
                        if section is not None:
                            yield from self._close(section)
                        section, pending_meta = None, True
                        continue
                    if pending_meta:
                        section, pending_meta = _section(cells), False
                        if section.kind == "":
                            yield Rejected(number, "unknown kind of data; the section is skipped")
                        continue
                    if section is not None and _is_data_header(folded):
                        section.header = _filled([cell.strip() for cell in cells])
                        section.mode = _mode(section.kind, folded)
                        continue
                if section is None or not section.mode or not section.kind:
                    if section is None or section.kind:
                        yield Rejected(number, "data line outside a known section")
                    continue
                try:
                    yield from self._row(section, stamps, number, cells)
                except ValueError as exc:
                    yield Rejected(number, _reason(exc))
        if section is not None:
            yield from self._close(section)

    def _row(
        self, section: _Section, stamps: OffsetStamps, number: int, cells: list[str]
    ) -> Iterator[Item]:
        mode = section.mode
        if mode == "curve":
            text = cells[1].strip() if len(cells) > 1 else ""
            end = stamps.parse(cells[0].strip())
            if section.last == (end, text):
                yield NotStored(REPEATED, 1, number)  # an exact duplicate: the same reading
                return
            section.last = (end, text)
            value = number_or_none(text)
            for when, step, (line, read) in section.steps.push(end, (number, value)):
                yield _curve(section, when, step, line, read)
        elif mode == "pmax":
            end = stamps.parse(cells[0].strip())
            value = number_or_none(cells[1] if len(cells) > 1 else "")
            yield EnergyReading("electricity", section.meter, "max_power", end, end, value, "VA")
        elif mode == "index":
            yield from _index_row(section, stamps, cells)
        else:
            yield from _calendar_row(section, stamps, cells)

    def _close(self, section: _Section) -> Iterator[Item]:
        if section.derived:
            yield Note(
                f"daily consumption derived from the total index (EAS T) for {section.derived} "
                "days: the file holds index readings, not consumption"
            )
        if section.mode == "curve":
            for when, step, (line, read) in section.steps.finish():
                yield _curve(section, when, step, line, read)


def _section(cells: list[str]) -> _Section:
    padded = [cell.strip() for cell in cells] + [""] * 9
    kind = KINDS.get(fold(padded[1]), "")
    if kind == "" and fold(padded[1]).startswith("puissance maximale"):
        kind = "pmax"
    return _Section(padded[0], kind, padded[7] or "Wh", padded[8])


def _mode(kind: str, folded: list[str]) -> str:
    if folded[:2] == CALENDAR_START:
        return "calendar"
    if folded[:2] == INDEX_START:
        return "index"
    return kind if kind in ("curve", "pmax") else ""


def _curve(section: _Section, end: int, step: int | None, line: int, value: float | None) -> Item:
    if step is None:
        return Rejected(line, "a single reading: its interval length cannot be told")
    return EnergyReading("electricity", section.meter, "consumption", end - step, end, value, "W")


def _nearest_midnight(instant: int) -> int:
    day = datetime.fromtimestamp(instant + 43_200, PARIS).date()
    return int(datetime(day.year, day.month, day.day, tzinfo=PARIS).timestamp())


def _index_row(section: _Section, stamps: OffsetStamps, cells: list[str]) -> Iterator[Item]:
    at = _nearest_midnight(stamps.parse(cells[0].strip()))
    found = False
    total: float | None = None
    for name, text in zip(section.header[2:], cells[2:], strict=False):
        value = number_or_none(text)
        if value is not None and name:
            found = True
            if fold(name) == "eas t":
                total = value
            yield EnergyReading(
                "electricity", section.meter, f"index:{name}", at, at, value, section.unit
            )
    if not found:
        yield EnergyReading("electricity", section.meter, "index:EAS T", at, at, None, "Wh")
    yield from _derived_day(section, at, total)


def _derived_day(section: _Section, at: int, total: float | None) -> Iterator[Item]:
    """The previous day's consumption, when its midnight and this one both read ``EAS T``."""
    previous, section.total = section.total, (at, total) if total is not None else None
    if previous is None or total is None:
        return  # a gap: nothing is derived across it
    start, before = previous
    if _nearest_midnight(start + 86_400) != at or total < before:
        return  # not the next day (a gap), or the total went down (a meter change)
    section.derived += 1
    yield EnergyReading(
        "electricity", section.meter, "consumption", start, at, total - before, section.unit
    )


def _calendar_row(section: _Section, stamps: OffsetStamps, cells: list[str]) -> Iterator[Item]:
    period = cells[0].strip()
    if not period.startswith("Du "):
        raise ValueError("calendar period is not in the form Du … au …")
    start = stamps.parse(period[3:].split(" ")[0])
    folded = [fold(name) for name in section.header]
    for position, name in enumerate(folded):
        if not name.startswith("cadran classe temporelle"):
            continue
        ident = "identifiant" + name[len("cadran") :]
        if ident not in folded or position >= len(cells):
            continue
        register = cells[position].strip()
        class_id = cells[folded.index(ident)].strip()
        if register and class_id:
            quantity = f"calendar:{register}={class_id}"
            yield EnergyReading("electricity", section.meter, quantity, start, start, None, "")


def _reason(exc: ValueError) -> str:
    text = str(exc)
    return "value could not be read" if "'" in text else text


IMPORTER = EnedisHdmCsv()
