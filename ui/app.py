"""``selfdata-wallet``: the desktop program's entry point.

selfdata-wallet                      open (or create) the wallet
selfdata-wallet --wallet PATH        open the wallet in PATH
selfdata-wallet --demo               a throwaway wallet holding a made-up household
selfdata-wallet --demo --screenshots DIR   save one PNG per page into DIR, then quit
selfdata-wallet --self-test          test this installation (offscreen, throwaway wallet), exit
selfdata-wallet --version            the version and the build it came from
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from wallet import build_info, logs, resources
from wallet.demo import DEMO_PREFIX
from wallet.paths import APP_NAME

if TYPE_CHECKING:
    from ui.mainwindow import MainWindow

log = logs.get_logger("app")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="selfdata-wallet", description="Self Data Wallet")
    parser.add_argument("--wallet", metavar="PATH", help="the wallet folder to open")
    parser.add_argument("--demo", action="store_true", help="open a throwaway demo wallet")
    parser.add_argument(
        "--screenshots", metavar="DIR", help="with --demo: save one PNG per page into DIR, quit"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="test this installation on a throwaway wallet, drawing every page offscreen",
    )
    parser.add_argument("--version", action=build_info.VersionAction)
    args = parser.parse_args(argv)
    if args.screenshots and not args.demo:
        parser.error("--screenshots needs --demo")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logs.setup_logging()
    if args.self_test:
        from ui import selftest

        return selftest.run()
    # Qt is imported only now, so --version and --help work without a display.
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ui.i18n import Translations
    from ui.mainwindow import MainWindow
    from ui.session import Session
    from ui.startup import StartupProblem, find_wallet

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(build_info.version())
    QApplication.setWindowIcon(QIcon(str(resources.icon_path())))
    session = Session()
    translations = Translations(app)
    translations.apply(session.settings.get("language"))
    try:
        root = find_wallet(args.wallet, session.settings)
    except StartupProblem as exc:
        print(exc, file=sys.stderr)
        return 2
    window = MainWindow(session, root, translations=translations)
    app.installEventFilter(window.autolock)
    _follow_session_lock(window)
    window.show()
    if args.screenshots:
        from ui.screenshots import ScreenshotTour

        tour = ScreenshotTour(window, Path(args.screenshots))
        window.ready.connect(tour.start)
    if args.demo:
        window.start_demo()
    else:
        window.start()
        window.help.check_for_update()  # at most daily, off the GUI thread; off without a feed
    code = app.exec()
    _remove_demo(window)
    return int(code) or (tour.exit_code if args.screenshots else 0)


def _follow_session_lock(window: MainWindow) -> None:
    """Lock with the computer's session lock or sleep, where D-Bus tells us (Linux desktops)."""
    if sys.platform in ("win32", "darwin"):
        log.info("Locking with the computer follows: nothing (not available: no D-Bus here)")
        return
    try:
        from ui.session_lock import SessionLockWatcher
    except ImportError:  # a Qt build without its D-Bus module
        log.info("Locking with the computer follows: nothing (not available: no QtDBus)")
        return
    window.follow_session_lock(SessionLockWatcher())


def _remove_demo(window: object) -> None:
    demo = getattr(window, "demo", None)
    if demo is None:
        return
    folder = demo.root.parent
    if folder.name.startswith(DEMO_PREFIX):  # never remove anything but our own temp folder
        with contextlib.suppress(OSError):
            shutil.rmtree(folder)


if __name__ == "__main__":
    raise SystemExit(main())
