"""A share travels to a real HTTPS service on 127.0.0.1, or fails closed and says why."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import trustme

from tests.sharing_support import (
    METER_A,
    Answer,
    HttpsService,
    closed_port,
    descriptor,
    fill_wallet,
)
from wallet.settings import Settings
from wallet.sharing import package
from wallet.sharing.delivery import Transport
from wallet.sharing.descriptor import Descriptor
from wallet.sharing.errors import ConsentWithdrawn, NotConfirmed
from wallet.sharing.shares import Sharing
from wallet.sharing.slices import Slice, SlicePart
from wallet.vault import Wallet

NOW = datetime(2024, 5, 15, 9, 30, tzinfo=UTC)
MONTHLY = ("period_start", "period_end", "energy_kwh")


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def service(ca: trustme.CA) -> Iterator[HttpsService]:
    server = HttpsService(ca)
    yield server
    server.close()


@pytest.fixture
def settings(ca: trustme.CA, tmp_path: Path) -> Settings:
    bundle = tmp_path / "city-ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    found = Settings(tmp_path / "settings.json")
    found.set("ca_bundle", str(bundle))
    return found


@pytest.fixture
def filled(wallet: Wallet, tmp_path: Path) -> Wallet:
    fill_wallet(wallet, tmp_path)
    return wallet


def make_sharing(wallet: Wallet, settings: Settings, **transport: object) -> Sharing:
    options: dict[str, object] = {"sleep": lambda _s: None, **transport}
    return Sharing(
        wallet,
        settings=settings,
        clock=lambda: NOW,
        transport=Transport(ca_bundle=str(settings.get("ca_bundle")), **options),  # type: ignore[arg-type]
    )


def add(sharing: Sharing, origin: str, **changes: object) -> Descriptor:
    return sharing.add_service(json.dumps(descriptor(origin, **changes))).descriptor


def monthly(first: date = date(2024, 1, 1), last: date = date(2024, 3, 31)) -> Slice:
    return Slice((SlicePart("electricity", "month", MONTHLY, first, last),))


def test_a_share_arrives_with_exactly_the_previewed_rows(
    filled: Wallet, settings: Settings, service: HttpsService
) -> None:
    sharing = make_sharing(filled, settings)
    service_descriptor = add(sharing, service.origin)
    preview = sharing.preview(service_descriptor, monthly())
    # Both meters: 10 kWh + 2000 Wh a day = 12 kWh a day.
    assert [row[2] for row in preview.tables[0].rows] == ["372", "348", "372"]
    assert preview.rows == 3

    view = sharing.share(preview, confirm=service_descriptor.service_id)

    assert view.state == "sent"
    assert len(service.recorder.received) == 1
    arrived = service.recorder.received[0]
    assert arrived.path == "/shares"
    assert arrived.headers["Content-Type"] == "application/zip"
    assert arrived.headers["Idempotency-Key"] == view.share_id
    checked = package.verify(arrived.body, audience=service.origin)
    rows = checked.rows("electricity-month.csv")
    assert [list(r.values()) for r in rows] == preview.tables[0].rows
    assert list(rows[0]) == list(MONTHLY)
    assert checked.manifest["share_id"] == view.share_id
    assert sharing.verify_ledger().ok


def test_nothing_leaves_without_naming_the_service(
    filled: Wallet, settings: Settings, service: HttpsService
) -> None:
    sharing = make_sharing(filled, settings)
    service_descriptor = add(sharing, service.origin)
    preview = sharing.preview(service_descriptor, monthly())
    with pytest.raises(NotConfirmed):
        sharing.share(preview, confirm="https://someone-else.example.org")
    assert service.recorder.received == []
    assert sharing.shares() == []


def test_pseudonyms_are_stable_per_service_and_differ_between_services(
    filled: Wallet, settings: Settings, ca: trustme.CA
) -> None:
    first, second = HttpsService(ca), HttpsService(ca)
    try:
        sharing = make_sharing(filled, settings)
        fields = ("period_start", "period_end", "meter_id", "energy_kwh")
        chosen = Slice(
            (SlicePart("electricity", "month", fields, date(2024, 1, 1), date(2024, 2, 29)),),
            pseudonymise=True,
        )
        seen: dict[str, set[str]] = {}
        for server in (first, first, second):
            service_descriptor = add(sharing, server.origin)
            preview = sharing.preview(service_descriptor, chosen)
            assert sharing.share(preview, confirm=server.origin).state == "sent"
            body = server.recorder.received[-1].body
            rows = package.verify(body).rows("electricity-month.csv")
            seen.setdefault(server.origin, set()).update(r["meter_id"] for r in rows)
            assert METER_A not in body.decode("latin-1")
        assert len(seen[first.origin]) == 2  # two meters, same two pseudonyms both times
        assert len(seen[second.origin]) == 2
        assert not seen[first.origin] & seen[second.origin]
    finally:
        first.close()
        second.close()


def test_server_down_fails_and_says_what_to_do(filled: Wallet, settings: Settings) -> None:
    sharing = make_sharing(filled, settings)
    origin = f"https://127.0.0.1:{closed_port()}"
    service_descriptor = add(sharing, origin)
    view = sharing.share(sharing.preview(service_descriptor, monthly()), confirm=origin)
    assert view.state == "failed"
    assert "could not be reached" in view.reason
    assert [h["event"] for h in view.history] == ["share_prepared", "share_failed"]


def test_a_500_then_a_200_makes_one_share(
    filled: Wallet, settings: Settings, service: HttpsService
) -> None:
    sharing = make_sharing(filled, settings)
    service_descriptor = add(sharing, service.origin)
    service.recorder.script = [Answer(500)]
    view = sharing.share(sharing.preview(service_descriptor, monthly()), confirm=service.origin)
    assert view.state == "sent"
    keys = [r.headers["Idempotency-Key"] for r in service.recorder.received]
    assert keys == [view.share_id, view.share_id]
    assert service.recorder.received[0].body == service.recorder.received[1].body
    assert len(service.recorder.shares) == 1


def test_a_failed_share_is_resent_with_the_same_key_and_bytes(
    filled: Wallet, settings: Settings, service: HttpsService
) -> None:
    sharing = make_sharing(filled, settings, attempts=1)
    service_descriptor = add(sharing, service.origin)
    service.recorder.script = [Answer(503)]
    view = sharing.share(sharing.preview(service_descriptor, monthly()), confirm=service.origin)
    assert view.state == "failed"
    again = sharing.resend(view.share_id)
    assert again.state == "sent"
    first, second = service.recorder.received
    assert first.body == second.body
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"]
    assert len(service.recorder.shares) == 1


def test_a_timeout_fails_the_share(
    filled: Wallet, settings: Settings, service: HttpsService
) -> None:
    sharing = make_sharing(filled, settings, attempts=2, timeout=(2.0, 0.3))
    service_descriptor = add(sharing, service.origin)
    service.recorder.script = [Answer(201, delay=1.0), Answer(201, delay=1.0)]
    view = sharing.share(sharing.preview(service_descriptor, monthly()), confirm=service.origin)
    assert view.state == "failed"
    assert "did not answer in time" in view.reason
    assert len(service.recorder.received) == 2  # bounded: retried once, then gave up


def test_a_bad_certificate_is_refused_and_the_ledger_says_failed(
    filled: Wallet, settings: Settings
) -> None:
    stranger = HttpsService(trustme.CA())  # a CA the wallet does not trust
    try:
        sharing = make_sharing(filled, settings)
        service_descriptor = add(sharing, stranger.origin)
        preview = sharing.preview(service_descriptor, monthly())
        view = sharing.share(preview, confirm=stranger.origin)
        assert view.state == "failed"
        assert "certificate" in view.reason
        assert stranger.recorder.received == []
        assert [h["event"] for h in view.history][-1] == "share_failed"
    finally:
        stranger.close()


def test_a_redirect_is_not_followed(
    filled: Wallet, settings: Settings, service: HttpsService, ca: trustme.CA
) -> None:
    elsewhere = HttpsService(ca)
    try:
        sharing = make_sharing(filled, settings)
        service_descriptor = add(sharing, service.origin)
        service.recorder.script = [Answer(302, location=f"{elsewhere.origin}/shares")]
        view = sharing.share(sharing.preview(service_descriptor, monthly()), confirm=service.origin)
        assert view.state == "failed"
        assert "redirect" in view.reason
        assert elsewhere.recorder.received == []
        assert len(service.recorder.received) == 1
        # It was posted: the message says so, and not that nothing was sent.
        assert "The package was sent to the service's address" in view.reason
        assert "Nothing was sent" not in view.reason
    finally:
        elsewhere.close()


def test_plain_http_to_loopback_is_refused_in_the_program() -> None:
    for url in ("http://127.0.0.1:9/shares", "http://localhost:9/shares"):
        outcome = Transport(sleep=lambda _s: None).post(url, b"x", "application/zip", "k")
        assert not outcome.ok
        assert "plain http" in outcome.reason


def test_plain_http_to_another_host_is_refused() -> None:
    outcome = Transport(sleep=lambda _s: None).post(
        "http://198.51.100.7/shares", b"x", "application/zip", "k"
    )
    assert not outcome.ok
    assert "plain http" in outcome.reason


@pytest.mark.usefixtures("plain_http_to_loopback")
def test_plain_http_to_loopback_is_allowed_for_tests(
    filled: Wallet, settings: Settings, ca: trustme.CA
) -> None:
    plain = HttpsService(ca, tls=False)
    try:
        sharing = make_sharing(filled, settings)
        service_descriptor = add(sharing, plain.origin)
        view = sharing.share(sharing.preview(service_descriptor, monthly()), confirm=plain.origin)
        assert view.state == "sent"
    finally:
        plain.close()


def test_revocation_reaches_the_server_and_blocks_further_sharing(
    filled: Wallet, settings: Settings, service: HttpsService
) -> None:
    sharing = make_sharing(filled, settings, attempts=1)
    service_descriptor = add(sharing, service.origin)
    service.recorder.script = [Answer(500)]
    view = sharing.share(sharing.preview(service_descriptor, monthly()), confirm=service.origin)
    assert view.state == "failed"

    service.recorder.script = [Answer(503)]  # the revocation endpoint fails first
    revoked = sharing.revoke(view.share_id)
    assert revoked.state == "revoked"
    assert revoked.revocation == "pending"
    with pytest.raises(ConsentWithdrawn):
        sharing.resend(view.share_id)

    assert sharing.retry_revocations() == 0  # not due yet: backing off
    assert sharing.retry_revocations(force=True) == 1
    revocations = [r for r in service.recorder.received if r.path == "/revocations"]
    assert len(revocations) == 2
    assert revocations[0].body == revocations[1].body
    token = revocations[-1].body.decode()
    record = json.loads(package.read_files(service.recorder.received[0].body)[package.RECEIPT])
    from wallet.sharing import jws

    message = jws.verify(token, jws.key_from_jwk(record["wallet_key"])).payload
    assert message["type"] == "selfdata.revocation"
    assert message["consent_record_id"] == record["record_id"]
    assert message["share_ids"] == [view.share_id]
    assert sharing.share_view(view.share_id).revocation == "acknowledged"
    assert sharing.verify_ledger().ok


def test_a_share_writes_no_plaintext_temp_file(
    filled: Wallet, settings: Settings, service: HttpsService
) -> None:
    import tempfile

    temp = Path(tempfile.gettempdir())
    before = set(temp.iterdir())
    sharing = make_sharing(filled, settings)
    service_descriptor = add(sharing, service.origin)
    sharing.share(sharing.preview(service_descriptor, monthly()), confirm=service.origin)
    assert set(temp.iterdir()) - before == set()
