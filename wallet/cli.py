"""``selfdata``: the command line that drives the whole core, for scripts and help-desk staff.

Exit codes: 0 done, 1 done in part (some rows rejected), 2 refused (bad input, wrong
passphrase, locked, not found). ``--json`` prints machine-readable output on stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from importers.base import Record, Rejected
from wallet import backup, batches, build_info, keyring_slot, logs, parse_ahead, queries, series
from wallet.errors import InvalidInput, WalletError, WrongSecretError
from wallet.helpdesk.cli import SelfTestAction
from wallet.importing import ImportResult, import_file
from wallet.keyslots import FAST_KDF, KdfParams
from wallet.paths import resolve_wallet_dir
from wallet.timebuckets import GRANULARITIES, parse_day
from wallet.vault import Wallet

Handler = Callable[["Context", argparse.Namespace], int]
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
        # None tunes Argon2id to this machine; the minimum profile is for tests and benchmarks.
        self.kdf: KdfParams | None = FAST_KDF if os.environ.get(KDF_ENV) == "minimum" else None

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


# --- commands ---------------------------------------------------------------------------
def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    passphrase = ctx.new_secret("Choose a passphrase: ")
    created = Wallet.create(
        ctx.root, passphrase, kdf=ctx.kdf, remember=args.remember, timezone=args.timezone
    )
    created.wallet.lock()
    data = {
        "wallet": str(ctx.root),
        "recovery_code": created.recovery_code,
        "remembered": args.remember and not created.keyring_note,
        "keyring_note": created.keyring_note,
    }
    text = (
        f"Wallet created in {ctx.root}\n\n"
        f"Your recovery code (write it down now; it is shown only this once):\n\n"
        f"    {created.recovery_code}\n\n"
        "With it you can open the wallet if you forget the passphrase. Nobody else can.\n"
    )
    if created.keyring_note:
        text += f"\nNote: {created.keyring_note}\n"
    ctx.emit(data, text)
    return 0


def cmd_status(ctx: Context, args: argparse.Namespace) -> int:
    keyring_state = keyring_slot.status()
    with ctx.open() as wallet:
        rows = queries.counts(wallet.conn)
        data = {
            "wallet": str(ctx.root),
            "schema_version": wallet.schema_version(),
            "timezone": wallet.timezone,
            "rows": rows,
            "remembered_on_this_computer": wallet.remembered,
            "keyring": {
                "state": keyring_state.state.value,
                "backend": keyring_state.backend,
                "note": keyring_state.reason,
            },
        }
    lines = [
        f"Wallet: {ctx.root}",
        f"Schema version: {data['schema_version']}",
        f"Time zone: {data['timezone']}",
        "Rows: " + ", ".join(f"{k} {v}" for k, v in rows.items()),
        f"Keyring: {keyring_state.state.value} ({keyring_state.backend})"
        + (" - remembered on this computer" if data["remembered_on_this_computer"] else ""),
    ]
    if keyring_state.reason:
        lines.append(keyring_state.reason)
    ctx.emit(data, "\n".join(lines))
    return 0


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


def cmd_imports(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open() as wallet:
        found = batches.list_batches(wallet.conn)
    text = (
        "\n".join(
            f"{b.id:>4}  {b.imported_at}  {b.importer:<20} {b.file_name}  added {b.added}, "
            f"present {b.present}, rejected {b.rejected}, rows now {b.rows_now}"
            for b in found
        )
        or "No imports yet."
    )
    ctx.emit([b.as_json() for b in found], text)
    return 0


def cmd_undo(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open() as wallet:
        removed = batches.undo(wallet.conn, args.batch)
    ctx.emit(
        {"batch": args.batch, "removed": removed},
        f"Import batch {args.batch} undone: {removed} rows removed.",
    )
    return 0


def cmd_datasets(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open() as wallet:
        found = queries.datasets(wallet.conn, ZoneInfo(wallet.timezone))
    text = (
        "\n".join(
            f"{d.dataset:<12} {d.entity:<24} {d.first} .. {d.last}  {d.rows} rows" for d in found
        )
        or "The wallet holds no data yet. Import an export with 'selfdata import FILE'."
    )
    ctx.emit([d.as_json() for d in found], text)
    return 0


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return parse_day(text)
    except ValueError:
        raise InvalidInput(f"'{text}' is not a date; write it as YYYY-MM-DD.") from None


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    dataset = queries.check_dataset(args.dataset)
    first, last = _day(args.from_), _day(args.to)
    with ctx.open() as wallet:
        tz = ZoneInfo(wallet.timezone)
        rows = queries.export_rows(wallet.conn, dataset, first, last, tz)
        header = queries.export_header(dataset)
        write = queries.write_csv if args.format == "csv" else queries.write_json
        if args.output:
            out_path = Path(args.output)
            with open(out_path, "w", encoding="utf-8", newline="") as out:
                count = write(out, header, rows)
            ctx.say(f"{count} rows written to {out_path}")
        else:
            write(ctx.stdout, header, rows)
    return 0


def cmd_series(ctx: Context, args: argparse.Namespace) -> int:
    dataset = queries.check_dataset(args.dataset)
    with ctx.open() as wallet:
        tz = ZoneInfo(wallet.timezone)
        first, last = _day(args.from_), _day(args.to)
        if first is None or last is None:
            span = _span(wallet, dataset, tz)
            first, last = first or span[0], last or span[1]
        buckets = series.series(wallet.conn, dataset, args.granularity, first, last, tz)
    rows = [b.as_json(tz) for b in buckets]
    if ctx.json:
        ctx.emit(rows, "")
        return 0
    header = ["start", "end", "value", "unit"]
    extra = sorted({k for row in rows for k in row} - set(header))
    queries.write_csv(
        ctx.stdout, header + extra, iter([[row.get(k, "") for k in header + extra] for row in rows])
    )
    return 0


def _span(wallet: Wallet, dataset: str, tz: ZoneInfo) -> tuple[date, date]:
    found = [d for d in queries.datasets(wallet.conn, tz) if d.dataset == dataset]
    if not found:
        today = date.today()
        return today, today
    first = min(str(d.first) for d in found)[:10]
    last = max(str(d.last) for d in found)[:10]
    return date.fromisoformat(first), date.fromisoformat(last)


def cmd_passphrase(ctx: Context, args: argparse.Namespace) -> int:
    current = ctx.secret("Current passphrase: ")
    with Wallet.unlock(ctx.root, current) as wallet:
        wallet.change_passphrase(ctx.new_secret("New passphrase: "), kdf=ctx.kdf)
    ctx.emit({"changed": True}, "Passphrase changed. The old one no longer opens the wallet.")
    return 0


def cmd_recover(ctx: Context, args: argparse.Namespace) -> int:
    code = ctx.secret("Recovery code: ")
    with Wallet.unlock_with_recovery(ctx.root, code) as wallet:
        wallet.change_passphrase(ctx.new_secret("New passphrase: "), kdf=ctx.kdf)
    ctx.emit(
        {"changed": True},
        "Wallet opened with the recovery code and a new passphrase set. "
        "Your recovery code stays the same.",
    )
    return 0


def cmd_check(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open() as wallet:
        problems = wallet.integrity_problems()
    if problems:
        ctx.emit(
            {"ok": False, "problems": problems},
            "The wallet database is damaged: restore it from a backup ('selfdata restore FILE').",
        )
        return 2
    ctx.emit({"ok": True, "problems": []}, "The wallet database is healthy.")
    return 0


def cmd_remember(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open() as wallet:
        if args.off:
            wallet.forget_this_computer()
            ctx.emit({"remembered": False}, "This computer no longer remembers the wallet.")
        else:
            backend = wallet.remember_on_this_computer()
            ctx.emit(
                {"remembered": True, "backend": backend},
                f"This computer now remembers the wallet (in {backend}).",
            )
    return 0


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open() as wallet:
        info = backup.backup(wallet, Path(args.file))
    ctx.emit(
        {"file": str(info.path), "created": info.created, "rows": info.rows},
        f"Encrypted backup written to {info.path}. It opens with your current passphrase "
        "or your recovery code.",
    )
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    prompt = "Recovery code: " if args.recovery else "Passphrase of the backup: "
    info = backup.restore(Path(args.file), ctx.root, ctx.secret(prompt), recovery=args.recovery)
    ctx.emit(
        {"restored": str(ctx.root), "rows": info.rows, "created": info.created},
        f"Wallet restored in {ctx.root} from the backup of {info.created}. "
        "The wallet it replaced is kept in its 'replaced-by-restore' folder.",
    )
    return 0


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

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.add_argument(
            "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
        )
        command.set_defaults(handler=handler)
        return command

    init = add("init", cmd_init, "create a wallet and print its recovery code once")
    init.add_argument(
        "--remember", action="store_true", help="remember the wallet on this computer (OS keyring)"
    )
    init.add_argument("--timezone", default="Europe/Paris", help="the wallet's time zone")
    add("status", cmd_status, "where the wallet is, schema version, counts, keyring state")
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
    add("imports", cmd_imports, "the import batches")
    undo = add("undo", cmd_undo, "undo an import batch as a whole")
    undo.add_argument("batch", type=int, metavar="BATCH")
    add("datasets", cmd_datasets, "what the wallet holds")
    export = add("export", cmd_export, "export a dataset")
    export.add_argument("dataset", metavar="DATASET", choices=queries.DATASETS)
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument("--from", dest="from_", metavar="DATE")
    export.add_argument("--to", metavar="DATE")
    export.add_argument("-o", "--output", metavar="FILE")
    ser = add("series", cmd_series, "the aggregate the charts draw: one row per bucket")
    ser.add_argument("dataset", metavar="DATASET", choices=queries.DATASETS)
    ser.add_argument("--granularity", choices=GRANULARITIES, default="day")
    ser.add_argument("--from", dest="from_", metavar="DATE")
    ser.add_argument("--to", metavar="DATE")
    add("check", cmd_check, "check the database's encryption and structure (integrity)")
    add("passphrase", cmd_passphrase, "change the passphrase")
    add("recover", cmd_recover, "unlock with the recovery code and set a new passphrase")
    remember = add("remember", cmd_remember, "remember the wallet on this computer (or --off)")
    remember.add_argument("--off", action="store_true", help="forget this computer")
    bak = add("backup", cmd_backup, "write an encrypted backup to FILE")
    bak.add_argument("file", metavar="FILE")
    res = add("restore", cmd_restore, "restore the wallet from an encrypted backup")
    res.add_argument("file", metavar="FILE")
    res.add_argument("--recovery", action="store_true", help="unlock the backup with the code")
    for register in _extensions():
        register(sub, add)
    return parser


def _extensions() -> list[Callable[..., None]]:
    """Command groups that live beside their core modules (sharing, help desk)."""
    found: list[Callable[..., None]] = []
    for module in ("wallet.sharing.cli", "wallet.helpdesk.cli", "wallet.mapping_cli"):
        try:
            found.append(__import__(module, fromlist=["register"]).register)
        except ModuleNotFoundError as exc:
            if exc.name is None or not module.startswith(exc.name):
                raise
    return found


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
        code = int(args.handler(ctx, args))
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
