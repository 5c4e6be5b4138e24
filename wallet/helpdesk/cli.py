"""The help-desk commands of ``selfdata``: doctor, support-report, check-update, self-test.

Only their options are here; what they do is in ``wallet.helpdesk.commands``, imported when
one of them runs, so that every other command starts without the help-desk modules.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

Add = Callable[..., argparse.ArgumentParser]
COMMANDS = "wallet.helpdesk.commands"


def register(sub: Any, add: Add) -> None:
    add(
        "doctor", f"{COMMANDS}:cmd_doctor", "check this computer's setup; each problem with its fix"
    )
    rep = add(
        "support-report",
        f"{COMMANDS}:cmd_support_report",
        "save a report for the help desk (.zip or text); it holds no value from your files",
    )
    rep.add_argument("file", metavar="FILE")
    upd = add(
        "check-update",
        f"{COMMANDS}:cmd_check_update",
        "ask the city's update feed for a newer build",
    )
    upd.add_argument("--force", action="store_true", help="check even if checked today")
    add("self-test", f"{COMMANDS}:cmd_self_test", "test this installation on a throwaway wallet")


class SelfTestAction(argparse.Action):
    """``selfdata --self-test``: run the self-test and exit, without needing a command."""

    def __init__(self, option_strings: Any, dest: str, **kwargs: Any) -> None:
        kwargs.update(nargs=0, default=argparse.SUPPRESS)
        kwargs.setdefault("help", "test this installation on a throwaway wallet, then exit")
        super().__init__(option_strings, dest, **kwargs)

    def __call__(self, parser: Any, namespace: Any, values: Any, option: Any = None) -> None:
        # The self-test imports most of the core: only when it is asked for.
        from wallet.helpdesk import selftest

        parser.exit(selftest.run())
