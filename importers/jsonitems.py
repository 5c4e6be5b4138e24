"""The objects of one top-level JSON list, each with the line it starts on.

Benefit APIs answer with ``{"paiements": [...]}``-shaped documents. ``json`` gives no
positions, so each item is decoded where it stands to report rejections by line number.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from importers.base import decode_text
from importers.guard import json_loads, json_raw_decode


def load_text(path: Path) -> str:
    decoded = decode_text(path.read_bytes())
    if decoded is None:
        raise ValueError("the file is not text")
    return decoded[0]


def top_level_keys(text: str) -> tuple[dict[str, Any] | None, str]:
    """The document when the whole text parses as a JSON object, else None and why."""
    try:
        data = json_loads(text)
    except json.JSONDecodeError:
        return None, "the file is not complete JSON"
    if not isinstance(data, dict):
        return None, "the JSON document is not an object"
    return data, ""


def list_items(text: str, data: dict[str, Any], key: str) -> Iterator[tuple[int, Any]]:
    """``(line, item)`` for each item of ``data[key]``, a list, in file order."""
    items = data.get(key)
    if not isinstance(items, list):
        return
    positions = list(_positions(text, key, len(items)))
    if len(positions) != len(items):
        positions = [0] * len(items)  # the key also appears nested: no line numbers then
    yield from zip(positions, items, strict=True)


def _positions(text: str, key: str, expected: int) -> Iterator[int]:
    decoder = json.JSONDecoder()
    opening = re.search(r'"' + re.escape(key) + r'"\s*:\s*\[', text)
    if opening is None:
        return
    pos = opening.end()
    for _ in range(expected):
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        try:
            _, end = json_raw_decode(decoder, text, pos)
        except json.JSONDecodeError:
            return
        yield text.count("\n", 0, pos) + 1
        pos = end


def yyyymmdd(value: Any, what: str) -> str:
    """``"20260205"`` as ``"2026-02-05"``; the error names the field, never the value."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{8}", value.strip()):
        raise ValueError(f"{what} is not a date written YYYYMMDD")
    try:
        return datetime.strptime(value.strip(), "%Y%m%d").date().isoformat()
    except ValueError:
        raise ValueError(f"{what} is not a date that exists") from None
