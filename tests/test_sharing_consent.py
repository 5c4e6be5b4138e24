"""SECURITY 18, exactly what was consented: a property over random consents."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import frictionless
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.sharing_support import PARIS, fill_wallet
from wallet.errors import InvalidInput
from wallet.keyslots import FAST_KDF
from wallet.settings import Settings
from wallet.sharing import package, tables
from wallet.sharing.shares import Sharing
from wallet.sharing.slices import Slice, SlicePart
from wallet.timebuckets import next_bucket
from wallet.vault import Wallet

DESK = "https://desk.example.org"
NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
DATASETS = ("electricity", "mobility", "benefits")


def _everything() -> dict[str, Any]:
    requests = [
        {
            "request_id": dataset,
            "dataset": dataset,
            "fields": [{"name": n} for n in sorted(tables.all_field_names(dataset))],
            "granularity": {"allowed": list(tables.GRANULARITIES)},
            "purposes": [{"id": "test", "description": {"en": "Test"}}],
            "retention": "P1M",
        }
        for dataset in DATASETS
    ]
    return {
        "descriptor_version": "1.0",
        "service_id": DESK,
        "name": {"en": "Desk"},
        "controller": {"name": "Desk", "email": "dpo@example.org"},
        "policy_url": f"{DESK}/privacy",
        "requests": requests,
        "withdrawal_method": "Ask the desk",
    }


@pytest.fixture(scope="module")
def sharing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sharing]:
    folder = tmp_path_factory.mktemp("consent")
    wallet = Wallet.create(folder / "wallet", "pass phrase", kdf=FAST_KDF).wallet
    fill_wallet(wallet, folder)
    found = Sharing(wallet, settings=Settings(folder / "s.json"), clock=lambda: NOW)
    found.add_service(json.dumps(_everything()))
    yield found
    wallet.lock()


@st.composite
def consents(draw: st.DrawFn) -> Slice:
    dataset = draw(st.sampled_from(DATASETS))
    granularity = draw(st.sampled_from(tables.GRANULARITIES))
    names = tables.field_names(dataset, granularity)
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, unique=True))
    first = date(2023, 12, 1) + timedelta(days=draw(st.integers(0, 180)))
    last = first + timedelta(days=draw(st.integers(0, 120)))
    part = SlicePart(dataset, granularity, tuple(chosen), first, last)
    return Slice((part,), pseudonymise=draw(st.booleans()))


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _bucket_end(start: datetime, granularity: str) -> datetime:
    if granularity == "hour":
        return (start.astimezone(UTC) + timedelta(hours=1)).astimezone(PARIS)
    day = next_bucket(start.date(), granularity)
    return datetime(day.year, day.month, day.day, tzinfo=PARIS)


def _row_time(dataset: str, row: dict[str, str]) -> str | None:
    if dataset == "mobility":
        return row.get("started_at") or row.get("ended_at")
    if dataset == "benefits":
        return row.get("paid_on")
    return row.get("period_start")


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(chosen=consents())
def test_the_package_holds_exactly_what_was_consented(
    sharing: Sharing, chosen: Slice, tmp_path: Path
) -> None:
    service = sharing.service(DESK)
    try:
        preview = sharing.preview(service, chosen, to_file=True)
    except InvalidInput:
        assume(False)  # a period shorter than one whole week or month is refused, not shared
        return
    assume(preview.rows > 0)
    target = tmp_path / "share.zip"
    view = sharing.share(preview, confirm=DESK, to_file=target)
    checked = package.verify(target.read_bytes())
    consented = checked.record["pii"][0]
    asked = chosen.parts[0]
    assert set(consented["fields"]) == set(asked.fields)
    assert consented["granularity"] == asked.granularity
    first = date.fromisoformat(consented["period"]["start"])
    last = date.fromisoformat(consented["period"]["end"])
    assert asked.first <= first <= last <= asked.last  # shrunk to whole buckets, never grown
    lo = datetime(first.year, first.month, first.day, tzinfo=PARIS)
    after = last + timedelta(days=1)
    hi = datetime(after.year, after.month, after.day, tzinfo=PARIS)

    path = f"{asked.dataset}-{asked.granularity}.csv"
    rows = checked.rows(path)
    assert len(rows) == view.rows
    for row in rows:
        assert set(row) <= set(consented["fields"])
        if asked.granularity != "raw" and "period_start" in row:
            start = _instant(row["period_start"])
            assert lo <= start < hi
            if "period_end" in row:
                end = _instant(row["period_end"])
                assert end <= hi
                assert end == _bucket_end(start, asked.granularity)
        elif asked.granularity == "raw":
            moment = _row_time(asked.dataset, row)
            if moment:
                when = (
                    _instant(moment)
                    if "T" in moment
                    else datetime.fromisoformat(moment + "T12:00:00+01:00")
                )
                assert lo.date() <= when.astimezone(PARIS).date() < hi.date()
        for ident in tables.IDENTIFIERS & set(row):
            assert row[ident].startswith("ps-") == chosen.pseudonymise

    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(target) as zf:
        zf.extractall(unpacked)
    report = frictionless.validate(str(unpacked / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
