"""HTTPS delivery with ``requests``: verified certificates, no redirects, bounded retries.

Every attempt of one delivery carries the same ``Idempotency-Key``, so a retry after a lost
reply never makes a second share on the service's side. Plain ``http://`` goes to loopback
only (tests); certificate checks are never switched off, but a city's own CA is honoured.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from wallet.sharing.urls import transport_problem

if TYPE_CHECKING:
    import requests

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 30.0
ATTEMPTS = 3
BACKOFF = 0.5  # seconds before the 2nd attempt; doubled each time
MAX_REPLY_BYTES = 64 * 1024

Sleep = Callable[[float], None]


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status: int | None = None
    reason: str = ""  # for a person: what happened and what to do
    reply: bytes = b""
    attempts: int = 0
    retryable: bool = False

    @property
    def reply_sha256(self) -> str:
        return hashlib.sha256(self.reply).hexdigest()


@dataclass
class Transport:
    """How the wallet talks to services; one per sharing session."""

    ca_bundle: str = ""
    timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT)
    attempts: int = ATTEMPTS
    backoff: float = BACKOFF
    sleep: Sleep = time.sleep
    use_env_proxies: bool = False
    headers: dict[str, str] = field(default_factory=dict)

    def verify(self) -> str | bool:
        """The CA file to trust: the setting, else REQUESTS_CA_BUNDLE, else the system's."""
        return self.ca_bundle or os.environ.get("REQUESTS_CA_BUNDLE", "") or True

    def post(self, url: str, body: bytes, content_type: str, idempotency_key: str) -> Outcome:
        problem = transport_problem(url)
        if problem:
            return Outcome(False, reason=f"Not sent: {problem}.")
        headers = {
            "Content-Type": content_type,
            "Idempotency-Key": idempotency_key,
            "User-Agent": "selfdata-wallet",
            **self.headers,
        }
        last = Outcome(False, reason="Not sent.")
        for attempt in range(1, max(1, self.attempts) + 1):
            if attempt > 1:
                self.sleep(self.backoff * 2 ** (attempt - 2))
            last = self._once(url, body, headers, attempt)
            if last.ok or not last.retryable:
                return last
        return last

    def _once(self, url: str, body: bytes, headers: dict[str, str], attempt: int) -> Outcome:
        import requests  # slow to load; only a delivery needs it

        with requests.Session() as session:
            # No cookies, no .netrc, no environment proxies unless the person enabled them.
            session.trust_env = self.use_env_proxies
            try:
                response = session.post(
                    url,
                    data=body,
                    headers=headers,
                    timeout=self.timeout,
                    allow_redirects=False,
                    verify=self.verify(),
                    stream=True,
                )
            except requests.exceptions.SSLError:
                return Outcome(
                    False,
                    reason="The service's certificate could not be verified, so nothing was "
                    "sent. Check the address, or ask the service or your city's help desk.",
                    attempts=attempt,
                )
            except requests.exceptions.Timeout:
                return Outcome(
                    False,
                    reason="The service did not answer in time. Try again later; the same "
                    "share is resent without making a copy.",
                    attempts=attempt,
                    retryable=True,
                )
            except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError):
                return Outcome(
                    False,
                    reason="The service could not be reached. Check your connection and try "
                    "again later.",
                    attempts=attempt,
                    retryable=True,
                )
            except requests.exceptions.RequestException:
                return Outcome(False, reason="The request could not be made.", attempts=attempt)
            with response:
                reply = _read_capped(response)
                return _judge(response.status_code, reply, attempt)


def _read_capped(response: requests.Response) -> bytes:
    import requests

    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_content(8192):
            chunks.append(chunk)
            size += len(chunk)
            if size >= MAX_REPLY_BYTES:
                break
    except requests.exceptions.RequestException:
        pass
    return b"".join(chunks)[:MAX_REPLY_BYTES]


def _judge(status: int, reply: bytes, attempt: int) -> Outcome:
    if 200 <= status < 300:
        return Outcome(True, status, "", reply, attempt)
    if 300 <= status < 400:
        return Outcome(
            False,
            status,
            "The package was sent to the service's address, which answered with a redirect "
            "to another address; the wallet did not follow it, so the service may not have "
            "kept the package. Ask the service for its current descriptor.",
            reply,
            attempt,
        )
    if status >= 500:
        return Outcome(
            False,
            status,
            f"The service had a problem (HTTP {status}). Try again later; the same share is "
            "resent without making a copy.",
            reply,
            attempt,
            retryable=True,
        )
    return Outcome(
        False,
        status,
        f"The service refused the share (HTTP {status}). Contact the service.",
        reply,
        attempt,
    )


def parse_reply(reply: bytes) -> dict[str, Any]:
    """The service's JSON reply, or an empty dict when it sent none."""
    import json

    try:
        data = json.loads(reply) if reply else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
