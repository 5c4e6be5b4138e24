"""Withdrawing a consent: a signed withdrawal is written to the ledger at once, then sent to
the service's revocation URL. One the service has not acknowledged stays queued in the ledger
and is sent again later, waiting a minute after the first failure and twice as long after each
next one, a day at most."""

from __future__ import annotations

import json
from datetime import timedelta

from wallet.sharing import consent, jws, keys
from wallet.sharing.delivery import Transport, parse_reply
from wallet.sharing.durations import rfc3339
from wallet.sharing.journal import Journal, failure
from wallet.sharing.states import ConsentState, consent_states

REVOCATION_TYPE = "selfdata-revocation+jws"
MAX_REVOCATION_WAIT = timedelta(days=1)


def withdraw(journal: Journal, state: ConsentState, erase: bool) -> None:
    """Sign the withdrawal of ``state``'s consent and queue it in the ledger."""
    record = state.record
    now = journal.now()
    stamp = rfc3339(now)
    with journal.transaction():  # a first key for this service is stored with the event
        key = keys.signing_key(journal.conn, keys.pairwise_scope(str(record["service_id"])), stamp)
        message = consent.withdrawal(record, state.share_ids, now, erase)
        token = jws.sign(message, key.private, REVOCATION_TYPE)
        journal.write(
            "consent_withdrawn",
            {
                "jws": token,
                "jti": message["jti"],
                "revocation_url": record.get("revocation_url"),
                "requested_actions": message["requested_actions"],
            },
            record,
        )


def send_queued(
    journal: Journal, transport: Transport, *, force: bool = False, only: str | None = None
) -> int:
    """Send queued withdrawals whose time has come; returns how many were acknowledged."""
    acknowledged = 0
    now = journal.now()
    for rid, state in consent_states(journal.conn).items():
        if state.revocation != "pending" or (only is not None and rid != only):
            continue
        if not force and state.next_attempt and rfc3339(now) < state.next_attempt:
            continue
        url = str(state.record.get("revocation_url"))
        jti = json.loads(jws.b64url_decode(state.revocation_jws.split(".")[1]))["jti"]
        outcome = transport.post(url, state.revocation_jws.encode(), "application/jose", jti)
        if outcome.ok:
            journal.append(
                "revocation_acknowledged",
                {
                    "status": outcome.status,
                    "reply_sha256": outcome.reply_sha256,
                    "reply": parse_reply(outcome.reply),
                },
                state.record,
            )
            acknowledged += 1
        else:
            wait = min(timedelta(minutes=1) * 2**state.revocation_failures, MAX_REVOCATION_WAIT)
            body = failure(outcome)
            body["next_attempt"] = rfc3339(now + wait)
            journal.append("revocation_failed", body, state.record)
    return acknowledged
