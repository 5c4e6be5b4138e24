"""URL rules shared by descriptor checks and delivery: HTTPS, or plain HTTP to loopback only."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


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
    if is_loopback(parts.hostname or ""):
        return None
    return "the address uses plain http://; only https:// is allowed"
