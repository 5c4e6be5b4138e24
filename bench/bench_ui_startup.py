"""Time from launch to an unlocked main window (offscreen, in a subprocess), against a bare
PySide6 window started the same way in the same run."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 5

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

# The real program's path: find the wallet, unlock it with its passphrase (default key
# derivation, as a person's wallet has), open it, load the first page; quit when ready.
WALLET = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from ui.i18n import Translations
from ui.mainwindow import MainWindow
from ui.session import Session
from ui.startup import find_wallet
app = QApplication(sys.argv[:1])
session = Session()
Translations(app).apply(session.settings.get("language"))
window = MainWindow(session, find_wallet(sys.argv[1], session.settings))
reached = []
window.ready.connect(lambda: reached.append(session.is_unlocked))
window.ready.connect(app.quit)
window.show()
window.start()
window.unlock_screen.field.setText(sys.argv[2])
window.unlock_screen.unlock()
app.exec()
sys.exit(0 if reached == [True] else 1)
"""

PASSPHRASE = "bench passphrase for startup"


def _time(code: str, *args: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], env=env, check=True)
    return time.perf_counter() - start


def run() -> None:
    from wallet.demo import sample_files
    from wallet.vault import Wallet

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "wallet"
        created = Wallet.create(root, PASSPHRASE)  # tuned key derivation, as in real use
        for path in sample_files():
            try:
                created.wallet.import_file(path, confirm=lambda *_: True)
            except Exception as exc:  # a sample without its importer on this branch
                print(f"  (skipped {path.name}: {type(exc).__name__})")
        created.wallet.lock()
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            XDG_CONFIG_HOME=str(Path(tmp) / "config"),
        )
        env.pop("SELFDATA_KDF_PROFILE", None)
        bare, wallet = [], []
        for _ in range(ROUNDS):
            bare.append(_time(BARE, env=env))
            wallet.append(_time(WALLET, str(root), PASSPHRASE, env=env))
    b, w = statistics.median(bare), statistics.median(wallet)
    print(f"bare PySide6 window:               {b * 1000:7.0f} ms (median of {ROUNDS})")
    print(f"launch to unlocked main window:    {w * 1000:7.0f} ms (median of {ROUNDS})")
    print(f"ratio:                             {w / b:7.2f}x")
    print("  (includes one Argon2id unlock tuned to about 0.5 s)")
