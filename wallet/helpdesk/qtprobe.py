"""What Qt can do on this computer, asked without importing Qt into the core at start.

Everything here imports PySide6 inside a function, guarded, so ``selfdata`` works (and the
core's no-Qt rule holds) on a machine where Qt is missing or broken.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class QtInfo:
    available: bool
    version: str = ""
    platform: str = ""  # the platform plugin in use, or the one Qt would pick
    platform_source: str = ""  # "running" | "QT_QPA_PLATFORM" | "expected"
    platforms: list[str] = field(default_factory=list)  # platform plugins present
    error: str = ""


def probe() -> QtInfo:
    try:
        from PySide6 import QtCore, QtGui
    except Exception as exc:  # ImportError, or a missing system library (OSError)
        return QtInfo(False, error=type(exc).__name__)
    info = QtInfo(True, version=QtCore.qVersion())
    plugins = Path(QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.PluginsPath))
    platforms_dir = plugins / "platforms"
    if platforms_dir.is_dir():
        info.platforms = sorted(
            p.name.removeprefix("libq").split(".")[0].removeprefix("q")
            for p in platforms_dir.iterdir()
            if p.is_file()
        )
    app = QtGui.QGuiApplication.instance()
    if isinstance(app, QtGui.QGuiApplication):
        info.platform, info.platform_source = app.platformName(), "running"
    elif os.environ.get("QT_QPA_PLATFORM"):
        info.platform, info.platform_source = os.environ["QT_QPA_PLATFORM"], "QT_QPA_PLATFORM"
    else:
        info.platform, info.platform_source = expected_platform(), "expected"
    return info


def expected_platform() -> str:
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "cocoa"
    if os.environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    if os.environ.get("DISPLAY"):
        return "xcb"
    return "none (no display)"


def offscreen_smoke() -> str:
    """Start Qt offscreen, lay out and draw a widget; return what was drawn. Raises on failure."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6 import QtWidgets

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["selfdata"])
    label = QtWidgets.QLabel("Self Data Wallet: été, 12,5 kWh")
    label.resize(320, 40)
    image = label.grab().toImage()
    if image.isNull() or image.width() < 10:
        raise RuntimeError("Qt drew nothing")
    platform = app.platformName() if isinstance(app, QtWidgets.QApplication) else "?"
    return f"Qt {platform}: drew a {image.width()}x{image.height()} label"
