"""Where the shipped resources are: sample exports, import guides, translations, schemas.

``resources/`` of the checkout is the package ``selfdata_resources`` (setup.py maps it), so
one lookup through importlib.resources finds it wherever the program runs: an installed
wheel (site-packages), an editable install (the checkout's folder), and the PyInstaller
build (the bundle carries the package, ``packaging/lean.py``). Every module finds files
through here, so the layouts cannot drift apart.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE = "selfdata_resources"


def resources_dir() -> Path:
    """The folder of the shipped resources.

    A checkout run without any install (``python -m ui.app`` from a fresh clone) has no
    package of that name: the folder beside the packages is the same one.
    """
    try:
        found = resources.files(PACKAGE)
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[1] / "resources"
    # Every layout we ship unpacks files on disk (no zipped eggs): a real folder.
    return Path(str(found))


def samples_dir() -> Path:
    return resources_dir() / "samples"


def guides_dir() -> Path:
    return resources_dir() / "guides"


def guide_path(importer: str, language: str) -> Path | None:
    """The "How do I get this file?" guide for an importer, in the language if there is one."""
    for lang in (language, "en", "fr"):
        candidate = guides_dir() / f"{importer}.{lang}.md"
        if candidate.is_file():
            return candidate
    return None


def translations_dir() -> Path:
    return resources_dir() / "i18n"


def schemas_dir() -> Path:
    return resources_dir() / "schemas"


def services_dir() -> Path:
    return resources_dir() / "services"


def icon_path() -> Path:
    """The program's icon (SVG), for the window and the About box."""
    return resources_dir() / "icons" / "selfdata-wallet.svg"
