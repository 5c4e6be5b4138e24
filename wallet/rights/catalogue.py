"""The benefits the rights check estimates, read from ``resources/rights/benefits.json``.

Each entry names the OpenFisca-France variable that computes it, who pays it, the official
online procedure to claim it (French and English) and the names under which the wallet stores
its payments. The file carries its sources; nothing about a benefit is written in code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from wallet.resources import resources_dir


@dataclass(frozen=True)
class Benefit:
    key: str
    variable: str
    period: str  # "month" or "year"
    kind: str  # "amount" (money paid) or "coverage" (CSS: free, or a monthly participation)
    names: dict[str, str]
    payers: dict[str, str]
    procedures: dict[str, str]
    url: str
    wallet_names: tuple[str, ...]
    payers_in_wallet: tuple[str, ...] = ()  # payer names of its payments in the wallet
    free_variable: str | None = None  # coverage: the variable that says "free of charge"

    def name(self, language: str = "en") -> str:
        return self.names.get(language) or self.names["en"]

    def payer(self, language: str = "en") -> str:
        return self.payers.get(language) or self.payers["en"]

    def procedure(self, language: str = "en") -> str:
        return self.procedures.get(language) or self.procedures["en"]


@cache
def benefits() -> tuple[Benefit, ...]:
    path = resources_dir() / "rights" / "benefits.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        Benefit(
            key=entry["key"],
            variable=entry["variable"],
            period=entry["period"],
            kind=entry["kind"],
            names=dict(entry["name"]),
            payers=dict(entry["payer"]),
            procedures=dict(entry["procedure"]),
            url=entry["url"],
            wallet_names=tuple(entry["wallet_names"]),
            payers_in_wallet=tuple(entry["payers_in_wallet"]),
            free_variable=entry.get("free_variable"),
        )
        for entry in data["benefits"]
    )


def by_key(key: str) -> Benefit:
    for benefit in benefits():
        if benefit.key == key:
            return benefit
    raise KeyError(key)


def benefit_of_payment(name: str) -> str | None:
    """The benefit key a stored payment's benefit name belongs to, or None."""
    for benefit in benefits():
        if name in benefit.wallet_names:
            return benefit.key
    return None
