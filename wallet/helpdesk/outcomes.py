"""What happened to the last imports, kept for the help desk without any personal data.

After each import the vault's import step calls ``record``. It keeps, in the state folder:
- ``last-import.json``: the outcome (imported, partial, refused, cancelled), the importer,
  the counts and the kind of error;
- ``failed-imports.json``: for the last few files that were refused or had unreadable lines,
  their structure (see ``structure.py``), which importers were tried and why each declined,
  and the line numbers and kinds of the errors.
File names are never stored: an Enedis file name holds the meter number. A file is named by
its extension and the first digits of its SHA-256, which match the batch list of the wallet.
Every free text (a reason, a message) is scrubbed of the file's own cells before it is kept.

The state folder is the user's, shared by every wallet this user opens (a help desk's
computer, a shared account): each note carries the wallet it was about (``wallet_tag``, a
digest of the wallet's folder, never the folder itself), so a report or the doctor speaks of
its own wallet only. A file that failed several times is listed once, at its latest failure.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from importers import registry
from importers.base import Rejected, read_sample
from wallet.files import atomic_write, file_sha256, make_private_dir
from wallet.helpdesk.structure import FileStructure, describe
from wallet.logs import get_logger
from wallet.paths import state_dir

LAST_IMPORT = "last-import.json"
FAILED_IMPORTS = "failed-imports.json"
KEEP_FAILURES = 5  # per wallet
KEEP_ALL_FAILURES = 50  # all wallets together: the notes stay small
KEEP_LAST_IMPORTS = 20  # one per wallet, the most recent first
KEEP_ERRORS = 50
REDACTED = "…"

log = get_logger("import")
_folder_override: Path | None = None


def folder() -> Path:
    return _folder_override or state_dir()


@contextlib.contextmanager
def kept_in(path: Path) -> Iterator[None]:
    """Keep outcomes in ``path`` for a while (the self-test must not replace the real notes)."""
    global _folder_override
    previous, _folder_override = _folder_override, path
    try:
        yield
    finally:
        _folder_override = previous


def last_import_path() -> Path:
    return folder() / LAST_IMPORT


def failures_path() -> Path:
    return folder() / FAILED_IMPORTS


def wallet_tag(root: Path) -> str:
    """How notes name a wallet: a digest of its folder (the folder names the person)."""
    digest = hashlib.sha256(str(root.expanduser().resolve()).encode("utf-8")).hexdigest()
    return f"wallet:{digest[:12]}"


def scrub(text: str, values: Iterable[str], file_name: str = "") -> str:
    """``text`` with the file's name and every cell of the file (3+ characters) taken out."""
    if file_name:
        text = text.replace(file_name, "the file")
        stem = Path(file_name).stem
        if len(stem) > 2:
            text = text.replace(stem, "the file")
    for value in sorted((v for v in values if len(v) > 2), key=len, reverse=True):
        if value in text:
            text = text.replace(value, REDACTED)
    return text


def file_tag(path: Path, sha256: str | None = None) -> str:
    """How a report names a file: its extension and the start of its SHA-256.

    ``sha256``: the digest when the caller has it already (a big file is not read again).
    """
    kind = path.suffix.lower()[:8] or "file"
    if sha256 is None:
        try:
            sha256 = file_sha256(path)
        except OSError:
            return f"{kind} (unreadable)"
    return f"{kind} sha256:{sha256[:12]}"


def record(
    path: Path,
    *,
    outcome: str,
    importer: str | None = None,
    added: int = 0,
    present: int = 0,
    rejected: Sequence[Rejected] = (),
    rejected_count: int = 0,
    error: BaseException | None = None,
    sha256: str | None = None,
    wallet: str | None = None,
) -> None:
    """Keep the outcome of one import. Never raises: notes must not break an import.

    ``wallet``: the ``wallet_tag`` of the wallet the file was imported into, when known.
    """
    try:
        _record(
            path, outcome, importer, added, present, rejected, rejected_count, error, sha256, wallet
        )
    except Exception as exc:
        log.warning("The outcome of an import could not be noted (%s).", type(exc).__name__)


def _record(
    path: Path,
    outcome: str,
    importer: str | None,
    added: int,
    present: int,
    rejected: Sequence[Rejected],
    rejected_count: int,
    error: BaseException | None,
    sha256: str | None,
    wallet: str | None,
) -> None:
    failed = outcome in ("refused", "partial", "failed")
    structure = describe(path) if failed else None
    values = structure.data_cells if structure else set()
    entry: dict[str, Any] = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "wallet": wallet,
        "outcome": outcome,
        "file": file_tag(path, sha256),
        "importer": importer,
        "added": added,
        "already_present": present,
        "rejected": rejected_count,
        "error_kind": type(error).__name__ if error else None,
        "message": scrub(str(error), values, path.name) if error else None,
    }
    make_private_dir(folder())
    others = [e for e in _last_imports() if e.get("wallet") != wallet]
    atomic_write(last_import_path(), _dump([entry, *others][:KEEP_LAST_IMPORTS]))
    _log(entry)
    if structure is not None:
        failure = dict(entry)
        failure["structure"] = structure.as_json()
        failure["importers_tried"] = importers_tried(path, values)
        failure["errors"] = [
            {"line": r.line, "kind": scrub(r.reason, values, path.name)}
            for r in rejected[:KEEP_ERRORS]
        ]
        atomic_write(failures_path(), _dump(_kept_failures(failure, load_failures())))


def _kept_failures(failure: dict[str, Any], earlier: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The new failure first; the same file's earlier failures dropped; a few per wallet."""
    kept = [failure]
    per_wallet = {failure.get("wallet"): 1}
    for entry in earlier:
        key = entry.get("wallet")
        if (key, entry.get("file")) == (failure.get("wallet"), failure.get("file")):
            continue  # listed once, at its latest failure
        if per_wallet.get(key, 0) >= KEEP_FAILURES:
            continue
        per_wallet[key] = per_wallet.get(key, 0) + 1
        kept.append(entry)
    return kept[:KEEP_ALL_FAILURES]


def importers_tried(path: Path, values: set[str]) -> list[dict[str, Any]]:
    """Every importer's verdict on the file, scrubbed of the file's cells."""
    try:
        ranked = registry.rank(read_sample(path))
    except OSError:
        return []
    return [
        {
            "importer": c.importer.name,
            "confidence": round(c.detection.confidence, 2),
            "reason": scrub(c.detection.reason, values, path.name),
            "near_miss": scrub(c.detection.near_miss, values, path.name),
        }
        for c in ranked
    ]


def _log(entry: dict[str, Any]) -> None:
    importer = entry["importer"] or "no importer"
    if entry["outcome"] in ("imported", "partial"):
        log.info(
            "Import with %s: %d rows added, %d already present, %d lines could not be read.",
            importer,
            entry["added"],
            entry["already_present"],
            entry["rejected"],
        )
    else:
        log.warning(
            "Import %s (%s, %s); nothing was stored.",
            entry["outcome"],
            importer,
            entry["error_kind"],
        )


def _dump(data: Any) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _load(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _last_imports() -> list[dict[str, Any]]:
    found = _load(last_import_path())
    if isinstance(found, dict):  # written by an earlier version: one entry
        return [found]
    return [e for e in found if isinstance(e, dict)] if isinstance(found, list) else []


def last_import(wallet: str | None = None) -> dict[str, Any] | None:
    """The last import on this computer, or into ``wallet`` (a ``wallet_tag``) when given."""
    for entry in _last_imports():
        if wallet is None or entry.get("wallet") == wallet:
            return entry
    return None


def load_failures(wallet: str | None = None) -> list[dict[str, Any]]:
    """The failures kept, newest first: all of them, or those of ``wallet`` when given."""
    found = _load(failures_path())
    entries = [f for f in found if isinstance(f, dict)] if isinstance(found, list) else []
    return [f for f in entries if wallet is None or f.get("wallet") == wallet]


__all__ = ["FileStructure", "last_import", "load_failures", "record", "scrub"]
