"""``selfdata``: the command line that drives the whole core, for scripts and help-desk staff.

Exit codes: 0 done, 1 done in part (some rows rejected), 2 refused (bad input, wrong
passphrase, locked, not found). ``--json`` prints machine-readable output on stdout.

Start-up loads only what the command run needs. Commands are registered here (and in each
group's ``cli`` module) by options and a ``"module:function"`` name; what they do lives in
``commands`` modules (``wallet.commands``, ``wallet.sharing.commands``...), imported when one
of their commands runs. ``tests/test_cli_startup.py`` keeps it so.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from importers.base import Record, Rejected
from wallet import build_info, logs, parse_ahead, queries
from wallet.errors import InvalidInput, WalletError, WrongSecretError
from wallet.helpdesk.cli import SelfTestAction
from wallet.paths import resolve_wallet_dir
from wallet.timebuckets import GRANULARITIES

if TYPE_CHECKING:
    from wallet.importing import ImportResult
    from wallet.keyslots import KdfParams
    from wallet.vault import Wallet

Handler = Callable[["Context", argparse.Namespace], int]
# A command's handler, or "module:function" naming it: that module, and what it imports, is
# loaded only when the command runs, so that every command starts without the others' libraries.
HandlerRef = Handler | str
COMMANDS = "wallet.commands"
KDF_ENV = "SELFDATA_KDF_PROFILE"
DEBUG_ENV = "SELFDATA_DEBUG"  # set it to see Python tracebacks instead of a short message


class Context:
    """What every command needs: where the wallet is, how to get secrets, how to print."""

    def __init__(self, args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> None:
        self.root = resolve_wallet_dir(args.wallet)
        self.json = bool(args.json)
        self.passphrase_stdin = bool(args.passphrase_stdin)
        self.stdin = stdin
        self.stdout = stdout

    @property
    def kdf(self) -> KdfParams | None:
        """None tunes Argon2id to this machine; the minimum profile is for tests and benchmarks."""
        from wallet.keyslots import FAST_KDF

        return FAST_KDF if os.environ.get(KDF_ENV) == "minimum" else None

    def secret(self, prompt: str) -> str:
        """A secret from stdin (one line each) or an interactive prompt without echo."""
        if self.passphrase_stdin:
            line = self.stdin.readline()
            if not line:
                raise InvalidInput("Expected a passphrase on standard input, found nothing.")
            return line.rstrip("\r\n")
        if not sys.stdin.isatty():
            raise InvalidInput(
                "No terminal to ask for the passphrase. Use --passphrase-stdin to pipe it in."
            )
        return getpass.getpass(prompt)

    def new_secret(self, prompt: str) -> str:
        first = self.secret(prompt)
        if self.passphrase_stdin:
            return first
        if self.secret("Type it again: ") != first:
            raise InvalidInput("The two passphrases differ. Nothing was changed.")
        return first

    def open(self) -> Wallet:
        from wallet.vault import Wallet  # here: `selfdata import` forks its helper before this

        remembered = None
        if not self.passphrase_stdin:
            try:
                remembered = Wallet.unlock_with_keyring(self.root)
            except WalletError:
                remembered = None
        if remembered is not None:
            return remembered
        return Wallet.unlock(self.root, self.secret("Passphrase: "))

    def emit(self, data: Any, text: str) -> None:
        if self.json:
            json.dump(data, self.stdout, indent=2, ensure_ascii=False, default=str)
            self.stdout.write("\n")
        else:
            self.stdout.write(text.rstrip("\n") + "\n")

    def say(self, text: str) -> None:
        """Progress and notes go to stderr, so stdout stays clean for pipes and --json."""
        sys.stderr.write(text.rstrip("\n") + "\n")


# --- import (the wallet's other commands are in wallet/commands.py) ---------------------
def _confirm_on_terminal(ctx: Context, assume_yes: bool) -> Callable[..., bool]:
    def confirm(records: Sequence[Record], rejected: Sequence[Rejected]) -> bool:
        if assume_yes:
            return True
        ctx.say(f"Found {len(records)} item(s) to store:")
        for record in records:
            evidence = getattr(record, "evidence", "")
            ctx.say(f"  - {_describe(record)}" + (f"\n      from: {evidence}" if evidence else ""))
        if not sys.stdin.isatty() or ctx.passphrase_stdin:
            ctx.say("Not confirmed (no terminal). Run again with --yes to store them.")
            return False
        return input("Store these? [y/N] ").strip().lower() in ("y", "yes", "o", "oui")

    return confirm


def _describe(record: Record) -> str:
    fields = record._asdict()
    fields.pop("evidence", None)
    return ", ".join(f"{k}={v}" for k, v in fields.items() if v not in (None, ""))


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    results: list[dict[str, Any]] = []
    worst = 0
    lines: list[str] = []
    with contextlib.ExitStack() as stack:
        # The first file is read by a helper while the passphrase is turned into the key.
        ahead = parse_ahead.start(Path(args.files[0]), args.source)
        if ahead is not None:
            stack.callback(ahead.close)
        wallet = stack.enter_context(ctx.open())
        from wallet.importing import import_file  # after the fork: the helper does not need it

        for number, name in enumerate(args.files):
            path = Path(name)
            try:
                result = import_file(
                    wallet.conn,
                    path,
                    source=args.source,
                    strict=args.strict,
                    confirm=_confirm_on_terminal(ctx, args.yes),
                    account=args.account,
                    ahead=ahead if number == 0 else None,
                )
            except WalletError as exc:
                results.append({"file": path.name, "refused": str(exc)})
                lines.append(f"{path.name}: not imported. {exc}")
                worst = max(worst, 2)
                continue
            results.append(result.as_json())
            lines.append(_summary(result))
            worst = max(worst, result.exit_code)
    ctx.emit({"files": results}, "\n".join(lines))
    return worst


def _summary(result: ImportResult) -> str:
    text = (
        f"{result.file_name}: {result.importer_label} - added {result.added}, "
        f"already present {result.present}, rejected {result.rejected_count} "
        f"(batch {result.batch_id})"
    )
    for rejected in result.rejected[:20]:
        text += f"\n  line {rejected.line}: {rejected.reason}"
    if result.rejected_count > 20:
        text += f"\n  … and {result.rejected_count - 20} more"
    return text


# --- parser -----------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="selfdata", description="Self Data Wallet: your own data, encrypted on your computer."
    )
    parser.add_argument("--version", action=build_info.VersionAction)
    parser.add_argument("--self-test", action=SelfTestAction)
    parser.add_argument("--wallet", metavar="PATH", help="the wallet folder (or $SELFDATA_WALLET)")
    parser.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read passphrases and codes from standard input, one per line",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, handler: HandlerRef, help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.add_argument(
            "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
        )
        command.set_defaults(handler=handler)
        return command

    init = add("init", f"{COMMANDS}:cmd_init", "create a wallet and print its recovery code once")
    init.add_argument(
        "--remember", action="store_true", help="remember the wallet on this computer (OS keyring)"
    )
    init.add_argument("--timezone", default="Europe/Paris", help="the wallet's time zone")
    add(
        "status",
        f"{COMMANDS}:cmd_status",
        "where the wallet is, schema version, counts, keyring state",
    )
    imp = add("import", cmd_import, "import exports; a summary per file")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--source", metavar="NAME", help="the importer to use, instead of detection")
    imp.add_argument(
        "--strict", action="store_true", help="refuse a whole file when any line is bad"
    )
    imp.add_argument(
        "--account",
        metavar="NAME",
        help="the card, meter, account or transit network the file belongs to "
        "(for exports that do not name it, or to keep two cards apart)",
    )
    imp.add_argument(
        "--yes",
        action="store_true",
        help="store found payments without asking (PDF and bank statements)",
    )
    add("imports", f"{COMMANDS}:cmd_imports", "the import batches")
    undo = add("undo", f"{COMMANDS}:cmd_undo", "undo an import batch as a whole")
    undo.add_argument("batch", type=int, metavar="BATCH")
    add("datasets", f"{COMMANDS}:cmd_datasets", "what the wallet holds")
    export = add("export", f"{COMMANDS}:cmd_export", "export a dataset")
    export.add_argument("dataset", metavar="DATASET", choices=queries.DATASETS)
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument("--from", dest="from_", metavar="DATE")
    export.add_argument("--to", metavar="DATE")
    export.add_argument("-o", "--output", metavar="FILE")
    ser = add(
        "series", f"{COMMANDS}:cmd_series", "the aggregate the charts draw: one row per bucket"
    )
    ser.add_argument("dataset", metavar="DATASET", choices=queries.DATASETS)
    ser.add_argument("--granularity", choices=GRANULARITIES, default="day")
    ser.add_argument("--from", dest="from_", metavar="DATE")
    ser.add_argument("--to", metavar="DATE")
    add(
        "check",
        f"{COMMANDS}:cmd_check",
        "check the database's encryption and structure (integrity)",
    )
    add("passphrase", f"{COMMANDS}:cmd_passphrase", "change the passphrase")
    add(
        "recover",
        f"{COMMANDS}:cmd_recover",
        "unlock with the recovery code and set a new passphrase",
    )
    remember = add(
        "remember", f"{COMMANDS}:cmd_remember", "remember the wallet on this computer (or --off)"
    )
    remember.add_argument("--off", action="store_true", help="forget this computer")
    bak = add("backup", f"{COMMANDS}:cmd_backup", "write an encrypted backup to FILE")
    bak.add_argument("file", metavar="FILE")
    res = add("restore", f"{COMMANDS}:cmd_restore", "restore the wallet from an encrypted backup")
    res.add_argument("file", metavar="FILE")
    res.add_argument("--recovery", action="store_true", help="unlock the backup with the code")
    for register in _extensions():
        register(sub, add)
    return parser


def _extensions() -> list[Callable[..., None]]:
    """Command groups that live beside their core modules (sharing, help desk, mappings)."""
    found: list[Callable[..., None]] = []
    for module in (
        "wallet.sharing.cli",
        "wallet.helpdesk.cli",
        "wallet.mapping_cli",
        "wallet.rights.cli",
    ):
        try:
            found.append(__import__(module, fromlist=["register"]).register)
        except ModuleNotFoundError as exc:
            if exc.name is None or not module.startswith(exc.name):
                raise
    return found


def resolve(handler: HandlerRef) -> Handler:
    """The function a command runs, importing its module now if it was given by name."""
    if callable(handler):
        return handler
    module, _, name = handler.partition(":")
    return cast(Handler, getattr(importlib.import_module(module), name))


def main(
    argv: Sequence[str] | None = None, *, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    logs.setup_logging()
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = Context(args, stdin or sys.stdin, stdout or sys.stdout)
    log = logs.get_logger("cli")
    log.info("The command '%s' started.", args.command)
    try:
        code = int(resolve(args.handler)(ctx, args))
    except WrongSecretError as exc:
        ctx.say(f"Error: {exc}")
        code = 2
    except WalletError as exc:
        if ctx.json:
            ctx.emit({"error": str(exc), "kind": type(exc).__name__}, "")
        ctx.say(f"Error: {exc}")
        log.warning("The command '%s' was refused (%s).", args.command, type(exc).__name__)
        return exc.exit_code
    except KeyboardInterrupt:
        ctx.say("Stopped.")
        code = 2
    except Exception as exc:
        # A traceback's message can quote what it failed on (a value, a file name): only the
        # kind of error reaches the screen and the log, unless a developer asks for more.
        if os.environ.get(DEBUG_ENV):
            raise
        kind = type(exc).__name__
        what = "A file could not be read or written" if isinstance(exc, OSError) else None
        what = what or "Something went wrong inside the program"
        if ctx.json:
            ctx.emit({"error": what, "kind": kind}, "")
        ctx.say(
            f"Error: {what} ({kind}). Nothing more was done. Check the file names and folders "
            "you gave; if it happens again, send 'selfdata support-report' to the help desk."
        )
        log.error("The command '%s' stopped on an unexpected %s.", args.command, kind)
        return 2
    log.info("The command '%s' finished with exit code %d.", args.command, code)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
