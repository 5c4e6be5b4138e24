"""What the wallet's own commands of ``selfdata`` do when they run (all but ``import``).

``wallet.cli`` registers them by name and imports this module only when one of them runs.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from wallet import backup, keyring_slot, queries
from wallet.damage import wallet_damaged
from wallet.files import private_text_output
from wallet.import_summary import counts_text
from wallet.timebuckets import day_option
from wallet.vault import Wallet

if TYPE_CHECKING:
    from wallet.cli import Context


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
        rows = wallet.counts()
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


def cmd_imports(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open() as wallet:
        found = wallet.batches()
    text = (
        "\n".join(
            f"{b.id:>4}  {b.imported_at}  {b.importer:<20} {b.file_name}  {counts_text(b)}, "
            f"rows now {b.rows_now}"
            for b in found
        )
        or "No imports yet."
    )
    ctx.emit([b.as_json() for b in found], text)
    return 0


def cmd_undo(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open() as wallet:
        undone = wallet.undo_batch(args.batch)
    ctx.emit(undone.as_json(), undone.describe())
    return 0


def cmd_datasets(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open() as wallet:
        found = wallet.datasets()
    text = (
        "\n".join(
            f"{d.dataset:<12} {d.entity:<24} {d.first} .. {d.last}  {d.rows} rows" for d in found
        )
        or "The wallet holds no data yet. Import an export with 'selfdata import FILE'."
    )
    ctx.emit([d.as_json() for d in found], text)
    return 0


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    dataset = queries.check_dataset(args.dataset)
    first, last = day_option(args.from_), day_option(args.to)
    with ctx.open() as wallet:
        if args.output:
            out_path = Path(args.output)
            with private_text_output(out_path) as out:
                count = wallet.export(dataset, first, last, args.format, out)
            ctx.say(f"{count} rows written to {out_path}")
        else:
            wallet.export(dataset, first, last, args.format, ctx.stdout)
    return 0


def cmd_series(ctx: Context, args: argparse.Namespace) -> int:
    dataset = queries.check_dataset(args.dataset)
    with ctx.open() as wallet:
        tz = ZoneInfo(wallet.timezone)
        first, last = day_option(args.from_), day_option(args.to)
        if first is None or last is None:
            span = _span(wallet, dataset)
            first, last = first or span[0], last or span[1]
        buckets = wallet.series(dataset, args.granularity, first, last)
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


def _span(wallet: Wallet, dataset: str) -> tuple[date, date]:
    found = [d for d in wallet.datasets() if d.dataset == dataset]
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
    ctx.emit(
        {"changed": True},
        "Passphrase changed: from now on the wallet asks for the new one. This rewraps the key "
        "only: backups made before still open with the old passphrase, and so does the wallet "
        "for anyone who kept a copy of its vault.json (every backup holds one). If your "
        "passphrase or recovery code may be known to someone, run 'selfdata rotate-data-key'.",
    )
    return 0


def cmd_rotate_data_key(ctx: Context, args: argparse.Namespace) -> int:
    current = ctx.secret("Current passphrase: ")
    with Wallet.unlock(ctx.root, current) as wallet:
        was_remembered = wallet.remembered
        code = wallet.rotate_data_key(ctx.new_secret("New passphrase: "), kdf=ctx.kdf)
    text = (
        "The wallet now has a new data key: the database was re-encrypted with it, and your "
        "old passphrase, your old recovery code and any copy of the old vault.json no longer "
        "open it. Backups made before still open with the old passphrase: make a new backup "
        "and destroy the old ones.\n\n"
        f"Your NEW recovery code (shown once, write it down; the old one no longer works):\n\n"
        f"    {code}\n"
    )
    if was_remembered:
        text += "\nThis computer no longer remembers the wallet: 'selfdata remember' to set it."
    ctx.emit({"rotated": True, "recovery_code": code, "remembered": False}, text)
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
        damaged = wallet_damaged(ctx.root, problems)
        ctx.emit(
            {"ok": False, "problems": problems[:20], "message": str(damaged)},
            str(damaged) + "\nSQLite says:\n" + "\n".join(f"  {p}" for p in problems[:5]),
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
