"""``selfdata doctor``: what a help-desk worker asks first, each problem with its fix.

Every check answers in words that can be read aloud over the phone, and every problem comes
with the one thing to do about it. Nothing here opens the wallet: no passphrase is needed.
"""

from __future__ import annotations

import importlib
import os
import platform
import secrets
import shutil
import stat
import sys
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import keyring
import keyring.errors

from wallet import build_info, keyring_slot
from wallet.helpdesk import outcomes, qtprobe
from wallet.paths import WalletPaths, log_dir
from wallet.settings import Settings

OK, INFO, WARNING, PROBLEM = "ok", "info", "warning", "problem"
LOW_DISK_BYTES = 200 * 1024 * 1024

# (distribution names to try, module to fall back on for __version__)
LIBRARIES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("PySide6", ("PySide6-Essentials", "PySide6"), "PySide6"),
    ("sqlcipher3", ("sqlcipher3", "sqlcipher3-binary", "sqlcipher3-wheels"), "sqlcipher3"),
    ("matplotlib", ("matplotlib",), "matplotlib"),
    ("keyring", ("keyring",), "keyring"),
    ("requests", ("requests",), "requests"),
    ("cryptography", ("cryptography",), "cryptography"),
    ("argon2-cffi", ("argon2-cffi",), "argon2"),
)


@dataclass
class Check:
    area: str
    status: str  # ok | info | warning | problem
    detail: str
    fix: str = ""


def library_version(dists: tuple[str, ...], module: str) -> str | None:
    for dist in dists:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    # A frozen build may carry a module without its metadata.
    try:
        found = importlib.import_module(module)
    except Exception:
        return None
    return str(getattr(found, "__version__", "present"))


def cipher_version() -> str | None:
    try:
        import sqlcipher3

        conn = sqlcipher3.connect(":memory:")
        try:
            row = conn.execute("PRAGMA cipher_version").fetchone()
        finally:
            conn.close()
    except Exception:
        return None
    return str(row[0]) if row and row[0] else None


def program_checks() -> list[Check]:
    checks = [
        Check("program", OK, build_info.describe("Self Data Wallet")),
        Check(
            "system",
            INFO,
            f"Python {platform.python_version()} on {platform.system()} {platform.release()} "
            f"({platform.machine()})"
            + (", packaged build" if getattr(sys, "frozen", False) else ""),
        ),
    ]
    for name, dists, module in LIBRARIES:
        found = library_version(dists, module)
        if found is None:
            checks.append(
                Check(
                    f"library {name}",
                    PROBLEM,
                    f"{name} is missing.",
                    "Reinstall the program from the build your city gave you.",
                )
            )
        else:
            checks.append(Check(f"library {name}", OK, f"{name} {found}"))
    cipher = cipher_version()
    if cipher is None or not cipher.startswith("4."):
        checks.append(
            Check(
                "encryption",
                PROBLEM,
                "The database encryption (SQLCipher 4) does not answer.",
                "Reinstall the program; wallets cannot be opened without it.",
            )
        )
    else:
        checks.append(Check("encryption", OK, f"SQLCipher {cipher}"))
    return checks


def qt_checks() -> list[Check]:
    info = qtprobe.probe()
    if not info.available:
        return [
            Check(
                "Qt",
                WARNING,
                f"The desktop app's toolkit (Qt) cannot be loaded ({info.error}).",
                "The selfdata command still works; reinstall the program to use the desktop app.",
            )
        ]
    checks = [
        Check(
            "Qt",
            OK,
            f"Qt {info.version}; platform {info.platform} ({info.platform_source}); "
            f"plugins: {', '.join(info.platforms) or 'none'}",
        )
    ]
    if info.platform.startswith("none"):
        checks.append(
            Check(
                "display",
                WARNING,
                "There is no graphical display here, so the desktop app cannot open a window.",
                "Log in to a desktop session to use the app; the selfdata command works as is.",
            )
        )
    elif info.platforms and info.platform.split(":")[0] not in info.platforms:
        checks.append(
            Check(
                "display",
                PROBLEM,
                f"The display plugin '{info.platform}' is not part of this installation.",
                "Reinstall the program, or unset QT_QPA_PLATFORM.",
            )
        )
    return checks


def keyring_checks() -> list[Check]:
    current = keyring_slot.status()
    if current.state is not keyring_slot.KeyringState.AVAILABLE:
        return [
            Check(
                "keyring",
                WARNING,
                f"No usable password store ({current.backend}). {current.reason}",
                "Nothing to do: type the passphrase each time, or log in to a desktop session "
                "that has a password store (GNOME Keyring, KWallet).",
            )
        ]
    works, why = keyring_round_trip()
    if not works:
        return [
            Check(
                "keyring",
                PROBLEM,
                f"The password store ({current.backend}) is there but {why}.",
                "Unlock the computer's password store (log out and in again), or use the "
                "passphrase and turn 'remember on this computer' off.",
            )
        ]
    return [Check("keyring", OK, f"{current.backend}: a test entry was written, read and removed")]


def keyring_round_trip() -> tuple[bool, str]:
    """Write, read and delete a throwaway entry; never touches the wallet's own entry."""
    service = "selfdata-wallet-doctor"
    user = f"check-{secrets.token_hex(4)}"
    value = secrets.token_hex(16)
    try:
        keyring.set_password(service, user, value)
        try:
            back = keyring.get_password(service, user)
        finally:
            keyring.delete_password(service, user)
    except keyring.errors.KeyringLocked:
        return False, "it is locked"
    except (keyring.errors.KeyringError, OSError, RuntimeError) as exc:
        return False, f"it did not answer ({type(exc).__name__})"
    if back != value:
        return False, "it gave back something else than what was stored"
    return True, ""


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def wallet_checks(root: Path) -> list[Check]:
    paths = WalletPaths(root)
    if not paths.exists():
        return [
            Check(
                "wallet",
                INFO,
                f"No wallet in {root} yet.",
                "Create one in the app, or with 'selfdata init'.",
            ),
            disk_check(root),
        ]
    checks = [Check("wallet", OK, f"Wallet found in {root}")]
    if os.name == "posix":
        wrong = [
            f"{p.name} is {oct(_mode(p))[2:]}"
            for p in (root, paths.database, paths.slots)
            if p.exists() and _mode(p) & 0o077
        ]
        if wrong:
            checks.append(
                Check(
                    "permissions",
                    PROBLEM,
                    "Other users of this computer may read the wallet files: " + "; ".join(wrong),
                    f"Run: chmod 700 '{root}' && chmod 600 '{root}'/*",
                )
            )
        else:
            checks.append(
                Check("permissions", OK, "Only you can read the wallet folder (0700/0600)")
            )
    checks.append(disk_check(root))
    return checks


def disk_check(root: Path) -> Check:
    existing = root
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    try:
        free = shutil.disk_usage(existing).free
    except OSError:
        return Check("disk", WARNING, "The free disk space could not be read.")
    text = f"{free / 1024**3:.1f} GB free where the wallet is"
    if free < LOW_DISK_BYTES:
        return Check(
            "disk",
            PROBLEM,
            text + "; imports and backups may fail.",
            "Free some disk space (empty the trash, remove old downloads).",
        )
    return Check("disk", OK, text)


def setting_checks(settings: Settings | None = None) -> list[Check]:
    settings = settings or Settings()
    feed = str(settings.get("update_feed_url"))
    checks = [Check("logs", INFO, f"Logs are in {log_dir()}")]
    if feed:
        last = settings.get("last_update_check") or "never"
        checks.append(Check("updates", INFO, f"Update feed set; last checked {last}"))
    else:
        checks.append(Check("updates", INFO, "No update feed is set; the program never checks."))
    return checks


def import_checks(root: Path | None = None) -> list[Check]:
    """The last import into the wallet in ``root`` (into any wallet when None)."""
    last = outcomes.last_import(outcomes.wallet_tag(root) if root is not None else None)
    if last is None:
        where = "into this wallet" if root is not None else "on this computer"
        return [Check("last import", INFO, f"No import has been made {where} yet.")]
    detail = (
        f"{last.get('outcome')} on {last.get('at')} with {last.get('importer') or 'no importer'}: "
        f"{last.get('added', 0)} added, {last.get('already_present', 0)} already present, "
        f"{last.get('rejected', 0)} lines unreadable"
    )
    outcome = last.get("outcome")
    if outcome == "refused":
        return [
            Check(
                "last import",
                PROBLEM,
                detail + f". {last.get('message') or ''}".rstrip(". ") + ".",
                "Check the file is the export from the provider; if it is, send a support "
                "report ('selfdata support-report report.zip').",
            )
        ]
    if outcome == "partial":
        return [
            Check(
                "last import",
                WARNING,
                detail + ".",
                "The lines that could not be read were skipped; send a support report if they "
                "matter.",
            )
        ]
    return [Check("last import", OK, detail + ".")]


def run(root: Path, settings: Settings | None = None) -> list[Check]:
    return [
        *program_checks(),
        *qt_checks(),
        *keyring_checks(),
        *wallet_checks(root),
        *setting_checks(settings),
        *import_checks(root),
    ]


def as_json(checks: list[Check]) -> dict[str, Any]:
    return {
        "problems": sum(c.status == PROBLEM for c in checks),
        "checks": [asdict(c) for c in checks],
    }


def as_text(checks: list[Check]) -> str:
    marks = {OK: "ok     ", INFO: "info   ", WARNING: "warning", PROBLEM: "PROBLEM"}
    lines = []
    for check in checks:
        lines.append(f"{marks[check.status]}  {check.area}: {check.detail}")
        if check.fix:
            lines.append(f"         what to do: {check.fix}")
    problems = sum(c.status == PROBLEM for c in checks)
    lines.append("")
    lines.append("No problem found." if not problems else f"{problems} problem(s) found.")
    return "\n".join(lines)
