"""A share never carries more than the service asked for, with or without ``--yes``.

The service (as the example energy coach) asks for electricity at month or day granularity, at
most 24 months back, and does not ask for ``period_end``. Each slice outside that is refused on
the command line, nothing is written or sent and the ledger stays empty; the allowed slice
still goes. A package signed by a wallet that ignores these limits is refused by
``selfdata verify --descriptor``.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import run_cli
from tests.sharing_support import METER_A, descriptor, forged_package
from wallet.sharing import package
from wallet.sharing.descriptor import load
from wallet.sharing.errors import VerificationError
from wallet.vault import Wallet

COACH = "https://coach.example.org"
PARIS = ZoneInfo("Europe/Paris")


def _coach() -> dict[str, object]:
    """Electricity only, month or day, 24 months back, period_end not asked for; by file."""
    data = descriptor(COACH)
    del data["endpoints"]
    request = data["requests"][0]
    request["fields"] = [f for f in request["fields"] if f["name"] != "period_end"]
    data["requests"] = [request]
    return data


@pytest.fixture
def filled(wallet: Wallet, tmp_path: Path) -> tuple[Path, date]:
    """Three years of daily readings up to yesterday (10 kWh a day); the coach's descriptor."""
    today = date.today()
    lines = ["dataset,meter,quantity,start,end,value,unit"]
    day = today - timedelta(days=3 * 366)
    while day < today:
        nxt = day + timedelta(days=1)
        start = datetime(day.year, day.month, day.day, tzinfo=PARIS).isoformat()
        end = datetime(nxt.year, nxt.month, nxt.day, tzinfo=PARIS).isoformat()
        lines.append(f"electricity,{METER_A},consumption,{start},{end},10,kWh")
        day = nxt
    source = tmp_path / "energy.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert wallet.import_file(source).rejected_count == 0
    wallet.lock()
    service = tmp_path / "coach.json"
    service.write_text(json.dumps(_coach()), encoding="utf-8")
    return service, today


def _share(wallet_dir: Path, service: Path, target: Path, *options: str) -> tuple[int, str]:
    result = run_cli(
        wallet_dir, "share", str(service), "--dataset", "electricity", "--to-file", str(target),
        *options,
    )  # fmt: skip
    return result.code, result.out


def _ledger_is_empty(wallet_dir: Path) -> bool:
    listed = run_cli(wallet_dir, "shares", "--json")
    assert listed.code == 0, listed.out
    return json.loads(listed.out)["shares"] == []


@pytest.mark.parametrize("yes", [True, False])
@pytest.mark.parametrize(
    ("options", "reason"),
    [
        (["--granularity", "raw"], "allows electricity at month or day granularity"),
        (["--granularity", "hour"], "allows electricity at month or day granularity"),
        (["--granularity", "week"], "allows electricity at month or day granularity"),
        (["--granularity", "day", "--from", "LONG_AGO"], "at most P24M back"),
        (["--granularity", "raw", "--from", "LONG_AGO"], "allows electricity at month or day"),
        (["--fields", "period_start,period_end,energy_kwh"], "did not ask for period_end"),
    ],
)
def test_a_slice_outside_the_descriptor_is_refused_and_nothing_is_written(
    filled: tuple[Path, date],
    wallet_dir: Path,
    tmp_path: Path,
    options: list[str],
    reason: str,
    yes: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:
    service, today = filled
    long_ago = (today - timedelta(days=3 * 365)).isoformat()
    options = [long_ago if o == "LONG_AGO" else o for o in options]
    target = tmp_path / "share.zip"
    code, out = _share(wallet_dir, service, target, *options, *(["--yes"] if yes else []))
    said = out + capsys.readouterr().err
    assert code == 2, said
    assert reason in said
    assert "Nothing was shared" in said or "the wallet shares only what a service asks" in said
    assert not target.exists()
    assert _ledger_is_empty(wallet_dir)


def test_a_dataset_the_service_does_not_ask_for_is_refused(
    filled: tuple[Path, date],
    wallet_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    service, _ = filled
    target = tmp_path / "share.zip"
    result = run_cli(
        wallet_dir, "share", str(service), "--dataset", "mobility", "--to-file", str(target),
        "--yes",
    )  # fmt: skip
    assert result.code == 2
    assert "does not ask for mobility data" in result.out + capsys.readouterr().err
    assert not target.exists()


def test_the_allowed_slice_still_goes_and_verifies_against_the_descriptor(
    filled: tuple[Path, date], wallet_dir: Path, tmp_path: Path
) -> None:
    service, today = filled
    start = today - timedelta(days=700)  # inside 24 months
    last = start + timedelta(days=9)
    target = tmp_path / "share.zip"
    code, out = _share(
        wallet_dir, service, target,
        "--granularity", "day", "--from", start.isoformat(), "--to", last.isoformat(), "--yes",
    )  # fmt: skip
    assert code == 0, out
    checked = package.verify(target.read_bytes(), descriptor=load(service))
    rows = checked.rows("electricity-day.csv")
    assert [r["energy_kwh"] for r in rows] == ["10"] * 10  # ten days of 10 kWh
    assert checked.record["pii"][0]["granularity"] == "day"
    verified = run_cli(wallet_dir, "verify", str(target), "--descriptor", str(service))
    assert verified.code == 0, verified.out
    assert "within the descriptor" in verified.out


@pytest.mark.parametrize(
    ("granularity", "years_back", "fields", "reason"),
    [
        ("raw", 1, ("meter_id", "period_start"), "at raw granularity"),
        ("week", 1, ("period_start", "energy_kwh"), "at week granularity"),
        ("day", 3, ("period_start", "energy_kwh"), "earlier than the service allows"),
        ("day", 1, ("period_start", "period_end", "energy_kwh"), "does not ask for: period_end"),
    ],
)
def test_verify_refuses_a_package_outside_the_descriptor(
    filled: tuple[Path, date],
    wallet_dir: Path,
    tmp_path: Path,
    granularity: str,
    years_back: int,
    fields: tuple[str, ...],
    reason: str,
) -> None:
    service, today = filled
    first = today - timedelta(days=365 * years_back)
    built = forged_package(load(service), granularity, first, first + timedelta(days=30), fields)
    package.verify(built.payload)  # the signature itself is sound
    with pytest.raises(VerificationError, match=reason):
        package.verify(built.payload, descriptor=load(service))
    target = tmp_path / "forged.zip"
    target.write_bytes(built.payload)
    result = run_cli(wallet_dir, "verify", str(target), "--descriptor", str(service))
    assert result.code == 2
    assert "NOT valid" in result.out and reason in result.out
