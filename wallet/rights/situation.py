"""The household as OpenFisca-France expects it: one family, tax household and dwelling.

How answers become the model's inputs (no benefit rule is written here):

- each adult is a parent of the family, a declarant of the tax household and the reference
  person (or spouse) of the dwelling; two adults are a couple. Children are dependants of all
  three. Birth dates go to ``date_naissance``; an unanswered one is left to the model.
- monthly incomes are set for every month from ``HISTORY_MONTHS`` before the first month
  estimated to the last, because benefits look back (the RSA three months, housing benefit a
  rolling year and the tax year before last). Typed figures describe the current situation
  and are used for every month; an unanswered income is filled, month by month, with what
  the wallet saw paid (``estimate`` says which).
  Net salary is given as ``salaire_net`` and, for the tax side, ``salaire_imposable``;
  unemployment benefit as ``chomage_net`` and ``chomage_imposable``; the pension as
  ``retraite_brute``, ``retraite_imposable`` and ``retraite_nette``: the resident types one
  figure, and the small difference between them (CSG and CRDS) is a known limit.
- housing: ``statut_occupation_logement``, ``loyer`` and ``depcom`` (the INSEE commune).
- the tax notice gives the ``rfr`` of its income year (the chèque énergie reads it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from wallet.rights.household import Household

HISTORY_MONTHS = 36
INCOME_VARIABLES = {
    "salary": ("salaire_net", "salaire_imposable"),
    "unemployment": ("chomage_net", "chomage_imposable"),
    "pension": ("retraite_brute", "retraite_imposable", "retraite_nette"),
}
ACTIVITY = {
    "employed": "actif",
    "unemployed": "chomeur",
    "student": "etudiant",
    "retired": "retraite",
    "inactive": "inactif",
}
HOUSING = {
    "tenant": "locataire_vide",
    "social_tenant": "locataire_hlm",
    "furnished_tenant": "locataire_meuble",
    "owner": "proprietaire",
    "hosted": "loge_gratuitement",
}
DISABILITY_FROM = 0.5  # a rate the MDPH recognises starts at 50 %; below, no disability
FAMILY, TAX_HOUSEHOLD, DWELLING = "famille", "foyer", "menage"


@dataclass(frozen=True)
class TaxNotice:
    income_year: int
    reference_income_cents: int
    parts: float


# (adult index, income kind) -> {"YYYY-MM": cents}: what the wallet saw paid, month by month.
SeenIncomes = Mapping[tuple[int, str], Mapping[str, int]]


def month_keys(first: str, last: str) -> list[str]:
    """Every "YYYY-MM" from first to last, inclusive."""
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    found = []
    while (year, month) <= end:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def shift(month: str, count: int) -> str:
    index = int(month[:4]) * 12 + int(month[5:7]) - 1 + count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def adult_id(index: int) -> str:
    return f"adult{index + 1}"


def child_id(index: int) -> str:
    return f"child{index + 1}"


def build(
    household: Household,
    months: list[str],
    *,
    seen: SeenIncomes | None = None,
    tax_notice: TaxNotice | None = None,
) -> dict[str, Any]:
    """The situation, in OpenFisca's JSON form, for estimates over ``months`` (sorted)."""
    history = month_keys(shift(months[0], -HISTORY_MONTHS), months[-1])
    adults = [adult_id(i) for i in range(max(1, len(household.adults)))]
    children = [child_id(i) for i in range(len(household.children or ()))]
    people: dict[str, dict[str, Any]] = {}
    for index, name in enumerate(adults):
        people[name] = _adult(household, index, history, seen or {})
    for index, name in enumerate(children):
        child = (household.children or ())[index]
        people[name] = _born(child.birth_date)
    dwelling: dict[str, Any] = {"personne_de_reference": adults[:1], "enfants": children}
    if len(adults) > 1:
        dwelling["conjoint"] = adults[1:]
    dwelling.update(_housing(household, history))
    tax_household: dict[str, Any] = {"declarants": adults, "personnes_a_charge": children}
    if tax_notice is not None:
        tax_household["rfr"] = {
            str(tax_notice.income_year): tax_notice.reference_income_cents / 100
        }
    return {
        "individus": people,
        "familles": {FAMILY: {"parents": adults, "enfants": children}},
        "foyers_fiscaux": {TAX_HOUSEHOLD: tax_household},
        "menages": {DWELLING: dwelling},
    }


def _born(birth: date | None) -> dict[str, Any]:
    return {} if birth is None else {"date_naissance": {"ETERNITY": birth.isoformat()}}


def _adult(
    household: Household, index: int, history: list[str], seen: SeenIncomes
) -> dict[str, Any]:
    if index >= len(household.adults):
        return {}
    adult = household.adults[index]
    person = _born(adult.birth_date)
    for kind, variables in INCOME_VARIABLES.items():
        per_month = _income(adult.incomes_cents.get(kind), seen.get((index, kind)), history)
        if per_month is not None:
            for variable in variables:
                person[variable] = per_month
    if adult.activity is not None:
        person["activite"] = dict.fromkeys(history, ACTIVITY[adult.activity])
    if adult.disability_rate is not None:
        disabled = adult.disability_rate >= DISABILITY_FROM
        person["handicap"] = dict.fromkeys(history, disabled)
        person["taux_incapacite"] = dict.fromkeys(history, adult.disability_rate)
    if adult.pregnant is not None:
        person["enceinte"] = dict.fromkeys(history, adult.pregnant)
    return person


def _income(
    typed_cents: int | None, seen: Mapping[str, int] | None, history: list[str]
) -> dict[str, float] | None:
    """Euros per month: the typed figure; unanswered, what the wallet saw paid each month.

    Months the wallet has no payment for are taken at the average of those it has (a steady
    income is assumed), which the estimate's limits say.
    """
    if typed_cents is not None:
        return dict.fromkeys(history, typed_cents / 100)
    if not seen:
        return None
    default = round(sum(seen.values()) / len(seen))
    return {m: seen.get(m, default) / 100 for m in history}


def _housing(household: Household, history: list[str]) -> dict[str, Any]:
    housing = household.housing
    found: dict[str, Any] = {}
    if housing.status is not None:
        found["statut_occupation_logement"] = dict.fromkeys(history, HOUSING[housing.status])
    if housing.rent_cents is not None:
        found["loyer"] = dict.fromkeys(history, housing.rent_cents / 100)
    if housing.commune is not None:
        found["depcom"] = dict.fromkeys(history, housing.commune)
    return found
