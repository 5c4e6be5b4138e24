"""Where the shipped resources are: sample exports, import guides, translations, schemas.

From a source checkout they sit beside the packages; in a PyInstaller build, in the bundle.
Every module finds them through here, so the two layouts cannot drift apart.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


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
