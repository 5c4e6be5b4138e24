"""``selfdata household show|set FILE|edit`` and ``selfdata rights``: options only.

Registered by ``wallet.cli``; what the commands do is in ``wallet.rights.commands``, imported
when one of them runs (the model, OpenFisca-France, only by ``rights``).
"""

from __future__ import annotations

from typing import Any

COMMANDS = "wallet.rights.commands"


def register(sub: Any, add: Any) -> None:
    household = add(
        "household",
        f"{COMMANDS}:cmd_household",
        "your household's description for the rights check: show, set FILE (JSON) or edit",
    )
    household.add_argument("action", choices=("show", "set", "edit"))
    household.add_argument("file", nargs="?", metavar="FILE", help="with set: a JSON file")
    rights = add(
        "rights",
        f"{COMMANDS}:cmd_rights",
        "estimate the benefits your household may be entitled to, beside what was paid",
    )
    rights.add_argument(
        "--month", metavar="YYYY-MM", help="one month (default: the last 3 and the current)"
    )
