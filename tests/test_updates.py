"""The update check: off without a feed, at most daily, sends only the version."""

from __future__ import annotations

import json
import ssl
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import trustme

from tests.conftest import run_cli
from wallet import updates
from wallet.settings import Settings

SHA = "ab" * 32
FEED = {
    "version": "0.2.0",
    "url": "https://example.org/selfdata-wallet-0.2.0-linux-x86_64.tar.gz",
    "sha256": SHA,
    "notes": "Reads the new Enedis export.",
}
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


class Feed:
    def __init__(self) -> None:
        self.body: bytes = json.dumps(FEED).encode()
        self.requests: list[dict[str, Any]] = []
        self.url = ""
        self.ca_file = ""


@pytest.fixture
def feed(tmp_path: Path) -> Iterator[Feed]:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    served = Feed()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.requests.append({"path": self.path, "headers": dict(self.headers)})
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(served.body)))
            self.end_headers()
            self.wfile.write(served.body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    served.url = f"https://127.0.0.1:{server.server_address[1]}/feed.json"
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    served.ca_file = str(ca_file)
    yield served
    server.shutdown()
    server.server_close()


def settings_for(feed: Feed, tmp_path: Path) -> Settings:
    settings = Settings(tmp_path / "settings.json")
    settings.set("update_feed_url", feed.url)
    settings.set("ca_bundle", feed.ca_file)
    return settings


def test_no_feed_means_no_check(tmp_path: Path) -> None:
    found = updates.check(Settings(tmp_path / "settings.json"), now=NOW, current="0.1.0")
    assert not found.checked
    assert "No update feed" in found.note


def test_a_newer_build_is_announced_with_its_sha256(feed: Feed, tmp_path: Path) -> None:
    found = updates.check(settings_for(feed, tmp_path), now=NOW, current="0.1.0")
    assert found.checked and found.update is not None
    assert found.update.version == "0.2.0"
    assert found.update.sha256 == SHA
    assert SHA in found.note and "0.2.0" in found.note


def test_the_request_carries_the_version_and_nothing_else(feed: Feed, tmp_path: Path) -> None:
    updates.check(settings_for(feed, tmp_path), now=NOW, current="0.1.0")
    (request,) = feed.requests
    assert request["path"] == "/feed.json"
    assert request["headers"]["User-Agent"] == "SelfDataWallet/0.1.0"
    assert "Cookie" not in request["headers"] and "Authorization" not in request["headers"]


def test_the_feed_is_asked_at_most_once_a_day(feed: Feed, tmp_path: Path) -> None:
    settings = settings_for(feed, tmp_path)
    assert updates.check(settings, now=NOW, current="0.1.0").checked
    assert not updates.check(settings, now=NOW + timedelta(hours=23), current="0.1.0").checked
    assert updates.check(settings, now=NOW + timedelta(hours=25), current="0.1.0").checked
    assert len(feed.requests) == 2


def test_the_same_version_is_not_an_update(feed: Feed, tmp_path: Path) -> None:
    found = updates.check(settings_for(feed, tmp_path), now=NOW, current="0.2.0")
    assert found.checked and found.update is None
    assert "newest" in found.note


def test_an_untrusted_certificate_is_refused(feed: Feed, tmp_path: Path) -> None:
    settings = settings_for(feed, tmp_path)
    settings.set("ca_bundle", "")
    found = updates.check(settings, now=NOW, current="0.1.0")
    assert found.update is None
    assert "certificate" in found.note


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (b"not json", "not JSON"),
        (json.dumps({**FEED, "sha256": "1234"}).encode(), "sha256"),
        (json.dumps({**FEED, "url": "http://example.org/x"}).encode(), "not HTTPS"),
        (json.dumps({"url": FEED["url"], "sha256": SHA}).encode(), "no 'version'"),
    ],
)
def test_a_bad_feed_is_explained(feed: Feed, tmp_path: Path, body: bytes, said: str) -> None:
    feed.body = body
    found = updates.check(settings_for(feed, tmp_path), now=NOW, current="0.1.0")
    assert found.update is None
    assert said in found.note


def test_a_plain_http_feed_is_refused(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    settings.set("update_feed_url", "http://example.org/feed.json")
    found = updates.check(settings, now=NOW, current="0.1.0")
    assert "https://" in found.note


def test_versions_compare_by_number() -> None:
    assert updates.is_newer("0.10.0", "0.9.1")
    assert updates.is_newer("1.0", "0.99")
    assert not updates.is_newer("0.2", "0.2.0")
    assert not updates.is_newer("0.1.9", "0.2.0")


def test_check_update_on_the_command_line(feed: Feed, tmp_path: Path) -> None:
    settings_for(feed, tmp_path).save()
    Settings().path.parent.mkdir(parents=True, exist_ok=True)
    Settings().path.write_bytes((tmp_path / "settings.json").read_bytes())
    result = run_cli(tmp_path / "wallet", "--json", "check-update")
    data = json.loads(result.out)
    assert result.code == 0
    assert data["update"]["sha256"] == SHA
    assert Settings().get("last_update_check")


def test_a_redirect_from_the_feed_is_not_followed(tmp_path: Path) -> None:
    """An https feed that redirects to plain http with a spoofed "newer build" is refused."""
    spoofed = json.dumps({**FEED, "version": "99.0", "sha256": "cd" * 32}).encode()
    plain_hits: list[str] = []

    class Plain(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            plain_hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", str(len(spoofed)))
            self.end_headers()
            self.wfile.write(spoofed)

        def log_message(self, *args: Any) -> None:
            pass

    plain = ThreadingHTTPServer(("127.0.0.1", 0), Plain)
    threading.Thread(target=plain.serve_forever, daemon=True).start()
    ca = trustme.CA()

    class Redirect(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:{plain.server_address[1]}/feed")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings = Settings(tmp_path / "settings.json")
        settings.set("update_feed_url", f"https://127.0.0.1:{server.server_address[1]}/feed")
        ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
        settings.set("ca_bundle", str(tmp_path / "ca.pem"))
        found = updates.check(settings, now=NOW, force=True, current="0.1.0")
        assert found.update is None
        assert "redirect" in found.note
        assert plain_hits == []
    finally:
        for each in (server, plain):
            each.shutdown()
            each.server_close()


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"version": "1.0\n2026-01-01 ERROR forged"}, "not a version number"),
        ({"version": "1" * 50}, "not a version number"),
        ({"url": "https://example.org/a b"}, "plain web address"),
        ({"url": "https://user:pw@example.org/x"}, "not HTTPS"),
        ({"url": "https://example.org/" + "x" * 3000}, "plain web address"),
    ],
)
def test_the_feeds_fields_are_validated(changes: dict[str, str], said: str) -> None:
    with pytest.raises(updates.FeedError, match=said):
        updates.parse_feed({**FEED, **changes})


def test_long_notes_are_cut_and_control_characters_escaped() -> None:
    update = updates.parse_feed({**FEED, "notes": "\x1b[2J" + "n" * 5000})
    assert "\x1b" not in update.notes and len(update.notes) <= 1010


def test_plain_http_feed_to_loopback_or_localhost_is_refused(tmp_path: Path) -> None:
    for url in ("http://127.0.0.1:9/feed.json", "http://localhost:9/feed.json"):
        settings = Settings(tmp_path / "settings.json")
        settings.set("update_feed_url", url)
        found = updates.check(settings, now=NOW, force=True, current="0.1.0")
        assert "https://" in found.note
