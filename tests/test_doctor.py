"""`selfdata doctor`, the version line and the self-test, as a help-desk worker uses them."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend

from tests.conftest import REPO, run_cli
from wallet import build_info
from wallet.helpdesk import doctor, outcomes, selftest


def checks_by_area(out: str) -> dict[str, dict[str, str]]:
    return {c["area"]: c for c in json.loads(out)["checks"]}


def test_doctor_reports_versions_and_the_encryption(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "wallet", "--json", "doctor")
    checks = checks_by_area(result.out)
    for library in ("PySide6", "sqlcipher3", "matplotlib", "keyring", "requests"):
        assert checks[f"library {library}"]["status"] == "ok"
    assert checks["library argon2-cffi"]["status"] == "ok"
    assert checks["encryption"]["detail"].startswith("SQLCipher 4.")
    assert checks["program"]["detail"].startswith(f"Self Data Wallet {build_info.version()}")
    assert "Qt" in checks


def test_doctor_without_a_wallet_says_how_to_make_one(tmp_path: Path) -> None:
    checks = checks_by_area(run_cli(tmp_path / "nowhere", "--json", "doctor").out)
    assert checks["wallet"]["status"] == "info"
    assert "selfdata init" in checks["wallet"]["fix"]
    assert "free" in checks["disk"]["detail"]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_doctor_finds_a_wallet_others_can_read_and_says_how_to_fix_it(tmp_path: Path) -> None:
    wallet_dir = tmp_path / "wallet"
    assert run_cli(wallet_dir, "init").code == 0
    checks = checks_by_area(run_cli(wallet_dir, "--json", "doctor").out)
    assert checks["permissions"]["status"] == "ok"
    os.chmod(wallet_dir / "wallet.db", 0o644)
    result = run_cli(wallet_dir, "--json", "doctor")
    checks = checks_by_area(result.out)
    assert result.code == 1
    assert checks["permissions"]["status"] == "problem"
    assert "wallet.db is 644" in checks["permissions"]["detail"]
    assert checks["permissions"]["fix"].startswith("Run: chmod 700")


def test_doctor_reports_the_last_import(tmp_path: Path) -> None:
    wallet_dir = tmp_path / "wallet"
    assert run_cli(wallet_dir, "init").code == 0
    bad = tmp_path / "not-an-export.txt"
    bad.write_text("hello\n", encoding="utf-8")
    run_cli(wallet_dir, "import", str(bad))
    result = run_cli(wallet_dir, "doctor")
    assert "PROBLEM  last import: refused" in result.out
    assert "what to do: Check the file is the export" in result.out
    assert "not-an-export" not in result.out


class MemoryKeyring(KeyringBackend):
    """A password store in memory: the OS keyring's interface without an OS."""

    # Below keyring's fail backend, so automatic discovery never picks it for other tests.
    priority = -1  # type: ignore[assignment]

    def __init__(self, answer: str | None = None, locked: bool = False) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}
        self.answer, self.locked = answer, locked

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.locked:
            raise keyring.errors.KeyringLocked("locked")
        self.entries[service, username] = password

    def get_password(self, service: str, username: str) -> str | None:
        return self.answer or self.entries.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not found")


@pytest.fixture
def memory_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


def test_the_keyring_round_trip_leaves_nothing_behind(memory_keyring: None) -> None:
    store = MemoryKeyring()
    keyring.set_keyring(store)
    assert doctor.keyring_round_trip() == (True, "")
    assert store.entries == {}


def test_a_locked_or_confused_keyring_is_a_problem_in_words(memory_keyring: None) -> None:
    keyring.set_keyring(MemoryKeyring(locked=True))
    assert doctor.keyring_round_trip() == (False, "it is locked")
    keyring.set_keyring(MemoryKeyring(answer="something else"))
    works, why = doctor.keyring_round_trip()
    assert not works and "something else" in why
    (check,) = doctor.keyring_checks()
    assert check.status == doctor.PROBLEM
    assert check.fix.startswith("Unlock the computer's password store")


def test_version_names_the_build(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        run_cli(tmp_path, "--version")
    assert stop.value.code == 0
    said = capsys.readouterr().out
    assert said.startswith(f"selfdata {build_info.version()} (")
    if (REPO / ".git").exists():
        assert "git " in said


def test_a_dist_build_id_wins_over_git(monkeypatch: pytest.MonkeyPatch) -> None:
    generated = types.ModuleType("wallet._build_id")
    generated.BUILD_ID = "build 2025-06-01 from git 0123abcd"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "wallet._build_id", generated)
    build_info.build_id.cache_clear()
    try:
        assert build_info.describe("selfdata").endswith("(build 2025-06-01 from git 0123abcd)")
    finally:
        build_info.build_id.cache_clear()


def test_self_test_passes_and_leaves_the_real_notes_alone() -> None:
    out = io.StringIO()
    assert selftest.run(out) == 0, out.getvalue()
    said = out.getvalue()
    assert "ok      import benefits.csv: selfdata_csv: 1 added" in said
    assert "ok      chart: matplotlib drew" in said
    assert "ok      backup:" in said
    assert "ok      sharing: saved a signed share of" in said
    assert "verified its signature and consent record" in said
    assert "Self-test passed." in said
    assert outcomes.last_import() is None


def test_the_core_and_help_desk_import_no_qt() -> None:
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'PySide6': raise ImportError('Qt is blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import wallet.cli, wallet.logs, wallet.updates, wallet.build_info\n"
        "import wallet.helpdesk.doctor, wallet.helpdesk.report, wallet.helpdesk.selftest\n"
        "import wallet.rights.estimate, wallet.rights.commands, wallet.rights.alerts\n"
        "import importers.tax_notice_pdf\n"
        "from wallet.helpdesk import qtprobe\n"
        "assert not qtprobe.probe().available\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
