"""``selfdata household`` and ``selfdata rights`` on real wallets, with real payments."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, SINGLE_TENANT, run_cli
from wallet.rights import situation
from wallet.vault import Wallet


def _init(wallet_dir: Path) -> None:
    assert run_cli(wallet_dir, "init").code == 0


def _set(wallet_dir: Path, tmp_path: Path, answers: object) -> int:
    path = tmp_path / "household.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return run_cli(wallet_dir, "household", "set", str(path)).code


def test_a_household_set_from_a_file_is_shown_back_with_its_history(
    wallet_dir: Path, tmp_path: Path
) -> None:
    _init(wallet_dir)
    assert json.loads(run_cli(wallet_dir, "--json", "household", "show").out) == {"household": None}
    assert _set(wallet_dir, tmp_path, SINGLE_TENANT) == 0
    moved = {**SINGLE_TENANT, "housing": {"status": "hosted", "postcode": "44000"}}
    assert _set(wallet_dir, tmp_path, moved) == 0
    shown = json.loads(run_cli(wallet_dir, "--json", "household", "show").out)
    assert shown["version"] == 2
    assert shown["household"]["housing"] == {
        "status": "hosted",
        "rent": None,
        "postcode": "44000",
        "commune": "44109",  # Nantes, from the sourced postcode table
    }
    assert shown["household"]["adults"][0]["incomes"]["salary"] == 0
    assert shown["missing_answers"] == []
    with Wallet.unlock(wallet_dir, PASSPHRASE) as wallet:
        from wallet.rights import store

        assert [v for v, _ in store.household_history(wallet.conn)] == [1, 2]


def test_a_wrong_answer_is_refused_with_what_to_fix_and_nothing_changes(
    wallet_dir: Path, tmp_path: Path
) -> None:
    _init(wallet_dir)
    assert _set(wallet_dir, tmp_path, SINGLE_TENANT) == 0
    bad = {**SINGLE_TENANT, "housing": {"status": "castle"}}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    refused = run_cli(wallet_dir, "--json", "household", "set", str(path))
    assert refused.code == 2
    assert "housing.status: one of tenant" in json.loads(refused.out)["error"]
    path.write_text("{not json", encoding="utf-8")
    assert run_cli(wallet_dir, "household", "set", str(path)).code == 2
    shown = json.loads(run_cli(wallet_dir, "--json", "household", "show").out)
    assert shown["version"] == 1
    assert shown["household"]["housing"]["status"] == "tenant"


def test_every_answer_is_optional_and_the_missing_ones_are_listed(
    wallet_dir: Path, tmp_path: Path
) -> None:
    _init(wallet_dir)
    assert _set(wallet_dir, tmp_path, {"adults": [{"birth_date": "1970-01-01"}]}) == 0
    missing = json.loads(run_cli(wallet_dir, "--json", "household", "show").out)["missing_answers"]
    assert "adult 1: activity" in missing
    assert "adult 1: monthly salary" in missing
    assert "children" in missing
    assert "housing" in missing
    assert "commune" in missing


def test_the_questionnaire_on_the_terminal_saves_a_new_version(wallet_dir: Path) -> None:
    _init(wallet_dir)
    answers = [
        PASSPHRASE,
        "1",  # adults
        "1979-03-04",
        "employed",
        "1500,50",  # salary, with a decimal comma
        "0",
        "-",  # pension: left open
        "0",
        "no",
        "1",  # children
        "2012-06-30",
        "tenant",
        "610",
        "13001",  # not in the table: the commune code is asked
        "13201",
    ]
    done = run_cli(wallet_dir, "household", "edit", stdin="\n".join(answers) + "\n")
    assert done.code == 0, done.out
    shown = json.loads(run_cli(wallet_dir, "--json", "household", "show").out)["household"]
    assert shown["adults"][0]["incomes"] == {"salary": 1500.5, "unemployment": 0.0}
    assert shown["adults"][0]["pregnant"] is False
    assert shown["children"] == [{"birth_date": "2012-06-30"}]
    assert shown["housing"]["commune"] == "13201"
    cut = run_cli(wallet_dir, "household", "edit", stdin=PASSPHRASE + "\n1\n")
    assert cut.code == 2  # the answers stopped early: nothing saved
    assert json.loads(run_cli(wallet_dir, "--json", "household", "show").out)["version"] == 1


def test_rights_without_a_household_says_to_describe_it_first(wallet_dir: Path) -> None:
    _init(wallet_dir)
    refused = run_cli(wallet_dir, "rights")
    assert refused.code == 2


def test_rights_puts_estimates_beside_the_payments_seen_and_stores_them(
    rights_model: object, wallet_dir: Path, tmp_path: Path
) -> None:
    _init(wallet_dir)
    assert _set(wallet_dir, tmp_path, SINGLE_TENANT) == 0
    today = date.today()
    months = situation.month_keys(
        situation.shift(today.strftime("%Y-%m"), -3), today.strftime("%Y-%m")
    )
    lines = ["account,payer,benefit,paid_on,period_start,period_end,amount,currency"]
    for month in months[:3]:  # housing benefit paid for the three full months; no RSA
        end = f"{month}-28"
        lines.append(f"CAF-1,CAF,Aide personnalisée au logement,{end},{month}-01,{end},250.00,EUR")
    payments = tmp_path / "payments.csv"
    payments.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run_cli(wallet_dir, "import", str(payments)).code == 0

    done = run_cli(wallet_dir, "--json", "rights")
    assert done.code == 0, done.out
    report = json.loads(done.out)
    assert report["estimate_not_decision"] is True
    assert report["months"] == months
    assert report["model"]["openfisca_france"] == "176.1.8"
    assert report["model"]["legislation_date"] <= today.isoformat()
    housing = {ln["period"]: ln for ln in report["lines"] if ln["benefit"] == "aides_logement"}
    for month in months[:3]:
        assert housing[month]["paid"] == 250.0
        assert housing[month]["difference"] == pytest.approx(housing[month]["estimate"] - 250.0)
    rsa = [ln for ln in report["lines"] if ln["benefit"] == "rsa" and ln["period"] in months[:3]]
    assert all(ln["paid"] == 0 and ln["estimate"] > 0 and ln["action"] == "claim" for ln in rsa)
    assert "caf.fr" in rsa[0]["procedure"]
    assert any(ln["benefit"] == "cheque_energie" for ln in report["lines"])
    assert {
        "answer": "tax notice (import your avis d'impôt)",
        "affects": ["cheque_energie", "css"],
    } in report["limits"]

    text = run_cli(wallet_dir, "rights", "--month", months[0]).out
    assert "an estimate, not a decision" in text
    assert "Earned income supplement (RSA)" in text
    assert run_cli(wallet_dir, "rights", "--month", "2026-13").code == 2

    with Wallet.unlock(wallet_dir, PASSPHRASE) as wallet:
        alerts = wallet.rights_alerts(today)
        assert [a.benefit for a in alerts] == ["rsa"]  # housing benefit was paid
        wallet.dismiss_rights_alert("rsa")
        assert wallet.rights_alerts(today) == []  # dismissed: it does not come back alone
        from wallet.rights import household

        wallet.save_household(household.from_json(SINGLE_TENANT))
        assert [a.benefit for a in wallet.rights_alerts(today)] == ["rsa"]  # the situation changed


def test_the_household_and_its_history_travel_in_a_backup(wallet_dir: Path, tmp_path: Path) -> None:
    _init(wallet_dir)
    assert _set(wallet_dir, tmp_path, SINGLE_TENANT) == 0
    assert (
        _set(wallet_dir, tmp_path, {**SINGLE_TENANT, "children": [{"birth_date": "2020-01-01"}]})
        == 0
    )
    backup = tmp_path / "backup.zip"
    assert run_cli(wallet_dir, "backup", str(backup)).code == 0
    other = tmp_path / "restored"
    assert run_cli(other, "restore", str(backup)).code == 0
    shown = json.loads(run_cli(other, "--json", "household", "show").out)
    assert shown["version"] == 2
    assert shown["household"]["children"] == [{"birth_date": "2020-01-01"}]
    assert b"2020-01-01" not in backup.read_bytes()  # encrypted, like the rest
