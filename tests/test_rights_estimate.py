"""The rights room without the model: payments matched to benefits, actions, limits, answers."""

from __future__ import annotations

from datetime import date

import pytest

from wallet.analytics.benefits import PaymentRow
from wallet.errors import InvalidInput
from wallet.rights import estimate, household, situation
from wallet.rights.communes import commune_of


def _paid(payer: str, benefit: str, on: str, cents: int, start: str | None = None) -> PaymentRow:
    day = date.fromisoformat(on)
    first = date.fromisoformat(start) if start else None
    return PaymentRow("caf", payer, benefit, day, first, None, cents, "EUR")


def test_payments_are_matched_to_the_benefit_and_month_they_cover() -> None:
    rows = [
        _paid("CAF", "Aide personnalisée au logement", "2026-10-05", 24530, "2026-09-01"),
        _paid("CAF", "Allocation de logement familiale", "2026-10-05", 1000, "2026-09-01"),
        _paid("CAF", "Prime d'activité", "2026-11-05", 5272),  # no period: the month paid
        _paid("France Travail", "Allocation d'aide au retour à l'emploi", "2026-09-02", 105090),
    ]
    paid = estimate.paid_by_benefit(rows, ["2026-09", "2026-10", "2026-11"])
    assert paid[("aides_logement", "2026-09")] == 25530
    assert paid[("ppa", "2026-11")] == 5272
    assert ("rsa", "2026-09") not in paid  # nothing seen: 0 in the estimate's lines


def test_an_unnamed_caf_payment_leaves_what_was_paid_unknown_never_zero() -> None:
    rows = [_paid("CAF", "", "2026-10-05", 30000)]
    paid = estimate.paid_by_benefit(rows, ["2026-10"])
    assert paid[("rsa", "2026-10")] is None
    assert paid[("aides_logement", "2026-10")] is None
    assert ("aspa", "2026-10") not in paid  # the pension fund pays it, not the CAF
    assert estimate.action_of(57349, None, True) == "unknown"


@pytest.mark.parametrize(
    ("estimate_cents", "paid", "action"),
    [
        (57349, 0, "claim"),
        (57349, 57000, "matches"),  # within 5 EUR
        (57349, 40000, "less"),
        (0, 25000, "more"),
        (0, 0, "none"),
    ],
)
def test_what_to_do(estimate_cents: int, paid: int, action: str) -> None:
    assert estimate.action_of(estimate_cents, paid, estimate_cents > 0) == action


def test_unanswered_incomes_are_filled_from_payments_and_said_so() -> None:
    answers = household.from_json({"adults": [{"incomes": {"salary": 0}}]})
    rows = [
        _paid(
            "France Travail",
            "Allocation d'aide au retour à l'emploi",
            "2026-09-02",
            105090,
            "2026-08-01",
        ),
        _paid(
            "France Travail",
            "Allocation d'aide au retour à l'emploi",
            "2026-10-02",
            108593,
            "2026-09-01",
        ),
        _paid("CARSAT", "", "2026-10-09", 60000),
    ]
    seen, filled = estimate.seen_incomes(answers, rows)
    assert seen[(0, "unemployment")] == {"2026-08": 105090, "2026-09": 108593}
    assert [(f.kind, f.months, f.payer) for f in filled] == [
        ("pension", 1, "CARSAT"),
        ("unemployment", 2, "France Travail"),
    ]
    built = situation.build(answers, ["2026-09"], seen=seen)
    person = built["individus"]["adult1"]
    assert person["chomage_net"]["2026-09"] == 1085.93
    assert person["chomage_net"]["2024-01"] == pytest.approx((1050.90 + 1085.93) / 2, abs=0.01)
    assert person["salaire_net"]["2026-09"] == 0
    typed = household.from_json({"adults": [{"incomes": {"unemployment": 900}}]})
    assert estimate.seen_incomes(typed, rows)[0].get((0, "unemployment")) is None  # typed wins


def test_answers_are_checked_with_messages_that_say_what_to_fix() -> None:
    with pytest.raises(InvalidInput, match=r"adults\[0\].birth_date: a date written YYYY-MM-DD"):
        household.from_json({"adults": [{"birth_date": "12/03/1980"}]})
    with pytest.raises(InvalidInput, match="at most 2 adults"):
        household.from_json({"adults": [{}, {}, {}]})
    with pytest.raises(InvalidInput, match="unknown answer salary"):
        household.from_json({"adults": [{"salary": 1200}]})
    with pytest.raises(InvalidInput, match="disability_rate"):
        household.from_json({"adults": [{"disability_rate": 80}]})
    assert household.from_json({}).is_empty


def test_the_postcode_table_covers_the_pilot_cities_only() -> None:
    assert commune_of("69007") == "69387"
    assert commune_of("44200") == "44109"
    assert commune_of("17000") == "17300"
    assert commune_of("75011") is None  # not guessed: the questionnaire asks for the code


def test_months_are_the_last_three_and_the_current_one() -> None:
    assert estimate.months_for(date(2026, 1, 15)) == ["2025-10", "2025-11", "2025-12", "2026-01"]
    assert estimate.months_for(date(2026, 1, 15), "2025-06") == ["2025-06"]
    with pytest.raises(InvalidInput):
        estimate.months_for(date(2026, 1, 15), "June")
