"""GRDF JSON from the customer area API ("donnees_informatives" and "donnees_publiees").

The file is an object keyed by PCE (the gas meter number), each holding ``releves[]``. Daily
readings are keyed by ``journeeGaziere`` (the gas day, 06:00 to 06:00 Paris time): the offset
in ``dateDebutReleve`` says ``+00:00`` winter and summer alike, so it is not trusted. Billing
readings ("Publiée") have no gas day and span weeks or months: their period runs from the gas
day of ``dateDebutReleve`` to the gas day of ``dateFinReleve``.

A reading qualified "Absence de Données" is missing: its values are stored as ``None``.

Ten years of daily readings are about 2 MB of JSON, but the file is streamed all the same
(``importers/jsontext.py``): a first pass checks that the whole file is JSON and finds its
readings arrays, a second reads them a batch at a time, so a file of any length is read in
flat memory. A file the stream does not take (not JSON, another encoding, an odd outline)
is loaded whole as it always was; either way the readings and rejected lines are the same.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Generator, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from importers.base import (
    Detection,
    FileRefused,
    FileSample,
    Item,
    MeterId,
    ProgressCallback,
    Rejected,
    no_progress,
)
from importers.blocks import BlockItem
from importers.grdf_common import (
    UNKNOWN_PCE,
    GasPeriod,
    gas_blocks,
    gas_day_start,
    gas_days,
    gas_items,
    is_absent,
    number,
)
from importers.guard import json_loads
from importers.jsontext import JsonText, Outline, StreamedArray, Unusual
from importers.quality import word_quality

_DAY_KEY = '"journeeGaziere"'
_LIST_KEY = '"releves"'


class GrdfJson:
    name = "grdf_json"
    version = "1"
    label = "GRDF gas readings (JSON)"
    datasets = ("gas",)
    needs_confirmation = False
    source_tz = "Europe/Paris"

    def detect(self, sample: FileSample) -> Detection:
        text = (sample.text or "").lstrip()
        if not text.startswith("{"):
            return Detection(0.0)
        has_list, has_day = _LIST_KEY in text, _DAY_KEY in text
        has_pce = '"idPce"' in text
        if has_list and (has_day or has_pce):
            return Detection(1.0, "JSON keyed by PCE with GRDF readings (releves)")
        if has_list or has_day or has_pce:
            missing = [
                k for k, ok in (("releves", has_list), ("journeeGaziere", has_day)) if not ok
            ]
            return Detection(
                0.2,
                near_miss=f"expected GRDF keys releves and journeeGaziere, missing {missing[0]}",
            )
        return Detection(0.0)

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        return gas_items(_periods(path, on_progress))

    def parse_blocks(
        self, path: Path, on_progress: ProgressCallback = no_progress
    ) -> Iterator[BlockItem]:
        """``parse`` with the readings as blocks of energy and of volume (the vault's fast path)."""
        return gas_blocks(_periods(path, on_progress))


def _periods(path: Path, on_progress: ProgressCallback) -> Iterator[GasPeriod | Rejected]:
    total = path.stat().st_size
    on_progress(0, total)
    try:
        arrays = _planned(path, lambda done: on_progress(done // 2, total))
    except UnicodeDecodeError:  # json.loads decodes first: this is what it would say
        yield Rejected(1, "the file is not UTF-8 JSON: download it again")
        return
    except Unusual:
        if not (yield from _whole(path)):
            return
    else:
        yield from _streamed(path, arrays, lambda done: on_progress((total + done) // 2, total))
    on_progress(total, total)


def _whole(path: Path) -> Generator[GasPeriod | Rejected, None, bool]:
    """The document loaded at once; returns whether it was JSON (json's errors, its line)."""
    try:
        with open(path, "rb") as handle:
            payload = json_loads(handle.read())
    except UnicodeDecodeError:
        yield Rejected(1, "the file is not UTF-8 JSON: download it again")
        return False
    except json.JSONDecodeError as exc:
        yield Rejected(exc.lineno, "the file is not complete JSON (cut short?)")
        return False
    yield from _read(_meters(payload))
    return True


def _planned(path: Path, progress: Callable[[int], None]) -> dict[int, MeterId]:
    """First pass: the whole file checked as JSON; which streamed array holds whose readings.

    Raises Unusual when the file is to be loaded whole instead.
    """
    with open(path, "rb") as handle:
        text = JsonText(handle)
        outline = Outline(text, "releves")
        for _number, batches in outline.arrays():
            for _batch in batches:
                progress(text.read_bytes)
    if isinstance(outline.document.get("idPce"), dict):  # its text would show the outline
        raise Unusual("a meter number that is an object")
    wanted: list[tuple[int, MeterId]] = []
    for meter, array in _meters(outline.document):
        if not isinstance(array, StreamedArray):
            raise Unusual("a readings list that was not streamed")
        wanted.append((array.number, meter))
    numbers = [number for number, _meter in wanted]
    if numbers != sorted(set(numbers)):  # a repeated key: json.loads keeps the last one
        raise Unusual("readings wanted in another order than the file's")
    return dict(wanted)


def _streamed(
    path: Path, arrays: dict[int, MeterId], progress: Callable[[int], None]
) -> Iterator[GasPeriod | Rejected]:
    """Second pass: the readings of the planned arrays, a batch at a time."""

    def batches() -> Iterator[tuple[MeterId, list[Any]]]:
        with open(path, "rb") as handle:
            text = JsonText(handle)
            for number, items in Outline(text, "releves").arrays():
                meter = arrays.get(number)
                if meter is None:
                    continue  # not a meter's readings: the outline reads past them
                for batch in items:
                    progress(text.read_bytes)
                    yield meter, batch

    try:
        yield from _read(batches())
    except (Unusual, UnicodeDecodeError):  # the first pass read it otherwise
        raise FileRefused("the file changed while it was read: import it again") from None


def _meters(payload: Any) -> Iterator[tuple[MeterId, list[Any]]]:
    """(PCE, readings) pairs; a bare ``{"idPce": …, "releves": […]}`` is accepted too."""
    if not isinstance(payload, dict):
        return
    if "releves" in payload:
        payload = {str(payload.get("idPce") or ""): payload}
    for key, entry in payload.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("releves"), list):
            continue
        pce = str(entry.get("idPce") or key or "").strip()
        yield MeterId(pce) if pce else UNKNOWN_PCE, entry["releves"]


def _read(batches: Iterable[tuple[MeterId, list[Any]]]) -> Iterator[GasPeriod | Rejected]:
    """Each reading as its period and values; readings are numbered from 1 across meters."""
    position = 0
    words = _Words()
    for meter, readings in batches:
        for reading in readings:
            position += 1
            if not isinstance(reading, dict):
                yield Rejected(position, f"reading {position} is not an object")
                continue
            try:
                start, end = _period(reading, words)
                qualification = reading.get("qualificationReleve")
                if words.absent(qualification):
                    kwh = m3 = None
                else:
                    kwh = _value(reading, "energieConsomme", "energy")
                    m3 = _value(reading, "volumeBrutConsomme", "volume")
            except ValueError as exc:
                yield Rejected(position, f"reading {position}: {exc}")
                continue
            yield meter, start, end, kwh, m3, words.quality(qualification)
    if position == 0:
        yield Rejected(1, "no releves list with readings was found")


class _Words:
    """What a reading's nature and qualification say, worked out once per distinct text."""

    LIMIT = 4096  # distinct texts remembered at most: flat memory on any file

    def __init__(self) -> None:
        self._published: dict[str, bool] = {}
        self._absent: dict[str, bool] = {}
        self._quality: dict[str, str | None] = {}

    def published(self, nature: object) -> bool:
        if not isinstance(nature, str):
            return "publi" in str(nature or "").casefold()
        found = self._published.get(nature)
        if found is None:
            found = _remember(self._published, nature, "publi" in nature.casefold())
        return found

    def quality(self, qualification: object) -> str | None:
        """``Mesuré``, ``Estimé``, ``Corrigé``... as the wallet's quality (importers.quality)."""
        if not isinstance(qualification, str):
            return None
        if qualification in self._quality:
            return self._quality[qualification]
        found = word_quality(qualification)
        if len(self._quality) < self.LIMIT:
            self._quality[qualification] = found
        return found

    def absent(self, qualification: object) -> bool:
        if not isinstance(qualification, str):
            return is_absent(qualification)
        found = self._absent.get(qualification)
        if found is None:
            found = _remember(self._absent, qualification, is_absent(qualification))
        return found


def _remember(cache: dict[str, bool], text: str, found: bool) -> bool:
    if len(cache) >= _Words.LIMIT:
        cache.clear()
    cache[text] = found
    return found


def _period(reading: dict[str, Any], words: _Words) -> tuple[int, int]:
    day = reading.get("journeeGaziere")
    if isinstance(day, str) and day and not words.published(reading.get("natureReleve")):
        gas_day = _iso_day(day, "gas day")
        return gas_days(gas_day, gas_day)
    first = _iso_day(reading.get("dateDebutReleve"), "start date")
    after = _iso_day(reading.get("dateFinReleve"), "end date")
    if after <= first:
        raise ValueError("end date is not after the start date")
    return gas_day_start(first), gas_day_start(after)


def _iso_day(text: object, what: str) -> date:
    if not isinstance(text, str) or len(text) < 10:
        raise ValueError(f"{what} is missing")
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"{what} is not a YYYY-MM-DD date") from None


def _value(reading: dict[str, Any], key: str, what: str) -> float | None:
    try:
        return number(reading.get(key))
    except ValueError:
        raise ValueError(f"{what} is not a number") from None


IMPORTER = GrdfJson()
