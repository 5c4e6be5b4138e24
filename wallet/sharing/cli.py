"""``selfdata services | share | shares | rotate-key | revoke | verify``: sharing, by command.

Registered by ``wallet.cli`` through ``register(sub, add)``. Only the options are here, so that
registering them loads nothing heavy; what the commands do is in ``wallet.sharing.commands``,
imported when one of them runs.
"""

from __future__ import annotations

from typing import Any

from wallet.sharing import tables
from wallet.sharing.receipt_formats import FORMATS as RECEIPT_FORMATS

COMMANDS = "wallet.sharing.commands"


def register(sub: Any, add: Any) -> None:
    services = add(
        "services", f"{COMMANDS}:cmd_services", "the services you can share with (or: add FILE)"
    )
    services.add_argument("action", nargs="?", choices=("add",), help="add a descriptor")
    services.add_argument("file", nargs="?", metavar="FILE")
    share = add("share", f"{COMMANDS}:cmd_share", "share a slice of your data with a service")
    share.add_argument("service", metavar="SERVICE", help="a service id or a descriptor file")
    share.add_argument("--dataset", action="append", required=True, choices=tables.DATASETS)
    share.add_argument("--from", dest="from_", metavar="DATE")
    share.add_argument("--to", metavar="DATE")
    share.add_argument("--granularity", choices=tables.GRANULARITIES)
    share.add_argument("--fields", metavar="F,...")
    share.add_argument("--pseudonymise", action="store_true", help="replace identifiers")
    share.add_argument("--to-file", metavar="PATH", help="save the signed package instead")
    share.add_argument("--yes", action="store_true", help="share without asking")
    shares = add("shares", f"{COMMANDS}:cmd_shares", "what was shared, with whom, when; the ledger")
    shares.add_argument("--receipt", metavar="SHARE_ID", help="the receipt of a share's consent")
    shares.add_argument("--format", choices=RECEIPT_FORMATS, default="record")
    shares.add_argument("-o", "--output", metavar="FILE", help="write the receipt to FILE")
    rotate = add(
        "rotate-key",
        f"{COMMANDS}:cmd_rotate_key",
        "make a new signing key for shares; what the old one signed stays checkable",
    )
    rotate.add_argument(
        "--service",
        metavar="SERVICE",
        help="the key of one service's shares (default: the ledger's)",
    )
    revoke = add("revoke", f"{COMMANDS}:cmd_revoke", "withdraw the consent behind a share")
    revoke.add_argument("share_id", metavar="SHARE_ID")
    revoke.add_argument("--yes", action="store_true", help="withdraw without asking")
    verify = add("verify", f"{COMMANDS}:cmd_verify", "check a share package as a service would")
    verify.add_argument("package", metavar="PACKAGE")
    verify.add_argument("--audience", metavar="ORIGIN", help="the service's own origin")
    verify.add_argument(
        "--descriptor",
        metavar="FILE",
        help="the service's descriptor: refuse a slice it did not ask for",
    )
    verify.add_argument(
        "--key",
        action="append",
        metavar="KID",
        help="accept only this signing key (repeatable); pins the key seen first",
    )
    verify.add_argument(
        "--known-keys", metavar="FILE", help="accept only the key ids listed in FILE, one a line"
    )
