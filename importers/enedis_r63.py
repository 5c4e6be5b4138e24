"""Enedis R63 load curve, flat CSV (FORMATS.md section 1.2).

One row per reading, the meter number and the step on every row::

    Identifiant PRM;Date de début;Date de fin;Grandeur physique;Grandeur métier;Etape métier;
    Unité;Horodate;Valeur;Nature;Pas;Indice de vraisemblance;Etat complémentaire

``Horodate`` is the end of the interval in Paris time without an offset (the repeated autumn
hour is told apart by row order), or ISO 8601 with an offset in the SGE variant. ``Valeur``
is the mean power in the ``Unité`` column (W) or, in some variants, the energy (Wh): stored as
given. Headers are matched without accents; extra columns are ignored. Rows flagged by
``Indice de vraisemblance`` are real readings and are kept. ``Grandeur métier`` ``PROD`` rows
are stored as quantity ``production``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import compress, repeat
from operator import add, getitem, is_, sub
from pathlib import Path

from importers.base import (
    Detection,
    EnergyReading,
    FileSample,
    Item,
    MeterId,
    ProgressCallback,
    Rejected,
    no_progress,
)
from importers.blocks import BlockItem, EnergyBlock, expand
from importers.localtime import iso_duration_seconds
from importers.quality import enedis_quality
from importers.textfile import (
    file_encoding,
    fold,
    folded_cells,
    header_text,
    line_blocks,
    number_or_none,
)
from importers.wallclock import LocalStamps, OffsetStamps, seconds_of_day

REQUIRED = ("identifiant prm", "horodate", "valeur", "unite")
EXPECTED = "Identifiant PRM;…;Unité;Horodate;Valeur;Nature;Pas"
_QUANTITIES = {"cons": "consumption", "": "consumption", "prod": "production"}


def _columns(cells: list[str]) -> dict[str, int] | None:
    index = {name: i for i, name in reversed(list(enumerate(cells)))}
    if all(name in index for name in REQUIRED):
        return index
    return None


class EnedisR63:
    name = "enedis_r63"
    version = "1"
    label = "Enedis R63 load curve (CSV)"
    datasets = ("electricity",)
    needs_confirmation = False
    source_tz = "Europe/Paris"

    def detect(self, sample: FileSample) -> Detection:
        cells = folded_cells(sample.first_nonblank_line())
        if not cells or cells[0] != "identifiant prm" or "type de donnees" in cells:
            return Detection(0.0)
        if _columns(cells) is not None:
            return Detection(0.95, "Enedis R63 header (Identifiant PRM … Horodate;Valeur)")
        if "date de debut" in cells or "horodate" in cells or "pas" in cells:
            return Detection(
                0.0, near_miss=f"expected columns {EXPECTED}, found {header_text(cells, 13)}"
            )
        return Detection(0.0)

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        return expand(self.parse_blocks(path, on_progress))

    def parse_blocks(
        self, path: Path, on_progress: ProgressCallback = no_progress
    ) -> Iterator[BlockItem]:
        """``parse`` with whole blocks of readings as ``EnergyBlock`` (the vault's fast path)."""
        reader = _Reader()
        for first, lines in line_blocks(path, file_encoding(path), on_progress):
            if reader.columns is None:  # up to the header line by line, then the fast path
                at = 0
                while reader.columns is None and at < len(lines):
                    item = reader.line(first + at, lines[at])
                    at += 1
                    if item is not None:
                        yield item
                first, lines = first + at, lines[at:]
            block = reader.fast_block(lines)
            if block is not None:
                yield block
                continue
            for number, line in enumerate(lines, first):
                item = reader.line(number, line)
                if item is not None:
                    yield item
        if reader.columns is None:
            yield Rejected(1, "the header row (Identifiant PRM;…;Horodate;Valeur) is missing")


class _Reader:
    """Parsing state of one file: its columns, the clock, and caches of what text is worth.

    ``line`` reads any line and explains what is wrong with it. ``fast_block`` reads a whole
    block at once with C-level loops when every line has the common shape (same leading
    columns, a value, a known step); it returns None, having changed nothing, otherwise.
    """

    def __init__(self) -> None:
        self.columns: dict[str, int] | None = None
        self.clock = LocalStamps()
        self.offsets = OffsetStamps()
        self.times: dict[str, int] = {}
        self.steps: dict[str, int] = {}
        self.quantities: dict[str, str] = {}
        self.last_step = self.width = 0
        self.i_prm = self.i_stamp = self.i_value = self.i_unit = 0
        self.i_step: int | None = None
        self.i_kind: int | None = None
        self.i_nature: int | None = None

    def header(self, line: str) -> bool:
        found = _columns(folded_cells(line))
        if found is None:
            return False
        self.columns = found
        self.width = max(found.values()) + 1
        self.i_prm, self.i_stamp = found["identifiant prm"], found["horodate"]
        self.i_value, self.i_unit = found["valeur"], found["unite"]
        self.i_step, self.i_kind = found.get("pas"), found.get("grandeur metier")
        self.i_nature = found.get("nature")
        return True

    def line(self, number: int, line: str) -> Item | None:
        if not line or line.isspace():
            return None
        cells = line.split(";")
        if (self.columns is None or not cells[0][:1].isdigit()) and self.header(line):
            return None  # the header, or a repeated one
        if self.columns is None:
            return Rejected(number, "line before the header row")
        if len(cells) < self.width:
            return Rejected(number, f"expected {self.width} columns, found {len(cells)}")
        try:
            return self._reading(cells)
        except ValueError as exc:
            return Rejected(number, _reason(exc))

    def _reading(self, cells: list[str]) -> EnergyReading:
        text, unit = cells[self.i_value], cells[self.i_unit]
        stamp = cells[self.i_stamp]
        pas = cells[self.i_step] if self.i_step is not None else ""
        step = self._step(pas) if pas else self.last_step
        if not step:
            raise ValueError("interval length (Pas) is missing")
        if len(stamp) == 19 and stamp[10] == " ":
            end = self.clock.resolve(stamp[:10], self._seconds(stamp[11:]), text, step)
        else:
            end = self.offsets.parse(stamp)
        self.last_step = step
        quantity = self._quantity(cells[self.i_kind] if self.i_kind is not None else "")
        value = number_or_none(text)
        if not unit:
            raise ValueError("unit (Unité) is missing")
        quality = enedis_quality(cells[self.i_nature]) if self.i_nature is not None else None
        return EnergyReading(
            "electricity",
            MeterId(cells[self.i_prm]),
            quantity,
            end - step,
            end,
            value,
            unit,
            quality,
        )

    def _seconds(self, text: str) -> int:
        seconds = self.times.get(text)
        if seconds is None:
            seconds = self.times[text] = seconds_of_day(text)
        return seconds

    def _step(self, pas: str) -> int:
        step = self.steps.get(pas)
        if step is None:
            step = self.steps[pas] = iso_duration_seconds(pas)
        return step

    def _quantity(self, kind: str) -> str:
        quantity = self.quantities.get(kind)
        if quantity is None:
            quantity = self.quantities[kind] = _quantity(kind)
        return quantity

    def fast_block(self, lines: list[str]) -> EnergyBlock | None:
        if self.columns is None or not lines:
            return None
        at, step_at = self.i_stamp, self.i_step
        if self.i_value != at + 1 or step_at is None or step_at <= at:
            return None  # an unusual column order: the line by line path reads it
        cells = lines[0].split(";")
        width = len(cells)
        if width < self.width or not cells[0][:1].isdigit():
            return None
        # Every line with the same number of cells, the same leading columns and a 19-character
        # time stamp: the columns after the stamp are then slices of one flat list of cells.
        if list(map(str.count, lines, repeat(";"))).count(width - 1) != len(lines):
            return None
        prefix = ";".join(cells[:at]) + ";"
        cut = len(prefix)
        if not all(map(str.startswith, lines, repeat(prefix))):
            return None
        if set(map(getitem, lines, repeat(cut + 19))) != {";"}:
            return None
        stamps: list[str] = list(map(getitem, lines, repeat(slice(cut, cut + 19))))
        if ";" in "".join(stamps):
            return None
        rest = ";".join(map(getitem, lines, repeat(slice(cut + 20, None)))).split(";")
        count = width - at - 1
        nature_at = self.i_nature
        natures = rest[nature_at - at - 1 :: count] if nature_at and nature_at > at else None
        try:
            block = self._fast(cells, stamps, rest[::count], rest[step_at - at - 1 :: count])
        except (ValueError, KeyError):
            return None
        return block if natures is None else block._replace(qualities=_qualities(natures))

    def _fast(
        self, cells: list[str], stamps: list[str], texts: list[str], pas: list[str]
    ) -> EnergyBlock:
        if set(map(getitem, stamps, repeat(10))) != {" "}:
            raise ValueError("not the local time form")
        if "" in texts:
            values: list[float | None] = [float(t) if t else None for t in texts]
        else:
            values = list(map(float, texts))
        if not math.isfinite(sum(filter(None, values))):
            raise ValueError("not a number")
        kinds = set(pas)
        if "" in kinds:
            raise ValueError("a missing step")
        for text in kinds:
            self._step(text)
        quantity = self._quantity(cells[self.i_kind] if self.i_kind is not None else "")
        unit, meter = cells[self.i_unit], MeterId(cells[self.i_prm])
        if not unit:
            raise ValueError("no unit")
        ends = self._ends(stamps, texts, pas)  # from here the clock's row-order state changes
        if len(kinds) == 1:
            starts = list(map(sub, ends, repeat(self.steps[pas[0]])))
        else:
            starts = list(map(sub, ends, map(self.steps.__getitem__, pas)))
        self.last_step = self.steps[pas[-1]]
        return EnergyBlock("electricity", meter, quantity, unit, starts, ends, values)

    def _ends(self, stamps: list[str], texts: list[str], pas: list[str]) -> list[int]:
        days, times = self.clock.plain_days, self.times
        day_keys: list[str] = list(map(getitem, stamps, repeat(_DAY)))
        time_keys: list[str] = list(map(getitem, stamps, repeat(_TIME)))
        for text in set(time_keys) - times.keys():
            self._seconds(text)
        seen = set(day_keys)
        for day in seen - days.keys():
            self.clock.spring_gap(day)  # caches the day as plain or as a clock change
        ends = list(map(add, map(days.get, day_keys, repeat(0)), map(times.__getitem__, time_keys)))
        if seen - days.keys():  # clock-change days: their repeated hour is told apart by row order
            bases = map(days.get, day_keys)
            resolve = self.clock.resolve
            for i in compress(range(len(ends)), map(is_, bases, repeat(None))):
                ends[i] = resolve(day_keys[i], times[time_keys[i]], texts[i], self.steps[pas[i]])
        return ends


_DAY, _TIME = slice(0, 10), slice(11, None)


def _qualities(natures: list[str]) -> list[str | None] | None:
    """Each row's nature code as a quality; one look-up when the block has one code."""
    codes = set(natures)
    if len(codes) == 1:
        quality = enedis_quality(natures[0])
        return None if quality is None else [quality] * len(natures)
    found = {code: enedis_quality(code) for code in codes}
    return list(map(found.__getitem__, natures))


def _quantity(kind: str) -> str:
    found = _QUANTITIES.get(fold(kind))
    if found is None:
        raise ValueError("Grandeur métier is neither CONS nor PROD")
    return found


def _reason(exc: ValueError) -> str:
    text = str(exc)
    return "value could not be read" if "'" in text else text


IMPORTER = EnedisR63()
