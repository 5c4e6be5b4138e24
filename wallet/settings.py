"""Program settings, declared once with type, default and description.

Stored as JSON in the user config folder (platformdirs). Settings hold no personal data:
no passphrase, no identifier, nothing imported. Window geometry stays in QSettings (UI only).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wallet.files import atomic_write, make_private_dir
from wallet.paths import config_dir


@dataclass(frozen=True)
class Setting:
    key: str
    kind: type
    default: Any
    description: str


SETTINGS: tuple[Setting, ...] = (
    Setting("language", str, "system", "Interface language: 'system', 'fr' or 'en'."),
    Setting(
        "auto_lock_minutes", int, 10, "Lock the wallet after this many idle minutes (0: never)."
    ),
    Setting("wallet_path", str, "", "The wallet folder to open; empty means the default folder."),
    Setting(
        "ca_bundle",
        str,
        "",
        "A certificate authority file (PEM) trusted for sharing, "
        "for a city that runs its own; empty means the system's and REQUESTS_CA_BUNDLE.",
    ),
    Setting("update_feed_url", str, "", "Where to check for newer builds (HTTPS); empty: never."),
    Setting("last_update_check", str, "", "When the update feed was last checked (RFC 3339)."),
    Setting("retention_cap", str, "P5Y", "The longest retention a service may ask for (ISO 8601)."),
    Setting("first_run_done", bool, False, "Whether the welcome screens were completed."),
)
_BY_KEY = {s.key: s for s in SETTINGS}


def settings_path() -> Path:
    return config_dir() / "settings.json"


class Settings:
    """Typed access to the settings file; unknown or mistyped values fall back to defaults."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self._values: dict[str, Any] = {}
        self.load()

    def load(self) -> None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = {}
        self._values = {}
        if isinstance(raw, dict):
            for key, value in raw.items():
                setting = _BY_KEY.get(key)
                if setting is not None and isinstance(value, setting.kind):
                    self._values[key] = value

    def get(self, key: str) -> Any:
        return self._values.get(key, _BY_KEY[key].default)

    def set(self, key: str, value: Any) -> None:
        setting = _BY_KEY[key]
        if not isinstance(value, setting.kind):
            raise TypeError(f"setting {key} must be {setting.kind.__name__}")
        self._values[key] = value
        self.save()

    def save(self) -> None:
        make_private_dir(self.path.parent)
        atomic_write(
            self.path, (json.dumps(self._values, indent=2, sort_keys=True) + "\n").encode()
        )
