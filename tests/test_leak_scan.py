"""A stolen laptop shows no personal data in clear: the leak scan of SECURITY.md and issue 7.

One resident's whole journey runs through the real ``selfdata`` command: every sample is
imported (benefit files confirmed), a damaged copy of one is refused in part, a slice is saved
to a file and another sent over HTTPS to a service on 127.0.0.1, a share is revoked, the
wallet is backed up and restored, ``doctor`` and ``support-report`` run. Then every byte of
the wallet folder, the settings, cache, state and log folders and the temp folder is searched
for the samples' identifiers, names and amounts. The files the person chose to write are
checked apart: the support report holds none, a share package only its own slice.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme

from tests.conftest import RESOURCE_SAMPLES, run_cli
from tests.leak_needles import Hit, Scanner, sample_needles
from tests.sharing_support import HttpsService, descriptor, no_lookback
from wallet import logs
from wallet.settings import Settings


@pytest.fixture
def temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temp folder of this test's own, so whatever lands there can be searched."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder


@pytest.fixture
def service(tmp_path: Path) -> Iterator[HttpsService]:
    ca = trustme.CA()
    bundle = tmp_path / "city" / "ca.pem"
    bundle.parent.mkdir()
    ca.cert_pem.write_to_path(str(bundle))
    Settings().set("ca_bundle", str(bundle))  # the isolated settings folder of this test
    server = HttpsService(ca)
    yield server
    server.close()


def _user_folders() -> list[Path]:
    return [Path(os.environ[f"XDG_{kind}_HOME"]) for kind in ("DATA", "CONFIG", "CACHE", "STATE")]


def _damaged_copy(folder: Path) -> Path:
    """The OV-chipkaart sample with one amount that is not a number: imported in part."""
    source = RESOURCE_SAMPLES / "ovchipkaart_transacties.csv"
    lines = source.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(";8,50;", ";huit;", 1)
    target = folder / "export.csv"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def _share(wallet_dir: Path, service: str, *options: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Preview (answered 'no'), then share with --yes: the previewed rows, then the result."""
    previewed = run_cli(wallet_dir, "--json", "share", service, *options)
    assert previewed.code == 2, previewed.out
    preview = json.loads(previewed.out)["preview"]
    shared = run_cli(wallet_dir, "--json", "share", service, *options, "--yes")
    assert shared.code == 0, shared.out
    return preview, json.loads(shared.out)


def _slice_text(preview: dict[str, Any]) -> str:
    return "\n".join(",".join(row) for resource in preview["resources"] for row in resource["rows"])


def _package_rows(payload: bytes) -> list[list[str]]:
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        rows: list[list[str]] = []
        for name in sorted(n for n in archive.namelist() if n.endswith(".csv")):
            rows += list(csv.reader(io.StringIO(archive.read(name).decode("utf-8"))))[1:]
    return rows


def _only_the_slice(scanner: Scanner, hits: list[Hit], preview: dict[str, Any]) -> list[Hit]:
    allowed = {h.needle for h in scanner.scan_bytes(_slice_text(preview).encode(), "slice")}
    return [h for h in hits if h.needle not in allowed]


def test_nothing_of_the_samples_is_left_in_clear(
    wallet_dir: Path, tmp_path: Path, temp_folder: Path, service: HttpsService
) -> None:
    needles = {n for found in sample_needles(RESOURCE_SAMPLES).values() for n in found}
    assert len(needles) > 400  # the parsers found the samples' values
    assert {"01234567890123", "Camille MARTIN", "FR76 1330 6000 0112 3456 7890 189"} <= needles
    assert {"3528 0000 0000 0000", "Orvault", "Hôtel de Ville", "1 085,93"} <= needles
    needles.discard(str(service.port))  # the service's port is ours, not the resident's
    scanner = Scanner(needles)
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    downloads = tmp_path / "downloads"
    downloads.mkdir()

    assert run_cli(wallet_dir, "init").code == 0
    samples = sorted(str(p) for p in RESOURCE_SAMPLES.iterdir())
    imported = run_cli(wallet_dir, "--json", "import", "--yes", *samples)
    assert imported.code == 0, imported.out
    assert len(json.loads(imported.out)["files"]) == len(samples)
    partial = run_cli(wallet_dir, "--json", "import", str(_damaged_copy(downloads)))
    assert partial.code == 1, partial.out

    descriptor_file = downloads / "service.json"
    descriptor_file.write_text(
        json.dumps(no_lookback(descriptor(service.origin))), encoding="utf-8"
    )
    assert run_cli(wallet_dir, "services", "add", str(descriptor_file)).code == 0
    package_file = outputs / "electricity.zip"
    file_preview, saved = _share(
        wallet_dir,
        service.origin,
        "--dataset=electricity",
        "--granularity=day",
        "--fields=period_start,period_end,energy_kwh,meter_id",
        "--from=2024-01-01",
        "--to=2024-12-31",
        f"--to-file={package_file}",
    )
    assert saved["state"] == "saved to file"
    net_preview, sent = _share(
        wallet_dir,
        service.origin,
        "--dataset=mobility",
        "--granularity=raw",
        "--fields=card_id,started_at,mode,currency",
        "--from=2024-01-01",
        "--to=2024-03-31",
        "--pseudonymise",
    )
    assert sent["state"] == "sent"
    assert run_cli(wallet_dir, "revoke", str(sent["share_id"]), "--yes").code == 0

    backup_file = outputs / "wallet-backup.zip"
    assert run_cli(wallet_dir, "backup", str(backup_file)).code == 0
    assert run_cli(wallet_dir, "restore", str(backup_file)).code == 0
    assert run_cli(wallet_dir, "shares").code == 0  # the restored wallet opens
    assert run_cli(wallet_dir, "doctor").code in (0, 1)  # 1: a problem found, e.g. no keyring
    report_file = outputs / "support-report.zip"
    assert run_cli(wallet_dir, "support-report", str(report_file)).code == 0

    # The folders the program keeps, and the temp folder: nothing at all.
    kept = [wallet_dir, *_user_folders(), temp_folder]
    assert logs.log_file().is_file()
    assert any(p.is_file() for p in (Path(os.environ["XDG_STATE_HOME"])).rglob("*.json"))
    hits = [hit for folder in kept for hit in scanner.scan_tree(folder)]
    assert not hits, "\n".join(map(str, hits))
    # What the person chose to write: the encrypted backup and the support report hold none.
    hits = scanner.scan_file(backup_file) + scanner.scan_file(report_file)
    assert not hits, "\n".join(map(str, hits))

    # A share package holds its previewed slice and nothing else of the samples.
    payload = package_file.read_bytes()
    assert _package_rows(payload) == [r for res in file_preview["resources"] for r in res["rows"]]
    assert scanner.scan_file(package_file)  # the meter number was chosen to leave, in clear
    assert not _only_the_slice(scanner, scanner.scan_file(package_file), file_preview)
    (body,) = [r.body for r in service.recorder.received if r.path == "/shares"]
    assert _package_rows(body) == [r for res in net_preview["resources"] for r in res["rows"]]
    assert not _only_the_slice(scanner, scanner.scan_bytes(body, "https body"), net_preview)


def test_the_scan_finds_a_needle_written_to_the_log(tmp_path: Path) -> None:
    """The scan can fail: a station name logged by mistake is found in the log folder."""
    scanner = Scanner(sample_needles(RESOURCE_SAMPLES)["selfdata_mobility_trips.csv"])
    assert not scanner.scan_tree(logs.log_file().parent)
    logs.setup_logging()
    logs.get_logger("test").info("Trip from %s.", "Orvault")
    for handler in logs.logging.getLogger("selfdata").handlers:
        handler.flush()
    (hit,) = scanner.scan_tree(logs.log_file().parent)
    assert hit.needle == "Orvault"
