"""The support report a resident saves and sends: diagnostics and the shape of failed files.

It holds the doctor's checks, the structure of the last files that failed to import (never a
value from them), and the recent log. The user's home folder and login name are replaced by
``~`` and ``<user>``, because a folder like /home/marie says who the resident is.
"""

from __future__ import annotations

import getpass
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wallet import build_info, logs
from wallet.files import atomic_write, private_output
from wallet.helpdesk import doctor, outcomes
from wallet.settings import Settings

README = (
    "Self Data Wallet support report\n"
    "This report describes the program, this computer's setup and the structure of the files "
    "that could not be imported. It holds no value from your files: no meter number, no "
    "amount, no date of yours, no name.\n"
)


def anonymise_paths(text: str) -> str:
    home = str(Path.home())
    if len(home) > 1:
        text = text.replace(home, "~")
    try:
        user = getpass.getuser()
    except Exception:  # no login name on some containers
        user = ""
    if len(user) > 2:
        text = text.replace(user, "<user>")
    return text


def collect(root: Path, settings: Settings | None = None) -> dict[str, Any]:
    checks = doctor.run(root, settings)
    wallet = outcomes.wallet_tag(root)  # the notes folder is shared by every wallet
    return {
        "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "program": build_info.describe("Self Data Wallet"),
        "diagnostics": doctor.as_json(checks),
        "failed_imports": outcomes.load_failures(wallet),
        "last_import": outcomes.last_import(wallet),
        "log": logs.recent_lines(),
    }


def as_text(report: dict[str, Any]) -> str:
    parts = [README, f"Made at {report['made_at']} by {report['program']}", "", "== Diagnostics"]
    checks = [doctor.Check(**c) for c in report["diagnostics"]["checks"]]
    parts.append(doctor.as_text(checks))
    parts.append("")
    parts.append("== Files that could not be imported (structure only)")
    if not report["failed_imports"]:
        parts.append("None recorded.")
    for number, failure in enumerate(report["failed_imports"], start=1):
        parts.extend(["", f"-- {number}. {failure.get('file')}", *_failure_lines(failure)])
    parts.extend(["", "== Recent log", *report["log"]])
    return "\n".join(parts) + "\n"


def _failure_lines(failure: dict[str, Any]) -> list[str]:
    lines = [
        f"when: {failure.get('at')}; outcome: {failure.get('outcome')}; "
        f"importer: {failure.get('importer') or 'none accepted it'}",
        f"added {failure.get('added')}, already present {failure.get('already_present')}, "
        f"unreadable lines {failure.get('rejected')}",
    ]
    if failure.get("message"):
        lines.append(f"message: {failure['message']}")
    s = failure.get("structure") or {}
    lines.append(
        f"kind {s.get('kind')}, {s.get('size')} bytes, extension {s.get('extension') or 'none'}, "
        f"encoding {s.get('encoding')}, delimiter {json.dumps(s.get('delimiter'))}, "
        f"{s.get('line_count')} lines"
    )
    if s.get("header_line"):
        lines.append(f"header line {s['header_line']}: {' | '.join(s.get('columns', []))}")
    for key in ("line_shapes", "json_outline", "ofx_outline", "sheets", "zip_members"):
        lines.extend(f"  {item}" for item in s.get(key) or [])
    lines.append("importers tried:")
    for tried in failure.get("importers_tried") or []:
        why = tried.get("near_miss") or tried.get("reason") or "not this format"
        lines.append(f"  {tried.get('importer')} ({tried.get('confidence')}): {why}")
    errors = failure.get("errors") or []
    if errors:
        lines.append("unreadable lines:")
        lines.extend(f"  line {e.get('line')}: {e.get('kind')}" for e in errors)
    return lines


def write(target: Path, root: Path, settings: Settings | None = None) -> Path:
    """Write the report as a zip (``.zip``) or a text file (anything else)."""
    report = collect(root, settings)
    text = anonymise_paths(as_text(report))
    if target.suffix.lower() != ".zip":
        atomic_write(target, text.encode("utf-8"))
        return target
    data = anonymise_paths(json.dumps(report, indent=2, ensure_ascii=False))
    with (
        private_output(target) as raw,
        zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        archive.writestr("README.txt", README)
        archive.writestr("report.txt", text)
        archive.writestr("report.json", data)
    return target
