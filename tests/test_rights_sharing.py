"""The rights estimates shared as a month slice, through the normal preview, consent and ledger."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import REPO, run_cli
from wallet.rights import store
from wallet.sharing import tables
from wallet.vault import Wallet

SERVICE = "https://droits.lyon-social.example.org"
DESCRIPTOR = REPO / "resources" / "services" / "social-rights-check.json"


def _estimates(wallet: Wallet) -> None:
    rows = [
        store.StoredEstimate(
            "2026-08", "rsa", 57349, True, 0, "2026-12-01T09:00:00+00:00", "176.1.8", "2026-10-01"
        ),
        store.StoredEstimate(
            "2026-08",
            "aides_logement",
            30400,
            True,
            25000,
            "2026-12-01T09:00:00+00:00",
            "176.1.8",
            "2026-10-01",
        ),
        store.StoredEstimate(
            "2026-09",
            "rsa",
            57349,
            True,
            None,
            "2026-12-01T09:00:00+00:00",
            "176.1.8",
            "2026-10-01",
        ),
        store.StoredEstimate(
            "2026",
            "cheque_energie",
            19400,
            True,
            None,
            "2026-12-01T09:00:00+00:00",
            "176.1.8",
            "2026-10-01",
        ),
    ]
    store.save_estimates(wallet.conn, rows)


def test_the_rights_dataset_is_published_per_month_only() -> None:
    assert tables.granularities("rights") == ("month",)
    assert "estimate_eur" in tables.field_names("rights", "month")
    assert tables.field_names("rights", "raw") == []


def test_a_rights_slice_is_previewed_signed_and_ledgered(wallet_dir: Path, tmp_path: Path) -> None:
    assert run_cli(wallet_dir, "init").code == 0
    assert run_cli(wallet_dir, "services", "add", str(DESCRIPTOR)).code == 0
    with Wallet.unlock(wallet_dir, "correct horse battery staple") as wallet:
        _estimates(wallet)
    package = tmp_path / "rights.zip"
    done = run_cli(
        wallet_dir,
        "--json",
        "share",
        SERVICE,
        "--dataset",
        "rights",
        "--from",
        "2026-08-01",
        "--to",
        "2026-09-30",
        "--granularity",
        "month",
        "--fields",
        "period_start,period_end,benefit,estimate_eur,paid_eur,difference_eur,model_version,legislation_date",
        "--to-file",
        str(package),
        "--yes",
    )
    assert done.code == 0, done.out
    assert package.exists()
    shares = json.loads(run_cli(wallet_dir, "--json", "shares").out)
    (share,) = shares["shares"]
    assert (share["rows"], share["parts"][0]["dataset"]) == (3, "rights")
    import zipfile

    with zipfile.ZipFile(package) as zf:
        names = zf.namelist()
        table = next(n for n in names if n.endswith(".csv"))
        text = zf.read(table).decode("utf-8")
    lines = text.strip().splitlines()
    assert (
        lines[0]
        == "period_start,period_end,benefit,estimate_eur,paid_eur,difference_eur,model_version,legislation_date"
    )
    assert (
        "2026-08-01T00:00:00+02:00,2026-09-01T00:00:00+02:00,aides_logement,304,250,54,176.1.8,2026-10-01"
        in lines
    )
    assert (
        "2026-09-01T00:00:00+02:00,2026-10-01T00:00:00+02:00,rsa,573.49,,,176.1.8,2026-10-01"
        in lines
    )
    assert not any("cheque_energie" in line for line in lines)  # a yearly figure is no month's
    refused = run_cli(
        wallet_dir,
        "share",
        SERVICE,
        "--dataset",
        "rights",
        "--granularity",
        "raw",
        "--to-file",
        str(tmp_path / "x.zip"),
        "--yes",
    )
    assert refused.code == 2
