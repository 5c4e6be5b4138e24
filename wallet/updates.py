"""Is there a newer build? Asked of the city's update feed at most once a day, when one is set.

The request carries nothing but the program's version (in the User-Agent): no identifier, no
cookie, no query. The feed is a small JSON document (see packaging/README.md):

    {"version": "0.2.0", "url": "https://…/selfdata-wallet-0.2.0-linux-x86_64.tar.gz",
     "sha256": "64 hex digits", "notes": "What changed, in one or two sentences."}

The program only says that a newer build exists and shows its SHA-256, so the person (or the
help desk) can check the download; it never downloads or installs anything itself.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from wallet import build_info
from wallet.logs import get_logger
from wallet.safetext import for_terminal
from wallet.settings import Settings
from wallet.sharing.urls import transport_problem

CHECK_EVERY = timedelta(days=1)
TIMEOUT = (5, 10)
MAX_FEED_BYTES = 64 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")
# Numbers, then at most a short suffix (1.2.3, 0.3.0rc1, 1.0.0-beta.2): nothing else.
_VERSION = re.compile(r"\d{1,6}(\.\d{1,6}){0,3}([-+.]?[0-9A-Za-z]{1,16}){0,3}")
MAX_URL = 2000
MAX_NOTES = 1000

log = get_logger("updates")


class FeedError(Exception):
    """The feed could not be read; the message says why without quoting it."""


@dataclass(frozen=True)
class Update:
    version: str
    url: str
    sha256: str
    notes: str

    def message(self) -> str:
        return (
            f"A newer build is available: version {self.version}. Download it from {self.url} "
            f"and check that its SHA-256 is {self.sha256}."
        )


@dataclass(frozen=True)
class CheckResult:
    checked: bool  # False: off, or already checked in the last day
    update: Update | None = None
    note: str = ""


def version_key(text: str) -> tuple[int, ...]:
    """``0.10.2`` > ``0.9``; anything after the numbers (``rc1``, ``+local``) is ignored."""
    numbers = re.match(r"\d+(\.\d+)*", text.strip())
    if not numbers:
        raise FeedError("the feed's version is not a version number")
    return tuple(int(part) for part in numbers.group(0).split("."))


def is_newer(candidate: str, current: str) -> bool:
    a, b = version_key(candidate), version_key(current)
    width = max(len(a), len(b))
    return a + (0,) * (width - len(a)) > b + (0,) * (width - len(b))


def parse_feed(data: Any) -> Update:
    if not isinstance(data, dict):
        raise FeedError("the feed is not a JSON object")
    fields = {}
    for key in ("version", "url", "sha256"):
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise FeedError(f"the feed has no '{key}'")
        fields[key] = value.strip()
    if len(fields["version"]) > 32 or not _VERSION.fullmatch(fields["version"]):
        raise FeedError("the feed's version is not a version number such as 1.2.3")
    if not _SHA256.fullmatch(fields["sha256"].lower()):
        raise FeedError("the feed's sha256 is not 64 hexadecimal digits")
    url = fields["url"]
    if len(url) > MAX_URL or not url.isprintable() or " " in url:
        raise FeedError("the feed's download address is not a plain web address")
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or parts.username or parts.password:
        raise FeedError("the feed's download address is not HTTPS")
    notes = data.get("notes")
    notes = notes.strip() if isinstance(notes, str) else ""
    if len(notes) > MAX_NOTES:
        notes = notes[:MAX_NOTES] + "…"
    return Update(fields["version"], url, fields["sha256"].lower(), for_terminal(notes))


def _check_url(url: str) -> None:
    if transport_problem(url) is not None:
        raise FeedError("the update feed address must start with https://")


def fetch(url: str, current: str, verify: bool | str = True) -> Update:
    _check_url(url)
    import requests  # slow to load; only the update check needs it

    session = requests.Session()
    session.trust_env = False  # no proxy credentials or .netrc sent along
    headers = {"User-Agent": f"SelfDataWallet/{current}", "Accept": "application/json"}
    try:
        with session.get(
            url, headers=headers, timeout=TIMEOUT, verify=verify, stream=True, allow_redirects=False
        ) as r:
            if r.is_redirect or 300 <= r.status_code < 400:
                # A redirect could lead to plain http or another site: the feed's own address
                # must answer.
                raise FeedError("the feed answered with a redirect, which is not followed")
            if r.status_code != 200:
                raise FeedError(f"the feed answered with HTTP status {r.status_code}")
            body = r.raw.read(MAX_FEED_BYTES + 1, decode_content=True)
    except requests.exceptions.SSLError:
        raise FeedError("the feed's certificate could not be verified") from None
    except requests.RequestException as exc:
        raise FeedError(f"the feed could not be reached ({type(exc).__name__})") from None
    finally:
        session.close()
    if len(body) > MAX_FEED_BYTES:
        raise FeedError("the feed is too large to be an update feed")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise FeedError("the feed is not JSON") from None
    return parse_feed(data)


def _verify(settings: Settings) -> bool | str:
    bundle = str(settings.get("ca_bundle") or "")
    return bundle or True


def check(
    settings: Settings,
    *,
    now: datetime | None = None,
    force: bool = False,
    current: str | None = None,
    verify: bool | str | None = None,
) -> CheckResult:
    """Check the feed if one is set and the last check is a day old (or ``force``)."""
    url = str(settings.get("update_feed_url") or "")
    if not url:
        return CheckResult(False, note="No update feed is set, so the program does not check.")
    now = now or datetime.now(UTC)
    last = _parse_time(str(settings.get("last_update_check") or ""))
    if not force and last is not None and now - last < CHECK_EVERY:
        return CheckResult(False, note="Already checked in the last day.")
    current = current or build_info.version()
    try:
        update = fetch(url, current, _verify(settings) if verify is None else verify)
    except FeedError as exc:
        log.warning("The update check failed: %s.", exc)
        return CheckResult(True, note=f"The update check failed: {exc}. It will try again later.")
    finally:
        settings.set("last_update_check", now.isoformat(timespec="seconds"))
    if is_newer(update.version, current):
        log.info("The update feed offers version %s (this is %s).", update.version, current)
        return CheckResult(True, update, update.message())
    return CheckResult(True, None, f"This is the newest build ({current}).")


def _parse_time(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
