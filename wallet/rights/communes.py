"""Postcode to INSEE commune code, from a small sourced table (the pilot cities only).

A postcode can cover several communes and a commune several postcodes, so no rule guesses
one from the other: a postcode outside ``resources/rights/communes.csv`` gives None, and the
questionnaire asks for the commune code instead.
"""

from __future__ import annotations

import csv
from functools import cache

from wallet.resources import resources_dir


@cache
def table() -> dict[str, tuple[str, str]]:
    """postcode -> (commune code, name)."""
    path = resources_dir() / "rights" / "communes.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return {row["postcode"]: (row["commune"], row["name"]) for row in csv.DictReader(lines)}


def commune_of(postcode: str) -> str | None:
    found = table().get(postcode.strip())
    return found[0] if found else None
