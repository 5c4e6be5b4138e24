"""What ``selfdata doctor | support-report | check-update | self-test`` do when they run.

``wallet.helpdesk.cli`` registers them by name, so these modules (the keyring, the update
feed's HTTPS client, the self-test's whole core) load only for the command that needs them.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from wallet import updates
from wallet.helpdesk import doctor, report, selftest
from wallet.settings import Settings


def cmd_doctor(ctx: Any, args: argparse.Namespace) -> int:
    checks = doctor.run(ctx.root)
    ctx.emit(doctor.as_json(checks), doctor.as_text(checks))
    return 1 if any(c.status == doctor.PROBLEM for c in checks) else 0


def cmd_support_report(ctx: Any, args: argparse.Namespace) -> int:
    target = report.write(Path(args.file), ctx.root)
    ctx.emit(
        {"file": str(target)},
        f"Support report written to {target}. It holds no value from your files; "
        "you can open it to check before sending it to the help desk.",
    )
    return 0


def cmd_check_update(ctx: Any, args: argparse.Namespace) -> int:
    found = updates.check(Settings(), force=args.force)
    data: dict[str, Any] = {"checked": found.checked, "note": found.note, "update": None}
    if found.update is not None:
        data["update"] = {
            "version": found.update.version,
            "url": found.update.url,
            "sha256": found.update.sha256,
            "notes": found.update.notes,
        }
    text = found.note
    if found.update is not None and found.update.notes:
        text += f"\nWhat changed: {found.update.notes}"
    ctx.emit(data, text)
    return 0


def cmd_self_test(ctx: Any, args: argparse.Namespace) -> int:
    return selftest.run(ctx.stdout)
