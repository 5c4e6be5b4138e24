"""``selfdata mapping …``: build, list, share and remove saved column mappings.

A help-desk worker on the phone asks the resident which column holds the date, the value and
the meter, runs ``selfdata mapping add`` on a sample file, and can hand the result to others
with ``selfdata mapping export``. ``selfdata import`` then uses a saved mapping by itself for
any file with the same header.

Only the options are here; what the commands do is in ``wallet.mapping_commands``, imported
when one of them runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from importers.mapping import UNITS

Add = Callable[[str, str, str], argparse.ArgumentParser]
COMMANDS = "wallet.mapping_commands"


def register(sub: argparse._SubParsersAction[Any], add: Add) -> None:
    group = add(
        "mapping", f"{COMMANDS}:cmd_help", "saved column mappings for any CSV or XLSX export"
    )
    nested = group.add_subparsers(dest="mapping_command", metavar="ACTION")

    def action(name: str, handler: str, help_text: str) -> argparse.ArgumentParser:
        command = nested.add_parser(name, help=help_text, description=help_text)
        command.add_argument(
            "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
        )
        command.set_defaults(handler=handler)
        return command

    new = action("add", f"{COMMANDS}:cmd_add", "save a mapping built from a sample file")
    new.add_argument("name", metavar="NAME")
    new.add_argument("--from-file", required=True, metavar="SAMPLE", help="a CSV or XLSX sample")
    new.add_argument("--date-column", required=True, metavar="C", help="label or number from 1")
    new.add_argument(
        "--date-format", required=True, metavar="F", help="e.g. dd/mm/yyyy, dd/mm/yyyy hh:mm, iso"
    )
    new.add_argument("--value-column", required=True, metavar="C")
    every_unit = sorted({u for units in UNITS.values() for u in units})
    new.add_argument("--unit", required=True, choices=every_unit)
    new.add_argument("--dataset", required=True, choices=sorted(UNITS))
    meter = new.add_mutually_exclusive_group(required=True)
    meter.add_argument("--meter-column", metavar="C", help="the column naming the meter")
    meter.add_argument("--meter", metavar="ID", help="one fixed meter id for every row")
    new.add_argument("--step", default="P1D", help="period of each row: P1D, PT30M, PT1H, P1M")
    new.add_argument("--stamp", choices=("start", "end"), default="start")
    new.add_argument("--timezone", help="the dates' time zone (default: the wallet's)")
    new.add_argument("--sheet", help="XLSX sheet name (default: the first)")
    new.add_argument("--note", default="", help="a note shown to whoever imports the mapping")
    new.add_argument("--replace", action="store_true", help="replace a mapping of that name")
    action("list", f"{COMMANDS}:cmd_list", "the saved mappings")
    out = action("export", f"{COMMANDS}:cmd_export", "write a mapping to a JSON file to share it")
    out.add_argument("name", metavar="NAME")
    out.add_argument("-o", "--output", required=True, metavar="FILE")
    into = action("import", f"{COMMANDS}:cmd_import", "add a mapping from a JSON file")
    into.add_argument("file", metavar="FILE")
    into.add_argument("--name", help="save it under another name")
    into.add_argument("--replace", action="store_true", help="replace a mapping of that name")
    gone = action("remove", f"{COMMANDS}:cmd_remove", "remove a saved mapping")
    gone.add_argument("name", metavar="NAME")
