"""Comparing labels written by people and spreadsheets: accents, case and spaces do not count."""

from __future__ import annotations

import unicodedata


def plain(cell: object) -> str:
    """Cell text without accents, case or surrounding spaces; ``None`` is the empty string."""
    if cell is None:
        return ""
    text = unicodedata.normalize("NFKD", str(cell))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())
