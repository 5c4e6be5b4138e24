"""Help menu: Diagnostics, Support report, About, the update notice; ``--self-test``."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.conftest import REPO
from tests.test_updates import SHA, Feed, feed  # noqa: F401 (the fixture)
from tests.uihelpers import make_window
from ui import selftest
from ui.help_menu import DiagnosticsDialog
from wallet import build_info
from wallet.demo import DEMO_PASSPHRASE, DemoWallet
from wallet.helpdesk import outcomes
from wallet.keyslots import FAST_KDF
from wallet.settings import Settings
from wallet.vault import Wallet


def test_help_menu_lists_diagnostics_report_and_about(qtbot: QtBot, wallet: Wallet) -> None:
    window = make_window(qtbot, wallet.paths.root)
    texts = [a.text() for a in window.help_menu.actions() if not a.isSeparator()]
    assert texts == ["&Diagnostics", "&Support report…", "&About Self Data Wallet"]


def test_diagnostics_show_each_problem_with_its_fix_and_copy(qtbot: QtBot, wallet: Wallet) -> None:
    root = wallet.paths.root
    root.chmod(0o755)  # other users could read the folder: the doctor must say so
    window = make_window(qtbot, root)
    window.help.diagnostics_action.trigger()
    dialog = window.help.diagnostics
    assert isinstance(dialog, DiagnosticsDialog)
    qtbot.waitUntil(lambda: dialog.copy_button.isEnabled())
    text = dialog.text.toPlainText()
    assert "PROBLEM  permissions" in text
    assert "what to do: Run: chmod 700" in text
    assert "keyring" in text and "Qt" in text
    assert "problem" in dialog.summary.text()
    assert not dialog.isModal() or dialog.isVisible()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == text
    root.chmod(0o700)


def test_diagnostics_without_problem(qtbot: QtBot, wallet: Wallet) -> None:
    window = make_window(qtbot, wallet.paths.root)
    dialog = window.help.show_diagnostics()
    qtbot.waitUntil(lambda: dialog.copy_button.isEnabled())
    assert "Only you can read the wallet folder" in dialog.text.toPlainText()


def test_support_report_is_saved_where_asked(qtbot: QtBot, wallet: Wallet, tmp_path: Path) -> None:
    window = make_window(qtbot, wallet.paths.root)
    target = tmp_path / "report.zip"
    with outcomes.kept_in(tmp_path / "state"):
        window.help.write_support_report(target)
    qtbot.waitUntil(lambda: window.help.last_report == target)
    with zipfile.ZipFile(target) as archive:
        assert {"README.txt", "report.txt", "report.json"} <= set(archive.namelist())
        assert "keyring" in archive.read("report.txt").decode()
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert any(str(target) in b.text() for b in boxes)


def test_a_report_that_cannot_be_written_says_so(
    qtbot: QtBot, wallet: Wallet, tmp_path: Path
) -> None:
    window = make_window(qtbot, wallet.paths.root)
    window.help.write_support_report(tmp_path / "no such folder" / "report.txt")
    qtbot.waitUntil(
        lambda: any(
            "could not be written" in b.text()
            for b in window.findChildren(QMessageBox)
            if b.isVisible()
        )
    )
    assert window.help.last_report is None


def test_about_names_the_version_and_the_build(qtbot: QtBot, wallet: Wallet) -> None:
    window = make_window(qtbot, wallet.paths.root)
    text = window.help.about_text()
    assert build_info.describe("Self Data Wallet") in text
    assert build_info.version() in text and build_info.build_id() in text


def test_a_newer_build_is_announced_without_blocking(
    qtbot: QtBot,
    wallet: Wallet,
    tmp_path: Path,
    feed: Feed,  # noqa: F811
) -> None:
    settings_path = tmp_path / "settings.json"
    settings = Settings(settings_path)
    settings.set("update_feed_url", feed.url)
    settings.set("ca_bundle", feed.ca_file)
    # A real thread pool: the check runs off the GUI thread.
    window = make_window(qtbot, wallet.paths.root, inline=False, settings_path=settings_path)
    window.help.check_for_update()
    qtbot.waitUntil(lambda: window.help.update_notice is not None, timeout=10_000)
    notice = window.help.update_notice
    assert notice is not None and notice.isVisible()
    assert notice.windowModality() == Qt.WindowModality.NonModal
    assert SHA in notice.text() and "0.2.0" in notice.text()
    assert notice.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    # Asked once a day at most: a second start the same day sends nothing.
    window.help.update_notice = None
    window.help.check_for_update()
    qtbot.wait(200)
    assert len(feed.requests) == 1
    assert window.help.update_notice is None


def test_no_feed_no_check(qtbot: QtBot, wallet: Wallet, tmp_path: Path) -> None:
    window = make_window(qtbot, wallet.paths.root)
    window.help.check_for_update()
    assert window.help.update_notice is None
    assert window.session.settings.get("last_update_check") == ""


def _run_app(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_STATE_HOME=str(home / "st"))
    env.update(XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"))
    return subprocess.run(
        [sys.executable, "-m", "ui.app", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_self_test_draws_every_page_and_exits_0(tmp_path: Path) -> None:
    done = _run_app("--self-test", home=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    for page in ("overview", "energy", "mobility", "benefits", "imports", "sharing", "settings"):
        assert f"ok      page {page}: drew" in done.stdout
    assert "ok      page energy: drew 1100x720 (offscreen)" in done.stdout
    assert "ok      lock: every page forgot" in done.stdout
    assert "Self-test passed." in done.stdout and "Desktop self-test passed." in done.stdout
    assert "FAILED" not in done.stdout
    assert not (tmp_path / "data" / "SelfDataWallet" / "wallet").exists()


def test_self_test_fails_when_a_page_cannot_draw(qtbot: QtBot, tmp_path: Path) -> None:
    """With an empty wallet in place of the demo, the chart pages stay empty: FAILED."""

    def empty_demo(root: Path) -> DemoWallet:
        return DemoWallet(Wallet.create(root, DEMO_PASSPHRASE, kdf=FAST_KDF).wallet, root)

    out = io.StringIO()
    with outcomes.kept_in(tmp_path / "state"):
        code = selftest.run(out, demo=empty_demo)
    assert code == 1, out.getvalue()
    assert "FAILED  page energy: WalletError: the page shows no chart" in out.getvalue()
    assert "ok      page settings: drew" in out.getvalue()
    assert "Desktop self-test FAILED." in out.getvalue()


def test_version_names_the_build(tmp_path: Path) -> None:
    done = _run_app("--version", home=tmp_path)
    assert done.returncode == 0
    assert done.stdout.strip() == build_info.describe("selfdata-wallet")
