"""``selfdata`` starts with only what the command run needs: the others load nothing.

Each check runs in a fresh interpreter, so the modules it finds were loaded by ``selfdata``
alone and not by another test. Nothing here measures time: it checks what was imported.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import PASSPHRASE, REPO, run_cli
from wallet import cli

# Libraries and modules that only some commands need, each costing milliseconds to import.
HEAVY = (
    "jsonschema",  # consent receipts
    "rfc8785",  # signed share packages and the ledger
    "keyring",  # "remember on this computer", and status
    "importlib.metadata",  # --version, the doctor, the update check
    "wallet.backup",
    "wallet.sharing.package",
    "wallet.sharing.receipts",
    "wallet.sharing.shares",
    "wallet.helpdesk.doctor",
    "wallet.helpdesk.report",
    "wallet.helpdesk.selftest",
    "wallet.updates",
    "openfisca_core",  # the rights check's model: only `selfdata rights` loads it
    "openfisca_france",
    "wallet.rights.engine",
)
# Where the commands' work lives: loaded only when one of their commands runs.
COMMAND_MODULES = (
    "wallet.commands",
    "wallet.sharing.commands",
    "wallet.helpdesk.commands",
    "wallet.mapping_commands",
    "wallet.rights.commands",
)

ENERGY = """dataset,meter,quantity,start,end,value,unit
electricity,PRM-START-001,consumption,2024-03-30T00:00:00+01:00,2024-03-31T00:00:00+01:00,10.5,kWh
electricity,PRM-START-001,consumption,2024-03-31T00:00:00+01:00,2024-04-01T00:00:00+02:00,8,kWh
"""

# Runs its arguments as Python, then prints the modules that were not there when it began.
_LOADED = """
import json, sys
before = set(sys.modules)
exec(sys.argv[1])
sys.stderr.write("\\nLOADED " + json.dumps(sorted(set(sys.modules) - before)) + "\\n")
"""


def loaded_by(code: str, stdin: str = "") -> tuple[set[str], subprocess.CompletedProcess[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _LOADED, code],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    marker = done.stderr.rfind("\nLOADED ")
    assert marker >= 0, done.stderr
    return set(json.loads(done.stderr[marker + len("\nLOADED ") :])), done


def test_building_the_parser_loads_no_command_and_no_heavy_library() -> None:
    loaded, _ = loaded_by("import wallet.cli; wallet.cli.build_parser()")
    assert "wallet.cli" in loaded  # the check sees what the command line imports
    assert sorted(loaded & {*HEAVY, *COMMAND_MODULES}) == []


def test_an_import_with_the_passphrase_on_stdin_loads_no_keyring_and_no_sharing(
    tmp_path: Path, wallet_dir: Path
) -> None:
    assert run_cli(wallet_dir, "init").code == 0
    export = tmp_path / "energy.csv"
    export.write_text(ENERGY, encoding="utf-8")
    args = ["--wallet", str(wallet_dir), "--passphrase-stdin", "import", str(export)]
    loaded, done = loaded_by(
        f"import wallet.cli; code = wallet.cli.main({args!r}); assert code == 0, code",
        stdin=PASSPHRASE + "\n",
    )
    assert done.returncode == 0, done.stderr
    assert "added 2, already present 0, rejected 0" in done.stdout
    assert sorted(loaded & {*HEAVY, *COMMAND_MODULES}) == []


def test_a_command_loads_its_own_implementation_only() -> None:
    loaded, done = loaded_by(
        "import wallet.cli; wallet.cli.main(['verify', 'no-such-package.zip'])"
    )
    assert "no-such-package.zip cannot be read" in done.stderr
    assert "wallet.sharing.commands" in loaded
    assert sorted(loaded & {"wallet.commands", "wallet.helpdesk.commands", "keyring"}) == []


def _commands(parser: argparse.ArgumentParser, path: str = "") -> dict[str, cli.HandlerRef]:
    found: dict[str, cli.HandlerRef] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, command in action.choices.items():
                found[f"{path}{name}"] = command.get_default("handler")
                found.update(_commands(command, f"{path}{name} "))
    return found


def test_every_command_names_a_function_that_exists() -> None:
    commands = _commands(cli.build_parser())
    assert {"init", "import", "status", "share", "doctor", "mapping add"} <= set(commands)
    for name, handler in commands.items():
        assert handler is not None, name
        assert callable(cli.resolve(handler)), name
