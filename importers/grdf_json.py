"""GRDF JSON from the customer area API ("donnees_informatives" and "donnees_publiees").

The file is an object keyed by PCE (the gas meter number), each holding ``releves[]``. Daily
readings are keyed by ``journeeGaziere`` (the gas day, 06:00 to 06:00 Paris time): the offset
in ``dateDebutReleve`` says ``+00:00`` winter and summer alike, so it is not trusted. Billing
readings ("Publiée") have no gas day and span weeks or months: their period runs from the gas
day of ``dateDebutReleve`` to the gas day of ``dateFinReleve``.

A reading qualified "Absence de Données" is missing: its values are stored as ``None``.
The whole file is loaded at once: ten years of daily readings are about 2 MB of JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from importers.base import (
    Detection,
    FileSample,
    Item,
    MeterId,
    ProgressCallback,
    Rejected,
    no_progress,
)
from importers.grdf_common import (
    UNKNOWN_PCE,
    gas_day_start,
    gas_days,
    gas_readings,
    is_absent,
    number,
)
from importers.guard import json_loads

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
        total = path.stat().st_size
        on_progress(0, total)
        try:
            with open(path, "rb") as handle:
                payload = json_loads(handle.read())
        except UnicodeDecodeError:
            yield Rejected(1, "the file is not UTF-8 JSON: download it again")
            return
        except json.JSONDecodeError as exc:
            yield Rejected(exc.lineno, "the file is not complete JSON (cut short?)")
            return
        position = 0
        for meter, readings in _meters(payload):
            for reading in readings:
                position += 1
                if not isinstance(reading, dict):
                    yield Rejected(position, f"reading {position} is not an object")
                    continue
                try:
                    yield from _records(meter, reading)
                except ValueError as exc:
                    yield Rejected(position, f"reading {position}: {exc}")
        if position == 0:
            yield Rejected(1, "no releves list with readings was found")
        on_progress(total, total)


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


def _records(meter: MeterId, reading: dict[str, Any]) -> Iterator[Item]:
    start, end = _period(reading)
    if is_absent(reading.get("qualificationReleve")):
        kwh = m3 = None
    else:
        kwh = _value(reading, "energieConsomme", "energy")
        m3 = _value(reading, "volumeBrutConsomme", "volume")
    yield from gas_readings(meter, start, end, kwh, m3)


def _period(reading: dict[str, Any]) -> tuple[int, int]:
    day = reading.get("journeeGaziere")
    published = "publi" in str(reading.get("natureReleve") or "").casefold()
    if isinstance(day, str) and day and not published:
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
