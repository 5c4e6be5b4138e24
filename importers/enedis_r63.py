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
from collections.abc import Callable, Iterable, Iterator
from itertools import repeat
from operator import getitem, itemgetter, sub
from pathlib import Path
from typing import cast

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
from importers.localtime import iso_duration_seconds
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
        reader = _Reader()
        for first, lines in line_blocks(path, file_encoding(path), on_progress):
            fast = reader.fast_block(lines)
            if fast is not None:
                yield from fast
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

    def header(self, line: str) -> bool:
        found = _columns(folded_cells(line))
        if found is None:
            return False
        self.columns = found
        self.width = max(found.values()) + 1
        self.i_prm, self.i_stamp = found["identifiant prm"], found["horodate"]
        self.i_value, self.i_unit = found["valeur"], found["unite"]
        self.i_step, self.i_kind = found.get("pas"), found.get("grandeur metier")
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
        if len(stamp) == 19 and stamp[10] == " ":
            end = self.clock.resolve(stamp[:10], self._seconds(stamp[11:]), text)
        else:
            end = self.offsets.parse(stamp)
        pas = cells[self.i_step] if self.i_step is not None else ""
        step = self._step(pas) if pas else self.last_step
        if not step:
            raise ValueError("interval length (Pas) is missing")
        self.last_step = step
        quantity = self._quantity(cells[self.i_kind] if self.i_kind is not None else "")
        value = number_or_none(text)
        if not unit:
            raise ValueError("unit (Unité) is missing")
        return EnergyReading(
            "electricity", MeterId(cells[self.i_prm]), quantity, end - step, end, value, unit
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

    def fast_block(self, lines: list[str]) -> Iterable[EnergyReading] | None:
        if self.columns is None or not lines:
            return None
        at = self.i_stamp
        if self.i_value != at + 1 or self.i_step is None or self.i_step <= at:
            return None  # an unusual column order: the line by line path reads it
        cells = lines[0].split(";")
        if len(cells) < self.width or not cells[0][:1].isdigit():
            return None
        prefix = ";".join(cells[:at]) + ";"
        if not all(map(str.startswith, lines, repeat(prefix))):
            return None
        try:
            return self._fast(lines, cells, len(prefix))
        except (ValueError, KeyError):
            return None

    def _fast(self, lines: list[str], cells: list[str], cut: int) -> Iterable[EnergyReading]:
        last = self.i_step - self.i_stamp  # type: ignore[operator]
        tails = list(
            map(
                _split,
                map(_cut, lines, repeat(slice(cut, None))),
                repeat(";"),
                repeat(last + 1),
            )
        )
        if min(map(len, tails)) <= last:
            raise ValueError("short line")
        stamps = list(map(itemgetter(0), tails))
        texts = list(map(itemgetter(1), tails))
        pas = list(map(itemgetter(last), tails))
        if set(map(len, stamps)) != {19}:
            raise ValueError("not the local time form")
        if "" in texts:
            values = [float(t) if t else None for t in texts]
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
        ends = self._ends(stamps, texts)  # from here the clock's row-order state changes
        if len(kinds) == 1:
            starts: Iterable[int] = map(sub, ends, repeat(self.steps[pas[0]]))
        else:
            starts = map(sub, ends, map(self.steps.__getitem__, pas))
        self.last_step = self.steps[pas[-1]]
        return map(
            tuple.__new__,
            repeat(EnergyReading),
            zip(
                repeat("electricity"),
                repeat(meter),
                repeat(quantity),
                starts,
                ends,
                values,
                repeat(unit),
            ),
        )

    def _ends(self, stamps: list[str], texts: list[str]) -> list[int]:
        days, times = self.clock.plain_days, self.times
        try:
            return [days[s[:10]] + times[s[11:]] for s in stamps]
        except KeyError:
            pass  # a day or a time of day not seen yet, or a clock-change day
        for text in {s[11:] for s in stamps} - times.keys():
            self._seconds(text)
        for day in {s[:10] for s in stamps} - days.keys():
            self.clock.spring_gap(day)  # caches the day as plain or as a clock change
        get, resolve = days.get, self.clock.resolve
        return [
            base + times[s[11:]]
            if (base := get(s[:10])) is not None
            else resolve(s[:10], times[s[11:]], t)
            for s, t in zip(stamps, texts, strict=True)
        ]


# str.split typed for map(): (text, separator, maxsplit).
_split = cast("Callable[[str, str, int], list[str]]", str.split)
_cut = cast("Callable[[str, slice], str]", getitem)


def _quantity(kind: str) -> str:
    found = _QUANTITIES.get(fold(kind))
    if found is None:
        raise ValueError("Grandeur métier is neither CONS nor PROD")
    return found


def _reason(exc: ValueError) -> str:
    text = str(exc)
    return "value could not be read" if "'" in text else text


IMPORTER = EnedisR63()
