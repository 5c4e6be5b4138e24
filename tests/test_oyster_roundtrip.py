"""Round trip: journeys written as an Oyster journey history come back as the same trips."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from importers.base import MoneyMovement, Rejected, Trip
from importers.tfl_oyster import IMPORTER as OYSTER

LONDON = ZoneInfo("Europe/London")
HEADER = ["Date", "Start Time", "End Time", "Journey/Action", "Charge", "Credit", "Balance", "Note"]

names = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz &'-", max_size=18)
station = st.tuples(
    names.map(str.strip).filter(lambda n: n and " to " not in f" {n} " and "[" not in n),
    st.sampled_from(["", " [London Underground]", " [National Rail]", " (platforms 9-19)"]),
).map("".join)

journey = st.fixed_dictionaries(
    {
        "day": st.dates(date(2014, 1, 1), date(2030, 12, 31)),
        # Starts from 05:00 are never in a clock-change hour; ends may cross midnight.
        "start": st.tuples(st.integers(5, 23), st.integers(0, 59)),
        "minutes": st.none() | st.integers(1, 150),
        "origin": station,
        "destination": station,
        "fare": st.integers(0, 2500),
    }
)


def tfl_money(cents: int) -> str:
    text = f"{cents / 100:.2f}"
    return text[1:] if text.startswith("0") else text  # TfL writes ".00" and ".45"


def write_history(rows: list[dict[str, object]]) -> str:
    out = io.StringIO()
    out.write("\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(
            [
                row["stamp"],
                row["start_text"],
                row["end_text"],
                row["action"],
                tfl_money(int(str(row["fare"]))),
                "",
                "10.00",
                "",
            ]
        )
    return out.getvalue()


def expected_row(j: dict[str, object]) -> tuple[dict[str, object], tuple[object, ...]]:
    day = j["day"]
    assert isinstance(day, date)
    hour, minute = j["start"]  # type: ignore[misc]
    started_local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)
    started = int(started_local.timestamp())
    end_text, ended = "", None
    if j["minutes"] is not None:
        ended = started + 60 * int(str(j["minutes"]))
        end_local = datetime.fromtimestamp(ended, LONDON)
        # A wall time in the repeated autumn hour cannot say which of the two it was.
        wall = end_local.replace(tzinfo=None)
        assume(
            wall.replace(tzinfo=LONDON, fold=0).utcoffset()
            == wall.replace(tzinfo=LONDON, fold=1).utcoffset()
        )
        assume(end_local - started_local < timedelta(hours=24))
        end_text = end_local.strftime("%H:%M")
    row = {
        "stamp": day.strftime("%d-%b-%Y"),
        "start_text": f"{hour:02d}:{minute:02d}",
        "end_text": end_text,
        "action": f"{j['origin']} to {j['destination']}",
        "fare": j["fare"],
    }
    return row, (started, ended, j["origin"], j["destination"], j["fare"])


@settings(max_examples=150, deadline=None)
@given(st.lists(journey, min_size=1, max_size=25))
def test_oyster_history_round_trip(
    tmp_path_factory: pytest.TempPathFactory, journeys: list[dict[str, object]]
) -> None:
    pairs = [expected_row(j) for j in journeys]
    pairs.sort(key=lambda p: -int(str(p[1][0])))  # newest first, as TfL writes it
    text = write_history([row for row, _ in pairs])
    # Hypothesis runs the body many times per test: a folder each, under pytest's temp folder.
    with tempfile.TemporaryDirectory(dir=tmp_path_factory.getbasetemp()) as folder:
        path = Path(folder) / "history.csv"
        path.write_text(text, encoding="utf-8")
        items = list(OYSTER.parse(path))
    assert not [i for i in items if isinstance(i, Rejected | MoneyMovement)]
    trips = [i for i in items if isinstance(i, Trip)]
    got = [(t.started_at, t.ended_at, t.origin, t.destination, t.fare_cents) for t in trips]
    assert sorted(got, key=repr) == sorted((e for _, e in pairs), key=repr)
