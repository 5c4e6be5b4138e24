"""The sharing façade the CLI and the UI use: prepare, confirm and send, revoke, list.

Nothing leaves without a confirmation that names the service. Every step is written to the
ledger before the network is touched (``handover``), so a crash or a failed delivery leaves
evidence and a retry sends the very same bytes with the same idempotency key. Withdrawals
and their queue are ``revocation``; each ledger write is a ``journal`` entry.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from wallet import db
from wallet.errors import InvalidInput, NotFound
from wallet.settings import Settings
from wallet.sharing import (
    consent,
    handover,
    keys,
    ledger,
    package,
    revocation,
    services,
    slices,
    states,
)
from wallet.sharing.delivery import Transport
from wallet.sharing.descriptor import DEFAULT_RETENTION_CAP, Descriptor, load
from wallet.sharing.durations import rfc3339
from wallet.sharing.errors import ConsentExpired, ConsentWithdrawn, NotConfirmed
from wallet.sharing.journal import Journal
from wallet.sharing.preview import Preview
from wallet.sharing.slices import Slice
from wallet.sharing.states import ShareView
from wallet.vault import Wallet

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class Sharing:
    def __init__(
        self,
        wallet: Wallet,
        *,
        settings: Settings | None = None,
        clock: Clock = utc_now,
        transport: Transport | None = None,
        language: str = "en",
    ) -> None:
        self.wallet = wallet
        self.settings = settings or Settings()
        self.clock = clock
        self.transport = transport or Transport(ca_bundle=str(self.settings.get("ca_bundle")))
        self.language = language
        self.journal = Journal(wallet, self._now)

    @property
    def conn(self) -> db.Connection:
        """This thread's reader, or the write connection inside ``self.wallet.store.write()``:
        every change below takes the store's write lock (``journal.transaction`` or ``write``)."""
        return self.wallet.store.connection()

    def _now(self) -> datetime:
        return self.clock().astimezone(UTC).replace(microsecond=0)

    @property
    def retention_cap(self) -> str:
        return str(self.settings.get("retention_cap") or DEFAULT_RETENTION_CAP)

    # --- services ---------------------------------------------------------------------
    def add_service(self, source: Path | bytes | str) -> services.Added:
        descriptor = load(source, retention_cap=self.retention_cap)
        with self.wallet.store.write() as conn:
            return services.add(conn, descriptor, rfc3339(self._now()))

    def services(self) -> list[Descriptor]:
        return services.all_services(self.conn)

    def service(self, ref: str) -> Descriptor:
        """A service by id, or from a descriptor file (added on the way)."""
        path = Path(ref)
        if not ref.startswith(("https://", "http://")) and path.suffix == ".json":
            return self.add_service(path).descriptor
        return services.get(self.conn, ref)

    # --- a share ----------------------------------------------------------------------
    def suggest(self, descriptor: Descriptor, datasets: list[str] | None = None) -> Slice:
        return slices.suggest(descriptor, self.today(), datasets)

    def today(self) -> date:
        return self._now().astimezone(ZoneInfo(self.wallet.timezone)).date()

    def preview(self, descriptor: Descriptor, chosen: Slice, *, to_file: bool = False) -> Preview:
        services.revalidate(descriptor, self.retention_cap)
        normal = slices.normalise(descriptor, chosen, self.today())
        tz = ZoneInfo(self.wallet.timezone)
        # A write: the pseudonym secret of an older wallet is made on first use.
        with self.wallet.store.write() as conn:
            pseudonyms = (
                keys.Pseudonyms(conn, descriptor.service_id, rfc3339(self._now()))
                if normal.pseudonymise
                else None
            )
            built = [slices.build_table(conn, tz, part, pseudonyms) for part in normal.parts]
        if not to_file and descriptor.share_url is None:
            raise InvalidInput(
                "This service takes no data over the network. Save the package to a file "
                "and hand it over as the service explains."
            )
        preview = Preview(
            descriptor,
            normal,
            built,
            slices.warnings(descriptor, normal, self.language),
            "file" if to_file else str(descriptor.share_url),
        )
        preview.data_bytes = sum(len(package.csv_bytes(t)) for t in built)
        return preview

    def share(self, preview: Preview, *, confirm: str, to_file: Path | None = None) -> ShareView:
        """Send (or save) the previewed rows. ``confirm`` must name the service."""
        descriptor = preview.descriptor
        if confirm not in (descriptor.service_id, descriptor.name(self.language)):
            raise NotConfirmed("Not confirmed for this service: nothing was shared.")
        if services.current_sha(self.conn, descriptor.service_id) != descriptor.sha256:
            raise ConsentExpired(
                "The service changed what it asks for since this preview. Look at the new "
                "request and preview again."
            )
        # The preview was checked against the descriptor; check again, as the day may have
        # moved the lookback window and a preview is a plain object a caller could build.
        slices.normalise(descriptor, preview.slice, self.today())
        if preview.rows == 0:
            raise InvalidInput("This slice holds no rows. Choose another period or dataset.")
        if (to_file is None) == (preview.destination == "file"):
            raise InvalidInput("Preview again for this destination (network or file).")
        now = self._now()
        stamp = rfc3339(now)
        with self.wallet.store.write() as conn:  # the first share with a service makes its key
            pairwise = keys.signing_key(conn, keys.pairwise_scope(descriptor.service_id), stamp)
            principal = keys.Pseudonyms(conn, descriptor.service_id, stamp).principal()
        record = consent.make_record(
            descriptor, preview.slice, principal, pairwise.jwk, now, self.language
        )
        share_id = str(uuid.uuid4())
        built = package.build(
            share_id, record, preview.tables, preview.slice.pseudonymise, pairwise, now
        )
        handover.record_prepared(
            self.journal, descriptor, record, share_id, built, preview, stamp, to_file
        )
        if to_file is not None:
            handover.save(self.journal, share_id, record, built.payload, to_file)
        else:
            handover.deliver(self.journal, self.transport, share_id, record, built.payload)
        return self.share_view(share_id)

    def resend(self, share_id: str) -> ShareView:
        """Deliver a failed share again: the same bytes, the same idempotency key."""
        view = self.share_view(share_id)
        record = self.usable_consent(view.consent_record_id)
        if view.state != states.FAILED:
            raise InvalidInput(f"This share is {view.state}; only a failed share is sent again.")
        row = self.conn.execute(
            "SELECT payload FROM share_payloads WHERE share_id = ?", (share_id,)
        ).fetchone()
        if row is None:
            raise InvalidInput("The bytes of this share were purged; prepare a new share.")
        handover.deliver(self.journal, self.transport, share_id, record, bytes(row[0]))
        return self.share_view(share_id)

    def usable_consent(self, record_id: str) -> dict[str, object]:
        """The consent record, or ConsentWithdrawn / ConsentExpired; marks expiry in the ledger."""
        state = states.consent_states(self.conn).get(record_id)
        if state is None:
            raise NotFound("No consent with that id in this wallet.")
        if state.withdrawn:
            raise ConsentWithdrawn(
                "You withdrew this consent: nothing more is shared under it. Give a new consent "
                "to share again."
            )
        why = states.lapsed(
            state, self._now(), services.current_sha(self.conn, state.record["service_id"])
        )
        if why:
            if not state.expired:
                self.journal.append("consent_expired", {"reason": why}, state.record)
            raise ConsentExpired(f"This consent can no longer be used: {why}. Consent again.")
        return state.record

    # --- the ledger, seen by the person -----------------------------------------------
    def shares(self) -> list[ShareView]:
        self.mark_expired()
        with self.wallet.store.read() as conn:  # one snapshot: the ledger and its states agree
            return states.share_views(conn, states.consent_states(conn))

    def share_view(self, share_id: str) -> ShareView:
        with self.wallet.store.read() as conn:
            views = states.share_views(conn, states.consent_states(conn))
        for view in views:
            if view.share_id == share_id:
                return view
        raise NotFound("No share with that id in this wallet. See 'selfdata shares'.")

    def mark_expired(self) -> int:
        now = self._now()
        marked = 0
        for state in states.consent_states(self.conn).values():
            if state.withdrawn or state.expired:
                continue
            sha = services.current_sha(self.conn, str(state.record["service_id"]))
            why = states.lapsed(state, now, sha)
            if why:
                self.journal.append("consent_expired", {"reason": why}, state.record)
                marked += 1
        return marked

    def verify_ledger(self) -> ledger.LedgerCheck:
        with self.wallet.store.read() as conn:
            return ledger.verify_ledger(conn)

    def purge_payloads(self) -> int:
        """Forget the exact bytes of past shares; the ledger keeps their hashes."""
        with self.wallet.store.write() as conn:
            return int(conn.execute("DELETE FROM share_payloads").rowcount)

    # --- revocation -------------------------------------------------------------------
    def revoke(self, share_id: str, *, erase: bool = True) -> ShareView:
        """Withdraw the consent behind a share: locally at once, then tell the service."""
        with self.wallet.store.write():  # read and withdrawn together: never withdrawn twice
            view = self.share_view(share_id)
            state = states.consent_states(self.conn)[view.consent_record_id]
            if not state.withdrawn:
                revocation.withdraw(self.journal, state, erase)
        self.retry_revocations(force=True, only=view.consent_record_id)
        return self.share_view(share_id)

    def retry_revocations(self, *, force: bool = False, only: str | None = None) -> int:
        """Send queued withdrawals whose time has come; returns how many were acknowledged."""
        return revocation.send_queued(self.journal, self.transport, force=force, only=only)

    def rotate_key(self, service_id: str | None = None) -> tuple[str, str]:
        """A new signing key for one service's shares (or for the ledger): (old kid, new kid).

        The retired key stays in the wallet, so what it signed can still be checked; the change
        and its ledger event are stored together or not at all.
        """
        if service_id is not None:
            services.get(self.conn, service_id)  # an unknown id is refused, nothing changed
        scope = keys.pairwise_scope(service_id) if service_id else keys.LEDGER_SCOPE
        with self.journal.transaction():
            old, new = keys.rotate(self.conn, scope, rfc3339(self._now()))
            self.journal.write(
                "key_rotated",
                {"scope": scope, "old_kid": old, "new_kid": new.kid},
                {"record_id": "", "service_id": service_id or ""},
            )
        return old, new.kid
