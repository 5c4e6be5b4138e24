"""What ``selfdata services | share | shares | revoke | verify`` do when they run.

``wallet.sharing.cli`` registers them by name: this module and the libraries sharing needs
(jsonschema, rfc8785, cryptography's signatures) load only for a sharing command. Without
``--yes``, ``share`` shows the exact rows and asks, naming the service; nothing leaves before
that answer.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wallet.errors import InvalidInput
from wallet.files import atomic_write
from wallet.sharing import package, slices, tables
from wallet.sharing.descriptor import load as load_descriptor
from wallet.sharing.errors import VerificationError
from wallet.sharing.shares import Preview, Sharing
from wallet.sharing.states import ShareView
from wallet.timebuckets import day_option

if TYPE_CHECKING:
    from wallet.cli import Context

PREVIEW_LINES = 20
YES = ("y", "yes", "o", "oui")


def _ask(ctx: Context, question: str) -> bool:
    if not sys.stdin.isatty() or ctx.passphrase_stdin:
        ctx.say("Not confirmed (no terminal to ask). Run again with --yes to go ahead.")
        return False
    return input(f"{question} [y/N] ").strip().lower() in YES


def cmd_services(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open() as wallet:
        sharing = Sharing(wallet)
        if args.action == "add":
            if not args.file:
                raise InvalidInput("Name the descriptor file: selfdata services add FILE")
            added = sharing.add_service(Path(args.file))
            d = added.descriptor
            note = (
                " It replaces an earlier version: consents given before no longer apply."
                if added.changed
                else ""
            )
            ctx.emit(
                {
                    "service_id": d.service_id,
                    "descriptor_sha256": d.sha256,
                    "new": added.new,
                    "changed": added.changed,
                },
                f"Service added: {d.name()} ({d.service_id}).{note}",
            )
            return 0
        found = sharing.services()
    rows = [
        {
            "service_id": d.service_id,
            "name": d.name(),
            "controller": d.controller,
            "datasets": [r.dataset for r in d.requests],
            "delivery": "network" if d.share_url else "file",
            "descriptor_sha256": d.sha256,
        }
        for d in found
    ]
    text = (
        "\n".join(
            f"{r['service_id']}  {r['name']} ({r['controller']}): {', '.join(r['datasets'])}; "
            f"by {r['delivery']}"
            for r in rows
        )
        or "No services yet. Add one with 'selfdata services add FILE'."
    )
    ctx.emit(rows, text)
    return 0


def _slice(sharing: Sharing, args: argparse.Namespace, descriptor: Any) -> slices.Slice:
    today = sharing.today()
    wanted = list(args.fields.split(",")) if args.fields else None
    parts = []
    for dataset in args.dataset:
        if dataset not in tables.DATASETS:  # what can be shared: the datasets and rights
            raise InvalidInput(
                f"Unknown dataset '{dataset}'. Use one of {', '.join(tables.DATASETS)}."
            )
        request = descriptor.request_for(dataset)
        if request is None:
            raise InvalidInput(f"{descriptor.name()} does not ask for {dataset} data.")
        own = None
        if wanted is not None:
            known = tables.all_field_names(dataset)
            own = [f.strip() for f in wanted if f.strip() in known]
        parts.append(
            slices.for_request(
                request,
                today,
                granularity=args.granularity,
                fields=own,
                first=day_option(args.from_),
                last=day_option(args.to),
            )
        )
    return slices.Slice(tuple(parts), pseudonymise=bool(args.pseudonymise))


def _preview_text(preview: Preview) -> str:
    d = preview.descriptor
    lines = [f"To: {d.name()} ({d.controller}) - {d.service_id}"]
    for request in d.requests:
        if any(p.dataset == request.dataset for p in preview.slice.parts):
            for purpose in request.purposes:
                text = purpose.description.get("en") or next(iter(purpose.description.values()))
                lines.append(f"Why: {text} (kept {request.retention})")
    for table in preview.tables:
        part = table.part
        lines.append(
            f"\n{part.dataset}, {part.granularity}, {part.first} to {part.last}: "
            f"{len(table.rows)} rows"
        )
        lines.append(",".join(table.header))
        lines.extend(",".join(row) for row in table.rows[:PREVIEW_LINES])
        if len(table.rows) > PREVIEW_LINES:
            lines.append(f"... and {len(table.rows) - PREVIEW_LINES} more rows")
    lines.append(f"\nIn all: {preview.rows} rows, {preview.data_bytes} bytes of data.")
    lines.extend(f"Warning: {w}" for w in preview.warnings)
    return "\n".join(lines)


def cmd_share(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open() as wallet:
        sharing = Sharing(wallet)
        descriptor = sharing.service(args.service)
        to_file = Path(args.to_file) if args.to_file else None
        preview = sharing.preview(
            descriptor, _slice(sharing, args, descriptor), to_file=bool(to_file)
        )
        if not args.yes:
            ctx.say(_preview_text(preview))
            where = f"save to {to_file}" if to_file else "send"
            question = (
                f"{where.capitalize()} these {preview.rows} rows for "
                f"{descriptor.name()} ({descriptor.service_id})?"
            )
            if not _ask(ctx, question):
                ctx.emit({"shared": False, "preview": preview.as_json()}, "Nothing was shared.")
                return 2
        view = sharing.share(preview, confirm=descriptor.service_id, to_file=to_file)
    return _report(ctx, view)


def _report(ctx: Context, view: ShareView) -> int:
    if view.state == "failed":
        text = f"Share {view.share_id} to {view.service_name} failed: {view.reason}"
        text += "\nNothing was sent twice. The share is kept; try again later."
        ctx.emit(view.as_json(), text)
        return 1
    where = f" ({view.destination})" if view.state == "saved to file" else ""
    ctx.emit(
        view.as_json(),
        f"Share {view.share_id}: {view.state}{where} - {view.rows} rows for {view.service_name}.",
    )
    return 0


def cmd_shares(ctx: Context, args: argparse.Namespace) -> int:
    if args.receipt:
        return _receipt(ctx, args)
    with ctx.open() as wallet:
        sharing = Sharing(wallet)
        sharing.retry_revocations()
        found = sharing.shares()
        check = sharing.verify_ledger()
    lines = [
        f"{v.share_id}  {v.created}  {v.service_name:<24} {v.state:<14} {v.rows} rows"
        + (f"  ({v.reason})" if v.reason else "")
        + (f"  withdrawal: {v.revocation}" if v.revocation else "")
        for v in found
    ] or ["Nothing shared yet."]
    if not check.ok:
        lines.append(f"Warning: the share ledger does not verify at entry {check.bad_seq}.")
    ctx.emit(
        {"shares": [v.as_json() for v in found], "ledger_ok": check.ok, "bad_seq": check.bad_seq},
        "\n".join(lines),
    )
    return 0 if check.ok else 1


def _receipt(ctx: Context, args: argparse.Namespace) -> int:
    """One consent's receipt: the record, a Kantara view or a DPV JSON-LD receipt."""
    with ctx.open() as wallet:
        document = wallet.receipt(args.receipt, args.format)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if args.output:
        target = Path(args.output)
        try:
            atomic_write(target, text.encode("utf-8"))
        except OSError:
            raise InvalidInput(
                f"{target.name} could not be written; choose another folder."
            ) from None
        ctx.emit(
            {"file": str(target), "format": args.format},
            f"Receipt ({args.format}) written to {target}.",
        )
    else:
        ctx.stdout.write(text)
    return 0


def cmd_revoke(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open() as wallet:
        sharing = Sharing(wallet)
        view = sharing.share_view(args.share_id)
        if not args.yes and not _ask(
            ctx, f"Withdraw your consent for share {view.share_id} with {view.service_name}?"
        ):
            ctx.emit({"revoked": False}, "Nothing was changed.")
            return 2
        after = sharing.revoke(view.share_id)
    text = f"Consent withdrawn: nothing more is shared with {after.service_name} under it."
    if after.revocation == "acknowledged":
        text += " The service acknowledged the withdrawal."
    elif after.revocation == "pending":
        text += " The service could not be told yet; the wallet will try again."
    else:
        text += f" To tell the service: {after.withdrawal_method}"
    text += "\nData already sent cannot be pulled back; the signed withdrawal is your evidence."
    ctx.emit(after.as_json(), text)
    return 0


def cmd_rotate_key(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open() as wallet:
        old, new = Sharing(wallet).rotate_key(args.service)
    whose = f"shares with {args.service}" if args.service else "the ledger"
    ctx.emit(
        {"service": args.service, "old_kid": old, "new_kid": new},
        f"New signing key for {whose}: {new} (it replaces {old}). What the old key signed can "
        "still be checked; the change is recorded in the ledger.",
    )
    return 0


def cmd_verify(ctx: Context, args: argparse.Namespace) -> int:
    path = Path(args.package)
    try:
        payload = path.read_bytes()
    except OSError:
        raise InvalidInput(f"{path.name} cannot be read.") from None
    service = None
    if args.descriptor:
        service = load_descriptor(Path(args.descriptor))
    try:
        checked = package.verify(
            payload, audience=args.audience, descriptor=service, known_kids=_pinned_keys(args)
        )
    except VerificationError as exc:
        ctx.emit({"valid": False, "reason": str(exc)}, f"{path.name}: NOT valid. {exc}")
        return 2
    record = checked.record
    ctx.emit(
        {
            "valid": True,
            "share_id": checked.manifest["share_id"],
            "service_id": record["service_id"],
            "consent_record_id": record["record_id"],
            "kid": record["wallet_key"]["kid"],
            "key_pinned": args.key is not None or args.known_keys is not None,
            "descriptor_checked": service is not None,
            "resources": checked.manifest["resources"],
        },
        f"{path.name}: valid. Signed by key {record['wallet_key']['kid']} for "
        f"{record['service_id']}; consent {record['record_id']}; "
        f"{len(checked.manifest['resources'])} resource(s), hashes match."
        + (
            " The key is one you pinned."
            if args.key or args.known_keys
            else " The key was not pinned (trust on first use: give --key KID next time)."
        )
        + (
            " The slice is within the descriptor."
            if service is not None
            else " Not checked against a descriptor (give --descriptor FILE)."
        ),
    )
    return 0


def _pinned_keys(args: argparse.Namespace) -> set[str] | None:
    """The key ids given with --key and in the --known-keys file; None when neither."""
    if args.key is None and args.known_keys is None:
        return None
    kids = set(args.key or [])
    if args.known_keys:
        source = Path(args.known_keys)
        try:
            text = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raise InvalidInput(f"{source.name} cannot be read as a list of key ids.") from None
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                kids.add(line)
    return kids
