"""Five households: the wallet's situation builder gives OpenFisca-France what it expects.

For each case the situation is also written here by hand, in OpenFisca's own JSON form, and
run through the model directly: the wallet's figures must equal those, benefit by benefit, so
a wrong mapping (a variable name, a role, a housing status, a unit) fails. One figure per case
is then checked against the scale the administration publishes, so a model that is loaded
but wrong (or a wrong month) fails too. The model is loaded once for the session.
"""

from __future__ import annotations

from typing import Any

import pytest

from wallet.rights import catalogue, engine, estimate, household, situation

MONTH = "2025-06"
# The builder sets incomes for the 36 months before the first month estimated, as the
# model looks back (RSA: 3 months; housing benefit: a rolling year and the year N-2).
HISTORY = situation.month_keys("2022-06", MONTH)


def every_month(value: Any) -> dict[str, Any]:
    return dict.fromkeys(HISTORY, value)


def by_hand(hand: dict[str, Any]) -> dict[str, float]:
    """The model's own figures for a situation written by hand, per catalogue benefit."""
    from openfisca_core.simulation_builder import SimulationBuilder

    simulation = SimulationBuilder().build_from_entities(engine.load(), hand)
    found = {}
    for benefit in catalogue.benefits():
        period = MONTH if benefit.period == "month" else MONTH[:4]
        found[benefit.key] = round(float(simulation.calculate(benefit.variable, period).sum()), 2)
    return found


def by_wallet(answers: dict[str, Any]) -> dict[str, float]:
    lines = estimate.compute(household.from_json(answers), [MONTH])
    return {line.benefit: line.estimate_cents / 100 for line in lines}


def income(salary: float = 0, unemployment: float = 0, pension: float = 0) -> dict[str, Any]:
    return {
        "salaire_net": every_month(salary),
        "salaire_imposable": every_month(salary),
        "chomage_net": every_month(unemployment),
        "chomage_imposable": every_month(unemployment),
        "retraite_brute": every_month(pension),
        "retraite_imposable": every_month(pension),
        "retraite_nette": every_month(pension),
    }


def test_single_person_without_income(rights_model: object) -> None:
    answers = {
        "adults": [
            {
                "birth_date": "1985-05-10",
                "activity": "inactive",
                "incomes": {"salary": 0, "unemployment": 0, "pension": 0},
                "disability_rate": 0,
                "pregnant": False,
            }
        ],
        "children": [],
        "housing": {"status": "tenant", "rent": 450, "postcode": "69003"},
    }
    hand = {
        "individus": {
            "adult1": {
                "date_naissance": {"ETERNITY": "1985-05-10"},
                **income(),
                "activite": every_month("inactif"),
                "handicap": every_month(False),
                "taux_incapacite": every_month(0.0),
                "enceinte": every_month(False),
            }
        },
        "familles": {"famille": {"parents": ["adult1"], "enfants": []}},
        "foyers_fiscaux": {"foyer": {"declarants": ["adult1"], "personnes_a_charge": []}},
        "menages": {
            "menage": {
                "personne_de_reference": ["adult1"],
                "enfants": [],
                "statut_occupation_logement": every_month("locataire_vide"),
                "loyer": every_month(450),
                "depcom": every_month("69383"),  # Lyon 3e, from the postcode table
            }
        },
    }
    wallet = by_wallet(answers)
    assert wallet == by_hand(hand)
    # RSA for one person from 1 April 2025: 646.52 EUR, less the housing lump sum of 12 %
    # (77.58 EUR) since the person receives housing benefit. Sources: service-public.fr,
    # https://www.service-public.fr/particuliers/vosdroits/F19778 ; forfait logement,
    # Code de l'action sociale et des familles, art. R262-10.
    assert wallet["rsa"] == pytest.approx(646.52 - 77.58, abs=0.01)
    assert wallet["aides_logement"] > 0


def test_single_parent_with_two_children_renting_in_lyon(rights_model: object) -> None:
    answers = {
        "adults": [
            {
                "birth_date": "1988-02-01",
                "activity": "inactive",
                "incomes": {"salary": 0, "unemployment": 0, "pension": 0},
                "disability_rate": 0,
                "pregnant": False,
            }
        ],
        "children": [{"birth_date": "2015-03-01"}, {"birth_date": "2019-09-01"}],
        "housing": {"status": "tenant", "rent": 700, "postcode": "69008"},
    }
    kids = ["child1", "child2"]
    hand = {
        "individus": {
            "adult1": {
                "date_naissance": {"ETERNITY": "1988-02-01"},
                **income(),
                "activite": every_month("inactif"),
                "handicap": every_month(False),
                "taux_incapacite": every_month(0.0),
                "enceinte": every_month(False),
            },
            "child1": {"date_naissance": {"ETERNITY": "2015-03-01"}},
            "child2": {"date_naissance": {"ETERNITY": "2019-09-01"}},
        },
        "familles": {"famille": {"parents": ["adult1"], "enfants": kids}},
        "foyers_fiscaux": {"foyer": {"declarants": ["adult1"], "personnes_a_charge": kids}},
        "menages": {
            "menage": {
                "personne_de_reference": ["adult1"],
                "enfants": kids,
                "statut_occupation_logement": every_month("locataire_vide"),
                "loyer": every_month(700),
                "depcom": every_month("69388"),
            }
        },
    }
    wallet = by_wallet(answers)
    assert wallet == by_hand(hand)
    # Family allowance for two children: 32 % of the BMAF (Code de la sécurité sociale,
    # art. D521-1); BMAF from 1 April 2025: 474.37 EUR, i.e. 151.80 EUR before the 0.5 % CRDS
    # (151.04 EUR paid, as the CAF publishes). The model gives the amount before CRDS.
    assert wallet["af"] == pytest.approx(round(474.37 * 0.32, 2), abs=0.01)
    assert wallet["asf"] > 0  # a lone parent: family support allowance for each child


def test_couple_with_one_minimum_wage_salary(rights_model: object) -> None:
    answers = {
        "adults": [
            {
                "birth_date": "1990-01-15",
                "activity": "employed",
                "incomes": {"salary": 1426.30, "unemployment": 0, "pension": 0},
                "disability_rate": 0,
                "pregnant": False,
            },
            {
                "birth_date": "1991-07-20",
                "activity": "inactive",
                "incomes": {"salary": 0, "unemployment": 0, "pension": 0},
                "disability_rate": 0,
                "pregnant": False,
            },
        ],
        "children": [],
        "housing": {"status": "social_tenant", "rent": 520, "postcode": "44300"},
    }
    person = {
        "handicap": every_month(False),
        "taux_incapacite": every_month(0.0),
        "enceinte": every_month(False),
    }
    hand = {
        "individus": {
            "adult1": {
                "date_naissance": {"ETERNITY": "1990-01-15"},
                **income(salary=1426.30),
                "activite": every_month("actif"),
                **person,
            },
            "adult2": {
                "date_naissance": {"ETERNITY": "1991-07-20"},
                **income(),
                "activite": every_month("inactif"),
                **person,
            },
        },
        "familles": {"famille": {"parents": ["adult1", "adult2"], "enfants": []}},
        "foyers_fiscaux": {"foyer": {"declarants": ["adult1", "adult2"], "personnes_a_charge": []}},
        "menages": {
            "menage": {
                "personne_de_reference": ["adult1"],
                "conjoint": ["adult2"],
                "enfants": [],
                "statut_occupation_logement": every_month("locataire_hlm"),
                "loyer": every_month(520),
                "depcom": every_month("44109"),  # Nantes
            }
        },
    }
    wallet = by_wallet(answers)
    assert wallet == by_hand(hand)
    # Net minimum wage, full time, from 1 November 2024: about 1,426.30 EUR a month
    # (service-public.fr, https://www.service-public.fr/particuliers/vosdroits/F2300). A couple
    # with one such salary receives the prime d'activité and not the RSA: its resources are
    # above the RSA lump sum for a couple (646.52 x 1.5 = 969.78 EUR, F19778).
    assert wallet["ppa"] > 0
    assert wallet["rsa"] == 0
    assert 1426.30 > 646.52 * 1.5


def test_retired_person_alone_on_a_small_pension(rights_model: object) -> None:
    answers = {
        "adults": [
            {
                "birth_date": "1950-04-01",
                "activity": "retired",
                "incomes": {"salary": 0, "unemployment": 0, "pension": 600},
                "disability_rate": 0,
            }
        ],
        "children": [],
        "housing": {"status": "tenant", "rent": 400, "postcode": "17000"},
    }
    hand = {
        "individus": {
            "adult1": {
                "date_naissance": {"ETERNITY": "1950-04-01"},
                **income(pension=600),
                "activite": every_month("retraite"),
                "handicap": every_month(False),
                "taux_incapacite": every_month(0.0),
            }
        },
        "familles": {"famille": {"parents": ["adult1"], "enfants": []}},
        "foyers_fiscaux": {"foyer": {"declarants": ["adult1"], "personnes_a_charge": []}},
        "menages": {
            "menage": {
                "personne_de_reference": ["adult1"],
                "enfants": [],
                "statut_occupation_logement": every_month("locataire_vide"),
                "loyer": every_month(400),
                "depcom": every_month("17300"),  # La Rochelle
            }
        },
    }
    wallet = by_wallet(answers)
    assert wallet == by_hand(hand)
    # ASPA tops resources up to a ceiling: 1,034.28 EUR a month for a person alone from
    # 1 January 2025 (service-public.fr, https://www.service-public.fr/particuliers/vosdroits/F16871);
    # with a pension of 600 EUR the allowance is the difference.
    assert wallet["aspa"] == pytest.approx(1034.28 - 600, abs=0.015)  # the model rounds


def test_adult_receiving_the_disabled_adult_allowance(rights_model: object) -> None:
    answers = {
        "adults": [
            {
                "birth_date": "1985-01-01",
                "activity": "inactive",
                "incomes": {"salary": 0, "unemployment": 0, "pension": 0},
                "disability_rate": 0.8,
                "pregnant": False,
            }
        ],
        "children": [],
        "housing": {"status": "hosted", "postcode": "69001"},
    }
    hand = {
        "individus": {
            "adult1": {
                "date_naissance": {"ETERNITY": "1985-01-01"},
                **income(),
                "activite": every_month("inactif"),
                "handicap": every_month(True),
                "taux_incapacite": every_month(0.8),
                "enceinte": every_month(False),
            }
        },
        "familles": {"famille": {"parents": ["adult1"], "enfants": []}},
        "foyers_fiscaux": {"foyer": {"declarants": ["adult1"], "personnes_a_charge": []}},
        "menages": {
            "menage": {
                "personne_de_reference": ["adult1"],
                "enfants": [],
                "statut_occupation_logement": every_month("loge_gratuitement"),
                "depcom": every_month("69381"),
            }
        },
    }
    wallet = by_wallet(answers)
    assert wallet == by_hand(hand)
    # AAH at the full rate from 1 April 2025: 1,033.32 EUR a month (service-public.fr,
    # https://www.service-public.fr/particuliers/vosdroits/F12242).
    assert wallet["aah"] == pytest.approx(1033.32, abs=0.01)


def test_a_wrong_mapping_changes_the_figures(rights_model: object) -> None:
    """The comparison can fail: the same person as a student instead of inactive differs."""
    base = {
        "adults": [
            {
                "birth_date": "1985-05-10",
                "activity": "inactive",
                "incomes": {"salary": 0, "unemployment": 0, "pension": 0},
            }
        ],
        "children": [],
        "housing": {"status": "tenant", "rent": 450, "postcode": "69003"},
    }
    student = {**base, "adults": [{**base["adults"][0], "activity": "student"}]}
    assert by_wallet(base)["rsa"] != by_wallet(student)["rsa"]
