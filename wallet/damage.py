"""Naming damage: a wallet database SQLite cannot read, and the backup that would repair it.

A flipped byte in ``wallet.db`` shows up as a SQLite error in whatever command reads the
damaged page. The person is told that the database is damaged, where if SQLite says so
(a page, a table), and what to do: restore the last backup, named when this wallet made one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from wallet.errors import VaultDamaged
from wallet.files import atomic_write
from wallet.safetext import for_terminal

LAST_BACKUP = "last-backup.json"  # in the private wallet folder: the database may be unreadable
_DAMAGE_WORDS = ("malformed", "not a database", "corrupt", "hmac", "integrity")
_WHERE = re.compile(r"(page \d+|tree \d+|table \w+|index \w+)", re.IGNORECASE)


@dataclass(frozen=True)
class LastBackup:
    file: str
    created: str


def remember_backup(root: Path, file: Path, created: str) -> None:
    record = {"file": str(file.absolute()), "created": created}
    atomic_write(root / LAST_BACKUP, json.dumps(record).encode("utf-8"))


def last_backup(root: Path) -> LastBackup | None:
    try:
        with open(root / LAST_BACKUP, "rb") as handle:
            data = json.loads(handle.read(4096))
        return LastBackup(str(data["file"]), str(data["created"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_damage(exc: BaseException) -> bool:
    """A SQLite error that says the file is damaged (not a busy or read-only database)."""
    if not type(exc).__module__.startswith(("sqlcipher3", "sqlite3")):
        return False
    text = str(exc).lower()
    return any(word in text for word in _DAMAGE_WORDS)


def where(details: list[str]) -> str:
    """The pages or tables SQLite named, at most three, or an empty string."""
    found: list[str] = []
    for line in details:
        for match in _WHERE.findall(line):
            if match.lower() not in (f.lower() for f in found):
                found.append(match.lower())
    return ", ".join(found[:3])


def wallet_damaged(root: Path, details: list[str]) -> VaultDamaged:
    """The message for a damaged wallet database: what, where, and which backup to restore."""
    place = where(details)
    text = "The wallet database is damaged"
    text += f" (SQLite reports a problem at {place})." if place else "."
    text += " Do not import into it until it is repaired. Restore your last backup"
    last = last_backup(root)
    if last is not None:
        text += f", made {last.created}: selfdata restore '{for_terminal(last.file)}'."
    else:
        text += " with 'selfdata restore FILE' (this wallet has no record of one)."
    text += " The damaged file is kept aside by the restore."
    return VaultDamaged(text)
