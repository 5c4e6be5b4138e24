"""URL rules shared by descriptor checks, delivery and the update check: HTTPS only.

Plain HTTP to a loopback address is for the tests alone: ``PLAIN_HTTP_TO_LOOPBACK`` is off in
the program and only a test switches it on (there is no setting or variable for it).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

# Only tests set this (``tests/conftest.py: plain_http_to_loopback``).
PLAIN_HTTP_TO_LOOPBACK = False


def is_loopback(host: str) -> bool:
    """A loopback IP address (127.0.0.0/8, ::1); never a name, which a resolver could move."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def plain_http_allowed(url: str) -> bool:
    """Plain http:// is allowed only to a loopback address, and only while tests run."""
    return PLAIN_HTTP_TO_LOOPBACK and is_loopback(urlsplit(url).hostname or "")


def origin(url: str) -> str:
    """``scheme://host[:port]`` with the default port dropped; ValueError when malformed."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in ("https", "http") or not host:
        raise ValueError("not an http(s) URL")
    port = parts.port  # raises ValueError on a bad port
    if port is None or (scheme, port) in (("https", 443), ("http", 80)):
        netloc = f"[{host}]" if ":" in host else host
    else:
        netloc = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return f"{scheme}://{netloc}"


def transport_problem(url: str) -> str | None:
    """Why the wallet will not send to ``url``, or None when it may."""
    try:
        parts = urlsplit(url)
        origin(url)
    except ValueError:
        return "the address is not a valid https:// URL"
    if parts.username or parts.password:
        return "the address carries a user name or password, which is not allowed"
    if parts.scheme.lower() == "https":
        return None
    if parts.scheme.lower() == "http" and plain_http_allowed(url):
        return None
    return "the address uses plain http://; only https:// is allowed"
