"""No secret and no value of the person's files in a log, an error message or stderr (SECURITY 13).

Canary values (a meter number, an amount, a card, a passphrase) go through the import, share
and revoke flows of the real ``selfdata`` command, good and bad input alike; then the log
folder, every error message and everything written to stderr (at the file-descriptor level,
where SQLCipher would write) are searched for them, and for the keys in hex.
"""

from __future__ import annotations

import io
import json
import os
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from tests.sharing_support import HttpsService, closed_port, descriptor, no_lookback
from wallet import db, logs
from wallet.cli import main as cli_main
from wallet.errors import WalletError
from wallet.settings import Settings
from wallet.vault import Wallet

PASSPHRASE = "canary-passphrase-Zq81Lm"
WRONG = "canary-wrong-passphrase-Kx27"
METER = "CANARYMETER77120"
CARD = "CANARY-CARD-9941"
AMOUNT = "8765.43"
BAD_VALUE = "CANARYBADVALUE31"
CANARIES = (PASSPHRASE, WRONG, METER, CARD, AMOUNT, BAD_VALUE, "876543")


class Cli:
    """The real ``selfdata`` entry point; keeps what it printed on stdout."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.stdout: list[str] = []

    def __call__(self, *args: str, secret: str = PASSPHRASE) -> tuple[int, str]:
        out = io.StringIO()
        code = cli_main(
            ["--wallet", str(self.root), "--passphrase-stdin", *args],
            stdin=io.StringIO(f"{secret}\n{secret}\n"),
            stdout=out,
        )
        self.stdout.append(out.getvalue())
        return code, out.getvalue()


@pytest.fixture
def service(tmp_path: Path) -> Iterator[HttpsService]:
    ca = trustme.CA()
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    Settings().set("ca_bundle", str(bundle))
    server = HttpsService(ca)
    yield server
    server.close()


def _files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "files"
    folder.mkdir()
    energy = ["dataset,meter,quantity,start,end,value,unit"]
    for day in range(1, 29):
        start, end = f"2024-02-{day:02d}T00:00:00+01:00", f"2024-02-{day + 1:02d}T00:00:00+01:00"
        value = AMOUNT if day == 3 else "12.5"
        energy.append(f"electricity,{METER},consumption,{start},{end},{value},kWh")
    energy.append(f"electricity,{METER},consumption,{BAD_VALUE},2024-03-01,1,kWh")
    energy.append(f"electricity,{METER},consumption,2024-03-01T00:00:00+01:00,,{BAD_VALUE},kWh")
    trips = [
        "card,started_at,ended_at,mode,line,origin,destination,fare,currency",
        f"{CARD},2024-02-05T08:00:00+01:00,2024-02-05T08:20:00+01:00,bus,3,A,B,{AMOUNT},EUR",
        f"{CARD},{BAD_VALUE},,bus,3,A,B,1.50,EUR",
    ]
    files = {
        "energy": folder / "energy.csv",
        "trips": folder / "trips.csv",
        "unknown": folder / "notes.csv",
        "strict": folder / "strict.csv",
    }
    files["energy"].write_text("\n".join(energy) + "\n", encoding="utf-8")
    files["trips"].write_text("\n".join(trips) + "\n", encoding="utf-8")
    files["unknown"].write_text(f"name;value\n{METER};{AMOUNT}\n{CARD};{BAD_VALUE}\n")
    files["strict"].write_text("\n".join(energy[:1] + energy[-2:]) + "\n", encoding="utf-8")
    return files


def _key_hexes(root: Path) -> set[str]:
    """The data key and every signing or pseudonym key, in hex, both cases."""
    with Wallet.unlock(root, PASSPHRASE) as wallet:
        found = {wallet.data_key.hex()}
        found |= {bytes(r[0]).hex() for r in wallet.conn.execute("SELECT secret FROM sharing_keys")}
    assert len(found) >= 3
    return found | {h.upper() for h in found}


def _messages(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc))


def _leaks(text: str, secrets: set[str]) -> list[str]:
    return [s for s in secrets if s in text]


def test_canaries_and_keys_reach_no_log_message_or_stderr(
    tmp_path: Path, service: HttpsService, capfd: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "wallet"
    files = _files(tmp_path)
    cli = Cli(root)
    messages: list[str] = []

    code, created = cli("--json", "init")
    assert code == 0
    recovery = json.loads(created)["recovery_code"]
    # Import: good lines, lines that cannot be read, a file no importer knows, a strict refusal.
    assert cli("import", str(files["energy"]), str(files["trips"]))[0] == 1
    assert cli("import", str(files["unknown"]))[0] == 2
    assert cli("import", "--strict", str(files["strict"]))[0] == 2
    assert cli("import", "--source", "caf_paiements_json", str(files["trips"]))[0] == 2
    with Wallet.unlock(root, PASSPHRASE) as wallet:
        result = wallet.import_file(files["energy"])
        messages += [r.reason for r in result.rejected]
        for path in (files["unknown"], files["strict"]):
            with pytest.raises(WalletError) as refused:
                wallet.import_file(path, strict=True)
            messages.append(_messages(refused.value))

    # Share: to a file, over HTTPS, to a service that is down; then revoke.
    descriptor_file = tmp_path / "service.json"
    descriptor_file.write_text(
        json.dumps(no_lookback(descriptor(service.origin))), encoding="utf-8"
    )
    assert cli("services", "add", str(descriptor_file))[0] == 0
    window = ("--from=2024-01-01", "--to=2024-02-29")
    electricity = ("--dataset=electricity", "--granularity=day", *window, "--yes")
    with_ids = "--fields=period_start,period_end,energy_kwh,meter_id"
    package = tmp_path / "share.zip"
    assert cli("share", service.origin, *electricity, with_ids, f"--to-file={package}")[0] == 0
    code, sent = cli("--json", "share", service.origin, *electricity, "--pseudonymise")
    assert code == 0, sent
    down = no_lookback(descriptor(f"https://127.0.0.1:{closed_port()}"))
    down_file = tmp_path / "down.json"
    down_file.write_text(json.dumps(down), encoding="utf-8")
    code, failed = cli("--json", "share", str(down_file), *electricity)
    assert code == 1 and json.loads(failed)["state"] == "failed"
    assert cli("revoke", json.loads(sent)["share_id"], "--yes")[0] == 0
    assert cli("shares")[0] == 0

    # Wrong secrets: the CLI, the vault, and SQLCipher keyed with a wrong key.
    assert cli("status", secret=WRONG)[0] == 2
    assert cli("recover", secret=WRONG)[0] == 2
    for attempt in (
        lambda: Wallet.unlock(root, WRONG),
        lambda: Wallet.unlock_with_recovery(root, WRONG),
        lambda: db.connect(root / "wallet.db", os.urandom(32)),
    ):
        with pytest.raises(WalletError) as wrong:
            attempt()
        messages.append(_messages(wrong.value))
    assert cli("doctor")[0] in (0, 1)
    # An unexpected failure (here: a folder that does not exist) prints no traceback.
    assert cli("export", "electricity", "-o", str(tmp_path / METER / "out.csv"))[0] == 2

    keys = _key_hexes(root)
    captured = capfd.readouterr()
    secrets = set(CANARIES) | keys | {recovery}
    for line in logs.recent_lines(10_000):
        assert not _leaks(line, secrets), line
    for path in logs.log_file().parent.iterdir():
        assert not _leaks(path.read_text(encoding="utf-8"), secrets), path
    for message in messages:
        assert not _leaks(message, secrets), message
    assert not _leaks(captured.err, secrets), captured.err
    assert not _leaks(captured.out, secrets), captured.out
    # What the command printed: the recovery code once, at init; never a key or a passphrase.
    for out in cli.stdout:
        assert not _leaks(out, set(CANARIES) - {METER, CARD, AMOUNT, "876543"} | keys), out
    assert sum(recovery in out for out in cli.stdout) == 1
    # No key leaves the encrypted database in clear, in hex or raw bytes (SECURITY 8 and 25).
    raw = {bytes.fromhex(k) for k in keys if k.islower()}
    for folder in (root, *(Path(os.environ[f"XDG_{k}_HOME"]) for k in ("CONFIG", "STATE"))):
        for path in (p for p in folder.rglob("*") if p.is_file()):
            if path.name.startswith("wallet.db"):
                continue
            data = path.read_bytes()
            assert not [k for k in raw if k in data], path
            assert not _leaks(data.decode("latin-1"), keys), path
