"""What a release manager ships: a valid menu entry, valid AppStream metainfo, icons, lean rules."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys

import pytest

from tests.conftest import REPO

PACKAGING = REPO / "packaging"
DESKTOP = PACKAGING / "linux" / "org.selfdata.Wallet.desktop"
METAINFO = PACKAGING / "linux" / "org.selfdata.Wallet.metainfo.xml"
ICONS = REPO / "resources" / "icons"


def need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} is not installed here (apt-get install desktop-file-utils appstream)")
    return found


def test_the_desktop_file_is_valid() -> None:
    done = subprocess.run(
        [need("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == ""  # no warnings either


def test_the_metainfo_is_valid() -> None:
    done = subprocess.run(
        [need("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_metainfo_names_the_desktop_file_and_the_current_version() -> None:
    from wallet import __version__

    text = METAINFO.read_text(encoding="utf-8")
    assert f'<launchable type="desktop-id">{DESKTOP.name}</launchable>' in text
    assert f'<release version="{__version__}"' in text


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_the_icon_exists_at_each_usual_size(size: int) -> None:
    data = (ICONS / f"selfdata-wallet-{size}.png").read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (size, size)


def test_lean_rules_keep_what_the_program_uses_and_drop_the_rest() -> None:
    sys.path.insert(0, str(PACKAGING))
    try:
        import lean
    finally:
        sys.path.remove(str(PACKAGING))
    qt = "PySide6/Qt/"
    kept = [
        (f"{qt}lib/libQt6Widgets.so.6", "", "BINARY"),
        (f"{qt}plugins/platforms/libqxcb.so", "", "BINARY"),
        (f"{qt}plugins/platforms/libqoffscreen.so", "", "BINARY"),
        (f"{qt}plugins/platforms/libqwayland.so", "", "BINARY"),
        (f"{qt}plugins/imageformats/libqsvg.so", "", "BINARY"),
        (f"{qt}translations/qtbase_fr.qm", "", "DATA"),
        ("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf", "", "DATA"),
        ("matplotlib/mpl-data/matplotlibrc", "", "DATA"),
    ]
    dropped = [
        (f"{qt}lib/libQt6Quick.so.6", "", "BINARY"),
        (f"{qt}lib/libQt6Pdf.so.6", "", "BINARY"),
        (f"{qt}plugins/imageformats/libqpdf.so", "", "BINARY"),
        (f"{qt}plugins/platformthemes/libqgtk3.so", "", "BINARY"),
        (f"{qt}plugins/sqldrivers/libqsqlite.so", "", "BINARY"),
        (f"{qt}translations/qtbase_de.qm", "", "DATA"),
        ("matplotlib/mpl-data/fonts/ttf/STIXGeneral.ttf", "", "DATA"),
        ("matplotlib/mpl-data/sample_data/goog.npz", "", "DATA"),
    ]
    assert lean.lean(kept + dropped) == kept


def test_windows_and_macos_files_are_there_and_say_they_are_untested_here() -> None:
    readme = (PACKAGING / "README.md").read_text(encoding="utf-8")
    for name in (
        "windows/selfdata-wallet-windows.spec",
        "windows/selfdata-wallet.iss",
        "macos/selfdata-wallet-macos.spec",
        "macos/entitlements.plist",
    ):
        assert (PACKAGING / name).is_file(), name
        assert name.split("/")[-1] in readme
    assert "cannot be built here" in readme
