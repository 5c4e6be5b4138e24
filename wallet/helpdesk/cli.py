"""The help-desk commands of ``selfdata``: doctor, support-report, check-update, self-test."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wallet import updates
from wallet.helpdesk import doctor, report, selftest
from wallet.settings import Settings

Add = Callable[..., argparse.ArgumentParser]


def register(sub: Any, add: Add) -> None:
    add("doctor", cmd_doctor, "check this computer's setup; each problem with its fix")
    rep = add(
        "support-report",
        cmd_support_report,
        "save a report for the help desk (.zip or text); it holds no value from your files",
    )
    rep.add_argument("file", metavar="FILE")
    upd = add("check-update", cmd_check_update, "ask the city's update feed for a newer build")
    upd.add_argument("--force", action="store_true", help="check even if checked today")
    add("self-test", cmd_self_test, "test this installation on a throwaway wallet")


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


class SelfTestAction(argparse.Action):
    """``selfdata --self-test``: run the self-test and exit, without needing a command."""

    def __init__(self, option_strings: Any, dest: str, **kwargs: Any) -> None:
        kwargs.update(nargs=0, default=argparse.SUPPRESS)
        kwargs.setdefault("help", "test this installation on a throwaway wallet, then exit")
        super().__init__(option_strings, dest, **kwargs)

    def __call__(self, parser: Any, namespace: Any, values: Any, option: Any = None) -> None:
        parser.exit(selftest.run())
