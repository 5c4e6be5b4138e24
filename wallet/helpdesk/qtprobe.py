"""What Qt can do on this computer, found without importing Qt into the core.

The core never imports PySide6: it looks for the package and its platform plugins on disk,
and reads the running platform only when the desktop app has already loaded Qt. Drawing with
Qt is checked by the desktop program's own ``selfdata-wallet --self-test``.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass, field
from importlib import metadata
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
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError) as exc:
        return QtInfo(False, error=type(exc).__name__)
    if spec is None or spec.origin is None:
        return QtInfo(False, error="ModuleNotFoundError")
    info = QtInfo(True, version=_version())
    platforms_dir = Path(spec.origin).parent / "Qt" / "plugins" / "platforms"
    if platforms_dir.is_dir():
        info.platforms = sorted(
            p.name.removeprefix("libq").split(".")[0].removeprefix("q")
            for p in platforms_dir.iterdir()
            if p.is_file()
        )
    gui = sys.modules.get("PySide6.QtGui")  # loaded only when the desktop app runs
    app = gui.QGuiApplication.instance() if gui is not None else None
    if app is not None:
        info.platform, info.platform_source = app.platformName(), "running"
    elif os.environ.get("QT_QPA_PLATFORM"):
        info.platform, info.platform_source = os.environ["QT_QPA_PLATFORM"], "QT_QPA_PLATFORM"
    else:
        info.platform, info.platform_source = expected_platform(), "expected"
    return info


def _version() -> str:
    for distribution in ("PySide6-Essentials", "PySide6"):
        try:
            return metadata.version(distribution)
        except metadata.PackageNotFoundError:
            continue
    return "unknown version"


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
