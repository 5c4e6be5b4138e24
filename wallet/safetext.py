"""Text from outside (file names, feed fields, cells) made safe to print or to log.

A file name or an update feed can hold control characters: terminal escape sequences that
recolour or rewrite the screen, a newline that forges a log line, bidirectional overrides that
show text in another order. What the program prints or logs passes through here; printable
text, accents included, is left as it is.
"""

from __future__ import annotations

import re

# C0 controls but newline and tab, DEL, C1 controls, and the bidirectional marks and overrides.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_IN_A_LINE = re.compile(f"[\t\n{_UNSAFE.pattern[1:-1]}]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """Lines kept; every other control character shown as an escape (``\\x1b``)."""
    return _UNSAFE.sub(_escaped, text)


def for_log(text: str) -> str:
    """One log record stays one line: newlines and tabs are escaped too."""
    return _UNSAFE_IN_A_LINE.sub(_escaped, text)


def for_json(text: str) -> str:
    """JSON text whose strings hold no raw C1 or bidirectional characters (``\\u009b``).

    ``json.dumps`` already escapes C0 controls; this only touches characters that may appear
    raw inside its strings, so the result is still the same JSON.
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
