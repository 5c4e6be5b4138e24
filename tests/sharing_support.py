"""Real parts for the sharing tests: an HTTPS server on 127.0.0.1 (trustme), test data, a service.

The server is ``http.server`` wrapped in TLS, in a thread; it records what arrives and answers
from a script (status, delay, redirect), and stores each share once per Idempotency-Key.
"""

from __future__ import annotations

import json
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import trustme
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from wallet.sharing import consent, package, slices
from wallet.sharing.descriptor import Descriptor
from wallet.sharing.jws import public_jwk, thumbprint
from wallet.sharing.keys import SigningKey
from wallet.vault import Wallet

PARIS = ZoneInfo("Europe/Paris")
METER_A = "30001234567890"
METER_B = "30009876543210"
CARD = "CARD-0042"
ACCOUNT = "CAF-778899"


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Answer:
    status: int = 201
    delay: float = 0.0
    location: str = ""


@dataclass
class Recorder:
    received: list[Received] = field(default_factory=list)
    script: list[Answer] = field(default_factory=list)
    shares: dict[str, bytes] = field(default_factory=dict)  # by Idempotency-Key
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_answer(self) -> Answer:
        with self.lock:
            return self.script.pop(0) if self.script else Answer()


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        recorder = self.server.recorder
        with recorder.lock:
            recorder.received.append(Received(self.path, dict(self.headers.items()), body))
        answer = recorder.next_answer()
        if answer.delay:
            time.sleep(answer.delay)
        key = self.headers.get("Idempotency-Key", "")
        if 200 <= answer.status < 300:
            with recorder.lock:
                recorder.shares.setdefault(key, body)
        reply = json.dumps({"share_id": key, "received_at": "2025-04-02T10:00:00Z"}).encode()
        try:
            self.send_response(answer.status)
            if answer.location:
                self.send_header("Location", answer.location)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    recorder: Recorder


class HttpsService:
    """A service on https://127.0.0.1:PORT with a certificate from ``ca``."""

    def __init__(self, ca: trustme.CA, *, tls: bool = True) -> None:
        self.recorder = Recorder()
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.recorder = self.recorder
        if tls:
            cert = ca.issue_cert("127.0.0.1", "localhost")
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            cert.configure_cert(context)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.origin = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def descriptor(origin: str, **changes: Any) -> dict[str, Any]:
    """A service that asks for monthly (or daily) electricity and monthly trips."""
    data: dict[str, Any] = {
        "descriptor_version": "1.0",
        "service_id": origin,
        "name": {"en": "Test coach", "fr": "Coach de test"},
        "controller": {"name": "Test SAS", "email": "dpo@example.org", "country": "FR"},
        "policy_url": f"{origin}/privacy",
        "lawful_basis": "dpv:Consent",
        "requests": [
            {
                "request_id": "electricity",
                "dataset": "electricity",
                "fields": [
                    {"name": "period_start", "required": True},
                    {"name": "period_end", "required": True},
                    {"name": "energy_kwh", "required": True},
                    {"name": "meter_id", "required": False},
                ],
                "granularity": {"allowed": ["month", "day"], "default": "month"},
                "period": {"max_lookback": "P24M", "default_lookback": "P12M"},
                "purposes": [
                    {
                        "id": "coaching",
                        "dpv": "dpv:ServicePersonalisation",
                        "description": {"en": "Saving tips"},
                    }
                ],
                "processing": ["dpv:Analyse"],
                "retention": "P12M",
                "storage_locations": ["EU"],
                "recurrence": {"mode": "once"},
            },
            {
                "request_id": "trips",
                "dataset": "mobility",
                "fields": [
                    {"name": "period_start", "required": True},
                    {"name": "period_end", "required": True},
                    {"name": "trips", "required": True},
                    {"name": "fares"},
                    {"name": "card_id"},
                    {"name": "started_at"},
                    {"name": "mode"},
                    {"name": "currency"},
                ],
                "granularity": {"allowed": ["month", "week", "raw"]},
                "purposes": [{"id": "planning", "description": {"en": "Plan trips"}}],
                "retention": "P3M",
            },
        ],
        "endpoints": {"share": f"{origin}/shares", "revoke": f"{origin}/revocations"},
        "withdrawal_method": "Revoke in the wallet",
    }
    data.update(changes)
    return data


def no_lookback(data: dict[str, Any]) -> dict[str, Any]:
    """The descriptor with no limit on how far back: for tests that share the 2024 readings
    through the command line, which counts the lookback from the real today."""
    for request in data["requests"]:
        request.pop("period", None)
    return data


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _local(day: date) -> str:
    return datetime(day.year, day.month, day.day, tzinfo=PARIS).isoformat()


def fill_wallet(wallet: Wallet, folder: Path) -> None:
    """Jan-Apr 2024: meter A uses 10 kWh a day, meter B 2 kWh a day; 3 trips; 2 payments."""
    energy = ["dataset,meter,quantity,start,end,value,unit"]
    for day in _days(date(2024, 1, 1), date(2024, 4, 30)):
        nxt = day + timedelta(days=1)
        energy.append(f"electricity,{METER_A},consumption,{_local(day)},{_local(nxt)},10,kWh")
        energy.append(f"electricity,{METER_B},consumption,{_local(day)},{_local(nxt)},2000,Wh")
    trips = [
        "card,started_at,ended_at,mode,line,origin,destination,fare,currency",
        f"{CARD},2024-01-05T08:00:00+01:00,2024-01-05T08:20:00+01:00,bus,3,Gare,Port,1.50,EUR",
        f"{CARD},2024-01-20T18:00:00+01:00,,tram,T1,Port,Gare,1.50,EUR",
        f"{CARD},2024-02-02T09:00:00+01:00,2024-02-02T09:30:00+01:00,bus,7,Gare,Lycée,2.00,EUR",
    ]
    benefits = [
        "account,payer,benefit,paid_on,period_start,period_end,amount,currency",
        f"{ACCOUNT},CAF,APL,2024-01-05,2024-01-01,2024-01-31,245.30,EUR",
        f"{ACCOUNT},CAF,APL,2024-02-05,2024-02-01,2024-02-29,245.30,EUR",
    ]
    for name, lines in (("energy", energy), ("trips", trips), ("benefits", benefits)):
        path = folder / f"{name}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = wallet.import_file(path)
        assert result.rejected_count == 0, result.rejected


def forged_package(
    service: Descriptor,
    granularity: str,
    first: date,
    last: date,
    fields: tuple[str, ...],
    key: Ed25519PrivateKey | None = None,
) -> package.Built:
    """What a wallet that ignores the descriptor would sign: the real record and package code,
    driven past the wallet's checks (no database needed: the one row is made up)."""
    part = slices.SlicePart("electricity", granularity, fields, first, last)
    key = key or Ed25519PrivateKey.generate()
    signing = SigningKey(thumbprint(public_jwk(key.public_key())), key)
    now = datetime.now(UTC).replace(microsecond=0)
    principal = "urn:selfdata:pairwise:" + "3b9e" * 8
    record = consent.make_record(service, slices.Slice((part,)), principal, signing.jwk, now)
    row = ["2020-01-01T00:00:00+01:00"] + ["1"] * (len(fields) - 1)
    table = slices.Table(part, list(fields), [row])
    share_id = "8d1c2f0e-0000-4000-8000-000000000001"
    return package.build(share_id, record, [table], False, signing, now)
