"""``selfdata``: the command line that drives the whole core, for scripts and help-desk staff.

Exit codes: 0 done, 1 done in part (some rows rejected), 2 refused (bad input, wrong
passphrase, locked, not found), 141 when the program reading the output closed it (``| head``),
quietly, as Unix tools do. ``--json`` prints machine-readable output on stdout.

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
from wallet import build_info, logs, mapping_cli, parse_ahead, queries, safetext
from wallet.errors import InvalidInput, WalletError, WrongSecretError
from wallet.helpdesk import cli as helpdesk_cli
from wallet.helpdesk.cli import SelfTestAction
from wallet.paths import resolve_wallet_dir
from wallet.rights import cli as rights_cli
from wallet.sharing import cli as sharing_cli
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
        """None tunes Argon2id to this machine; the minimum profile is for tests run from source."""
        from wallet.keyslots import kdf_for_new_secrets

        return kdf_for_new_secrets()

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
            dumped = safetext.for_json(json.dumps(data, indent=2, ensure_ascii=False, default=str))
            # In pieces: one very large write to a pipe whose reader has gone can end without
            # the BrokenPipeError that stops the command quietly.
            for start in range(0, len(dumped), 1 << 16):
                self.stdout.write(dumped[start : start + (1 << 16)])
            self.stdout.write("\n")
        else:
            self.stdout.write(safetext.for_terminal(text.rstrip("\n")) + "\n")

    def say(self, text: str) -> None:
        """Progress and notes go to stderr, so stdout stays clean for pipes and --json."""
        sys.stderr.write(safetext.for_terminal(text.rstrip("\n")) + "\n")


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


def _confirm_identifier_on_terminal(ctx: Context, assume_yes: bool) -> Callable[[str, str], bool]:
    def confirm(dataset: str, identifier: str) -> bool:
        if assume_yes:
            return True
        ctx.say(
            "This file's number was turned into scientific notation by a spreadsheet program "
            f"that saved it. It can only be {identifier}, already in your wallet ({dataset})."
        )
        if not sys.stdin.isatty() or ctx.passphrase_stdin:
            ctx.say("Not confirmed (no terminal). Run again with --yes to import it there.")
            return False
        return input("Import it there? [y/N] ").strip().lower() in ("y", "yes", "o", "oui")

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
        for number, name in enumerate(args.files):
            path = Path(name)
            try:
                reading = None
                if ahead is not None and number == 0:
                    reading = ahead.reading(args.source, wallet.saved_importers())
                result = wallet.import_file(
                    path,
                    source=args.source,
                    strict=args.strict,
                    confirm=_confirm_on_terminal(ctx, args.yes),
                    account=args.account,
                    reading=reading,
                    confirm_identifier=_confirm_identifier_on_terminal(ctx, args.yes),
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
    from wallet.import_summary import counts_text

    text = (
        f"{result.file_name}: {result.importer_label} - "
        f"{counts_text(result, result.rejected_count)} (batch {result.batch_id})"
    )
    for note in result.notes:
        text += f"\n  {note}"
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
    add(
        "rotate-data-key",
        f"{COMMANDS}:cmd_rotate_data_key",
        "if your passphrase or recovery code may be known: new data key, passphrase and code",
    )
    bak = add("backup", f"{COMMANDS}:cmd_backup", "write an encrypted backup to FILE")
    bak.add_argument("file", metavar="FILE")
    res = add("restore", f"{COMMANDS}:cmd_restore", "restore the wallet from an encrypted backup")
    res.add_argument("file", metavar="FILE")
    res.add_argument("--recovery", action="store_true", help="unlock the backup with the code")
    # Command groups that live beside their core modules (sharing, help desk, mappings).
    for register in (
        sharing_cli.register,
        helpdesk_cli.register,
        mapping_cli.register,
        rights_cli.register,
    ):
        register(sub, add)
    return parser


def resolve(handler: HandlerRef) -> Handler:
    """The function a command runs, importing its module now if it was given by name."""
    if callable(handler):
        return handler
    module, _, name = handler.partition(":")
    return cast(Handler, getattr(importlib.import_module(module), name))


PIPE_CLOSED = 128 + 13  # what a shell reports for a Unix tool ended by SIGPIPE


def main(
    argv: Sequence[str] | None = None, *, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    out = stdout or sys.stdout
    try:
        return _run(argv, stdin or sys.stdin, out)
    except BrokenPipeError:
        # The reader of our output went away (``selfdata export … | head``): stop quietly, as
        # Unix tools do. What is still buffered goes nowhere, so the exit flush cannot fail.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
        return PIPE_CLOSED


def _run(argv: Sequence[str] | None, stdin: TextIO, stdout: TextIO) -> int:
    logs.setup_logging()
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = Context(args, stdin, stdout)
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
    except BrokenPipeError:
        log.info(
            "The command '%s' stopped: the program reading its output closed it.", args.command
        )
        raise
    except Exception as exc:
        from wallet import damage

        if damage.is_damage(exc):
            damaged = damage.wallet_damaged(ctx.root, [str(exc)])
            if ctx.json:
                ctx.emit({"error": str(damaged), "kind": "VaultDamaged"}, "")
            ctx.say(f"Error: {damaged}")
            log.error("The command '%s' met a damaged wallet database.", args.command)
            return damaged.exit_code
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
