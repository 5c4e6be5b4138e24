"""What a build leaves out: the Qt modules, plugins, translations and matplotlib data unused.

Shared by the PyInstaller specs of every OS. Each rule says why the file is not needed; the
Linux build script checks afterwards that nothing left in the folder misses a library.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

# Python modules the program never imports, which PyInstaller's hooks would pull in.
EXCLUDED_MODULES = [
    "tkinter",
    "matplotlib.backends.backend_tkagg",
    "matplotlib.backends.backend_tkcairo",
    "matplotlib.backends.backend_gtk3agg",
    "matplotlib.backends.backend_gtk4agg",
    "matplotlib.backends.backend_wxagg",
    "matplotlib.backends.backend_webagg",
    "matplotlib.backends.backend_nbagg",
    "IPython",
    "pytest",
    "readline",
    "curses",
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL.ImageTk",
    # matplotlib writes PNG with Pillow and never reads WebP or converts colour profiles;
    # Pillow treats both codecs as optional.
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL._imagingcms",
    "PIL.ImageCms",
    # Development helpers that libraries import only for their own tests or help():
    # pyparsing's railroad diagrams (Jinja2), doctest, pdb, pydoc's topic index, XML-RPC.
    # (numpy.testing, psutil and PyYAML stay: OpenFisca-Core imports the first on load, and
    # uses the others to hold values and to read the model's parameters.)
    # unittest stays: pyparsing imports pyparsing.testing, which imports it, at start-up.
    "pyparsing.diagram",
    "jinja2",
    "doctest",
    "pdb",
    "pydoc_data",
    "xmlrpc",
    # OpenFisca's web API and its server: the rights check calls the model in process.
    "openfisca_web_api",
    "openfisca_core.scripts",
    "openfisca_france.scripts",
    "flask",
    "flask_cors",
    "gunicorn",
    "werkzeug",
    "itsdangerous",
    "blinker",
    # requests uses charset_normalizer when chardet is absent.
    "chardet",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtPdf",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtConcurrent",
    "PySide6.QtXml",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtPrintSupport",
    "PySide6.QtStateMachine",
    "PySide6.QtSvgWidgets",
]

# The Qt and Python modules the desktop program uses, listed so the build carries them even
# while PyInstaller cannot see every import (importers are loaded by name).
QT_MODULES = ["PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg"]

# QtDBus tells the program when a Linux session locks or sleeps (ui/session_lock.py); Windows
# and macOS builds never load it.
if sys.platform in ("win32", "darwin"):
    EXCLUDED_MODULES.append("PySide6.QtDBus")
else:
    QT_MODULES.append("PySide6.QtDBus")

# What OpenFisca-France imports that PyInstaller cannot see (its model is loaded by path).
OPENFISCA_MODULES = [
    "openfisca_france",
    "openfisca_france.france_taxbenefitsystem",
    "openfisca_france.model.base",
    "numexpr",
    "pendulum",
    "dpath",
    "yaml",
    "psutil",
]

MATPLOTLIB_BACKENDS = ["QtAgg", "Agg"]

# Qt shared libraries nothing we ship links to (QML, Quick, PDF, virtual keyboard, 3D …).
_QT_LIBS_DROPPED = re.compile(
    r"libQt6(Qml|Quick|Pdf|VirtualKeyboard|ShaderTools|Designer|Test|Sql|Network|"
    r"Concurrent|Xml|Help|StateMachine|UiTools|SvgWidgets|PrintSupport|OpenGLWidgets|"
    r"WebSockets|Charts|DataVisualization|Graphs|3D|Multimedia|Positioning|Sensors|"
    r"SerialPort|Bluetooth|Nfc|RemoteObjects|Scxml|SpatialAudio|TextToSpeech|Location|"
    r"WebChannel|HttpServer|Protobuf|Grpc|LanguageServer)"
)

# Plugins, by folder: the ones kept. Everything else under plugins/ is dropped.
_PLUGINS_KEPT = {
    # offscreen for the self-test and CI; xcb and wayland for desktops; minimal as a fallback.
    "platforms": re.compile(
        r"(lib)?q(xcb|wayland|wayland-egl|wayland-generic|offscreen|minimal|windows|cocoa)\."
    ),
    "wayland-shell-integration": re.compile(r".*xdg-shell"),
    "wayland-decoration-client": re.compile(r".*bradient"),
    "wayland-graphics-integration-client": re.compile(r".*wayland-egl"),
    "xcbglintegrations": re.compile(r".*xcb-glx"),
    "platforminputcontexts": re.compile(r".*(compose|ibus)"),
    # PNG is built into Qt; the icon is SVG (and ICO on Windows). No JPEG or GIF is shown.
    "imageformats": re.compile(r"(lib)?q(svg|ico)\."),
    "iconengines": re.compile(r".*svgicon"),
    "platformthemes": re.compile(r".*xdgdesktopportal"),
    "styles": re.compile(r".*(windowsvista|modernwindows|mac)"),
}

# Translations: the program is French and English; Qt's own strings only for those.
_TRANSLATIONS_KEPT = re.compile(r"qt(base)?_(fr|en)\.qm$")

# matplotlib data: the default font (DejaVu Sans) and the toolbar images are used; the other
# fonts (STIX, Computer Modern, serif, PDF core fonts) and the sample data are not.
_MPL_DROPPED = re.compile(
    r"mpl-data/(sample_data/|fonts/afm/|fonts/pdfcorefonts/|fonts/ttf/(STIX|cm|DejaVuSerif|"
    r"LICENSE_STIX))"
)


# resources/ folders the program reads at run time (through wallet/resources.py), and the
# source files in them it never reads: Qt Linguist catalogues are compiled to .qm.
# Every file under resources/ ships (features add folders there), as the package
# ``selfdata_resources`` that wallet/resources.py imports; only sources the program never reads
# stay out: Qt Linguist and gettext catalogues are shipped compiled (.qm, .mo).
RESOURCE_PACKAGE = "selfdata_resources"
_RESOURCE_SOURCES = (".ts", ".po", ".pot", ".pyc")


def resource_datas(root: Path) -> list[tuple[str, str]]:
    """(source file, folder in the bundle) for every resource the program reads."""
    resources = root / "resources"
    datas = []
    for path in sorted(resources.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        if path.suffix not in _RESOURCE_SOURCES:
            folder = Path(RESOURCE_PACKAGE) / path.parent.relative_to(resources)
            datas.append((str(path), folder.as_posix()))
    return datas


def _path(entry: tuple[str, ...]) -> str:
    return entry[0].replace("\\", "/")


def keep(entry: tuple[str, ...]) -> bool:
    """Whether a (dest, source, kind) entry of a PyInstaller TOC stays in the build."""
    dest = _path(entry)
    name = dest.rsplit("/", 1)[-1]
    if _QT_LIBS_DROPPED.match(name):
        return False
    if "/Qt/translations/" in dest or ("/translations/" in dest and dest.endswith(".qm")):
        return bool(_TRANSLATIONS_KEPT.search(name))
    match = re.search(r"/Qt/plugins/([^/]+)/", dest) or re.search(r"/plugins/([^/]+)/", dest)
    if match and "PySide6" in dest:
        kept = _PLUGINS_KEPT.get(match.group(1))
        return bool(kept and kept.match(name))
    if "/mpl-data/" in dest or dest.startswith("mpl-data/"):
        return not _MPL_DROPPED.search(dest)
    return True


def lean(entries: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    return [entry for entry in entries if keep(entry)]


def _is_root(dest: str, kind: str) -> bool:
    """Files loaded by Python or by Qt's plugin loader, rather than as another file's library."""
    name = dest.rsplit("/", 1)[-1]
    return kind != "SYMLINK" and (
        ".cpython-" in name
        or ".abi3." in name
        or name.endswith(".pyd")
        or "/plugins/" in dest
        or name.startswith("libpython")
    )


def prune(binaries: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Drop the libraries that only dropped files needed (GTK for the GTK theme plugin, …).

    Linux only: it follows each kept module's and plugin's library closure (ldd).
    """
    from PyInstaller.depend.bindepend import get_imports

    needed: set[str] = set()
    for dest, source, kind in binaries:
        if _is_root(dest.replace("\\", "/"), kind):
            for name, path in get_imports(source):
                needed.add(name)
                if path:
                    needed.add(path.rsplit("/", 1)[-1])
    kept = [
        entry
        for entry in binaries
        if _is_root(_path(entry), entry[2]) or _path(entry).rsplit("/", 1)[-1] in needed
    ]
    return _without_dangling_links(kept)


def _without_dangling_links(entries: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """PyInstaller links each library into the top folder; drop links to a dropped library."""
    present = {_path(entry) for entry in entries if entry[2] != "SYMLINK"}
    kept = []
    for entry in entries:
        if entry[2] == "SYMLINK":
            folder = _path(entry).rpartition("/")[0]
            target = (folder + "/" if folder else "") + entry[1].replace("\\", "/")
            if _normalised(target) not in present:
                continue
        kept.append(entry)
    return kept


def _normalised(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)
