"""``selfdata … | head``: a command whose reader closes the pipe stops quietly (defect 5).

Real processes joined by a real pipe, as a shell joins them: the reader takes one line and
closes its end while the command is still writing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import PASSPHRASE, run_cli
from wallet.cli import PIPE_CLOSED

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def filled(tmp_path: Path, wallet_dir: Path) -> Path:
    """A wallet with 20,000 half-hours: about 2 MB of export, far more than a pipe holds."""
    assert run_cli(wallet_dir, "init").code == 0
    start = datetime(2023, 1, 1, tzinfo=UTC)  # steps in UTC: local times jump at clock changes
    lines = ["dataset,meter,quantity,start,end,value,unit\n"]
    for i in range(20_000):
        a = (start + timedelta(minutes=30 * i)).astimezone(PARIS).isoformat()
        b = (start + timedelta(minutes=30 * (i + 1))).astimezone(PARIS).isoformat()
        lines.append(f"electricity,PRM-PIPE-1,consumption,{a},{b},{i % 900},W\n")
    path = tmp_path / "curve.csv"
    path.write_text("".join(lines), encoding="utf-8")
    assert run_cli(wallet_dir, "import", str(path)).code == 0
    return wallet_dir


def piped_to_head(wallet_dir: Path, *args: str) -> tuple[int, str, str]:
    command = [sys.executable, "-m", "wallet.cli", "--wallet", str(wallet_dir)]
    command += ["--passphrase-stdin", *args]
    env = {k: v for k, v in os.environ.items() if k != "SELFDATA_DEBUG"}
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdin and process.stdout and process.stderr
    process.stdin.write(f"{PASSPHRASE}\n".encode())
    process.stdin.close()
    first = process.stdout.readline().decode()
    process.stdout.close()  # what `head -1` does once it has its line
    err = process.stderr.read().decode()
    return process.wait(timeout=120), first, err


@pytest.mark.parametrize(
    "args",
    [
        ("export", "electricity", "--format", "csv"),
        ("export", "electricity", "--format", "json"),
        ("series", "electricity", "--granularity", "hour"),
        ("--json", "series", "electricity", "--granularity", "hour"),
    ],
)
def test_a_closed_pipe_ends_the_command_quietly(filled: Path, args: tuple[str, ...]) -> None:
    code, first, err = piped_to_head(filled, *args)
    assert first.strip()  # it did write before the reader left
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception" not in err
    assert code == PIPE_CLOSED


def test_an_open_pipe_still_gets_everything(filled: Path) -> None:
    command = [sys.executable, "-m", "wallet.cli", "--wallet", str(filled), "--passphrase-stdin"]
    result = subprocess.run(
        [*command, "export", "electricity"],
        input=f"{PASSPHRASE}\n".encode(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.decode().count("\n") == 20_001
