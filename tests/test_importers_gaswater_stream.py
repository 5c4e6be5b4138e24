"""Gas and water files read in flat memory and in blocks, with the readings unchanged.

The GRDF JSON is streamed (``importers/jsontext.py``) and falls back to loading the whole file
when the stream does not take it; both readings must agree. Every gas and water importer
offers ``parse_blocks``: its readings, channel by channel, are those of ``parse``.
"""

from __future__ import annotations

import json
import tracemalloc
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from importers import grdf_json, jsontext
from importers.base import EnergyReading, Rejected, no_progress
from importers.blocks import EnergyBlock
from importers.daytable import DayTable
from importers.grdf_json import IMPORTER as GRDF_JSON
from importers.grdf_xlsx import IMPORTER as GRDF_XLSX
from importers.jsontext import Unusual
from importers.veolia_csv import IMPORTER as VEOLIA
from importers.veolia_csv import _midnight
from tests.conftest import RESOURCE_SAMPLES
from tests.gaswater_helpers import utc


def day(number: int, month: int, *, summer: bool = False) -> int:
    """06:00 Paris on that day of 2025, the start of its gas day."""
    return utc(f"2025-{month:02d}-{number:02d}T0{4 if summer else 5}:00:00+00:00")


def _reading(day: str, kwh: Any = 10, quality: str = "Mesuré", note: str = "") -> dict[str, Any]:
    return {
        "journeeGaziere": day,
        "natureReleve": "Informative Journalier",
        "qualificationReleve": quality,
        "energieConsomme": kwh,
        "volumeBrutConsomme": 1,
        "note": note,
    }


def _streamed_and_whole(path: Path) -> tuple[list[Any], list[Any]]:
    return list(grdf_json._periods(path, no_progress)), list(grdf_json._whole(path))


def test_two_meters_streamed_in_tiny_chunks_read_as_loading_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Chunks of 7 bytes: every value, key and item boundary falls across a chunk's end.
    monkeypatch.setattr(jsontext, "CHUNK", 7)
    document = {
        "0123": {
            "idPce": "0123",
            "releves": [
                _reading("2025-01-15", note='}, {"a": 1}, ['),  # batch cut marks in a text
                "not an object",
                _reading("2025-01-17", quality="Absence de Donn\u00e9es"),
            ],
        },
        "4567": {"frequence": None, "releves": [_reading("2025-07-15", kwh="12,5")]},
    }
    path = tmp_path / "two.json"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    assert grdf_json._planned(path, lambda done: None) == {0: "0123", 1: "4567"}  # streamed
    streamed, whole = _streamed_and_whole(path)
    assert streamed == whole
    # Worked out by hand: readings 1, 3 and 4 read, reading 2 rejected; 4567 keyed only.
    assert streamed == [
        ("0123", day(15, 1), day(16, 1), 10.0, 1.0, "measured"),
        Rejected(2, "reading 2 is not an object"),
        ("0123", day(17, 1), day(18, 1), None, None, None),  # "Absence de Données": no quality
        ("4567", day(15, 7, summer=True), day(16, 7, summer=True), 12.5, 1.0, "measured"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        '{"idPce": "0123", "releves": [R, R]}',  # the bare shape
        '{"0123": {"releves": [R]}, "9999": {"releves": "none"}}',  # releves that is no list
        '{"0123": {"releves": [R], "idPce": "0999"}, "0123": {"releves": [R, R]}}',  # key again
        '\ufeff{"0123":{"releves":[R,R,R]}}\r\n',  # byte order mark, no spaces, CRLF
        '{"0123": {"releves": []}, "note": [1, {"releves": [2]}]}',  # no reading at all
    ],
)
def test_unusual_outlines_read_alike(tmp_path: Path, text: str) -> None:
    path = tmp_path / "outline.json"
    path.write_text(text.replace("R", json.dumps(_reading("2025-03-30"))), encoding="utf-8")
    streamed, whole = _streamed_and_whole(path)
    assert streamed == whole
    assert streamed  # a reading, or the rejection saying there is none


def test_a_key_repeated_out_of_order_is_loaded_whole(tmp_path: Path) -> None:
    path = tmp_path / "repeated.json"
    reading = json.dumps(_reading("2025-03-30"))
    # json.loads keeps the first place of "A" and its last value: A's second list, then B's.
    text = f'{{"A": {{"releves": [{reading}]}}, "B": {{"releves": []}}, "A": {{"releves": []}}}}'
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Unusual):
        grdf_json._planned(path, lambda done: None)
    assert list(grdf_json._periods(path, no_progress)) == [Rejected(1, _NO_READINGS)]


_NO_READINGS = "no releves list with readings was found"


def test_a_download_cut_short_says_so_on_its_line(tmp_path: Path) -> None:
    lines = ['{"0123": {"idPce": "0123", "releves": [']
    lines += [json.dumps(_reading(f"2025-01-{day:02d}")) + "," for day in range(1, 6)]
    text = "\n".join(lines)
    cut = text.index('"2025-01-04"') + 5  # inside a text on line 5 (the fourth reading)
    path = tmp_path / "cut.json"
    path.write_text(text[:cut], encoding="utf-8")
    assert list(GRDF_JSON.parse(path)) == [
        Rejected(5, "the file is not complete JSON (cut short?)")
    ]


def test_a_long_json_file_is_read_in_flat_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Batches of 64 KB of text, so that a file of a few megabytes is many batches long.
    monkeypatch.setattr(jsontext, "CHUNK", 1 << 16)
    path = tmp_path / "long.json"
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"0123": {"idPce": "0123", "releves": [\n')
        first = date(2000, 1, 1).toordinal()
        out.write(
            ",\n".join(
                json.dumps(_reading(date.fromordinal(first + n).isoformat(), kwh=n))
                for n in range(30_000)
            )
        )
        out.write("\n]}}\n")
    size = path.stat().st_size
    assert size > 5_000_000  # loaded whole, its objects alone take four times that
    tracemalloc.start()
    try:
        count = sum(1 for item in GRDF_JSON.parse(path) if isinstance(item, EnergyReading))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 60_000  # energy and volume of each day
    assert peak < size / 4


GAS_AND_WATER = [
    (GRDF_XLSX, "grdf_donnees_informatives_jour.xlsx"),
    (GRDF_XLSX, "grdf_donnees_informatives_jour_quirks.xlsx"),
    (GRDF_XLSX, "grdf_donnees_informatives_semaine.xlsx"),
    (GRDF_XLSX, "grdf_donnees_informatives_mois.xlsx"),
    (GRDF_JSON, "grdf_monespace_donnees_informatives.json"),
    (GRDF_JSON, "grdf_monespace_quirks.json"),
    (VEOLIA, "veolia_historique_consommation.csv"),
    (VEOLIA, "veolia_historique_quirks_cp1252.csv"),
]


def _by_channel(items: list[Any]) -> dict[tuple[str, ...], list[Any]]:
    channels: dict[tuple[str, ...], list[Any]] = defaultdict(list)
    for item in items:
        if isinstance(item, EnergyBlock):
            for reading in item.readings():
                channels[(reading.meter, reading.quantity, reading.unit)].append(reading)
        elif isinstance(item, EnergyReading):
            channels[(item.meter, item.quantity, item.unit)].append(item)
        else:
            channels[("rejected",)].append(item)
    return dict(channels)


@pytest.mark.parametrize(("importer", "name"), GAS_AND_WATER)
def test_blocks_hold_the_readings_parse_gives(importer: Any, name: str) -> None:
    path = RESOURCE_SAMPLES / name
    plain = list(importer.parse(path))
    blocks = list(importer.parse_blocks(path))
    assert any(isinstance(item, EnergyBlock) for item in blocks)
    assert _by_channel(blocks) == _by_channel(plain)


def test_veolia_days_looked_up_by_month() -> None:
    days = DayTable(_midnight)
    # Local midnight to midnight: 23 hours on the spring change, 25 in autumn.
    assert days.span("30/03/2025") == (
        utc("2025-03-29T23:00:00+00:00"),
        utc("2025-03-30T22:00:00+00:00"),
    )
    assert days.span("26/10/2025") == (
        utc("2025-10-25T22:00:00+00:00"),
        utc("2025-10-26T23:00:00+00:00"),
    )
    assert days.span("29/02/2024") == (
        utc("2024-02-28T23:00:00+00:00"),
        utc("2024-02-29T23:00:00+00:00"),
    )
    assert days.span("31/12/2024") == (
        utc("2024-12-30T23:00:00+00:00"),
        utc("2024-12-31T23:00:00+00:00"),
    )


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2024",  # no such day
        "29/02/2023",
        "00/01/2020",
        "01/13/2020",  # no such month
        "01/01/0000",  # no year 0
        "31/12/9999",  # its next day is past the calendar
        "1/5/2026",  # short forms, spaces, times, other digits: the importer's own reading
        " 01/05/2026",
        "01/05/2026 12:00",
        "\u0660\u0661/\u0660\u0665/\u0662\u0660\u0662\u0666",
    ],
)
def test_day_table_leaves_other_texts_to_the_importer(text: str) -> None:
    assert DayTable(_midnight).span(text) is None
