"""What ``selfdata household`` and ``selfdata rights`` do when they run.

``household edit`` asks the questions on the terminal (or reads the answers from standard
input, one a line): the answers never pass through a file in clear.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wallet.errors import InvalidInput
from wallet.rights import catalogue
from wallet.rights.household import ACTIVITIES, HOUSING_STATUSES, INCOMES, from_json, limits

if TYPE_CHECKING:
    from wallet.cli import Context
    from wallet.rights.estimate import RightsReport

ACTIONS = {
    "claim": "you may be entitled and nothing was seen paid: claim it from {payer}: {procedure}",
    "less": "less was paid than estimated: check your file with {payer}",
    "more": "more was paid than estimated: check your answers; tell {payer} of any change",
    "matches": "what was paid matches the estimate",
    "none": "",
    "unknown": "the wallet cannot tell what was paid (payments without a benefit name)",
}
NOTICE = "This is an estimate, not a decision: only the paying organisation decides."


def cmd_household(ctx: Context, args: argparse.Namespace) -> int:
    if args.action == "set":
        if not args.file:
            raise InvalidInput(
                "household set needs a JSON FILE (see 'selfdata household show --json')."
            )
        try:
            data = json.loads(Path(args.file).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"{args.file} could not be read ({type(exc).__name__}).") from None
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"{args.file} is not valid JSON (line {exc.lineno}).") from None
        household = from_json(data)
        with ctx.open() as wallet:
            saved = wallet.save_household(household)
        ctx.emit(
            {"version": saved.version, "saved_at": saved.saved_at},
            f"Household saved (version {saved.version}). 'selfdata rights' estimates from it.",
        )
        return 0
    with ctx.open() as wallet:
        current = wallet.household()
        if args.action == "edit":
            start = current.household.as_json() if current else {}
            household = from_json(_questionnaire(ctx, start))
            saved = wallet.save_household(household)
            ctx.emit(
                {"version": saved.version, "saved_at": saved.saved_at},
                f"Household saved (version {saved.version}).",
            )
            return 0
    if current is None:
        ctx.emit(
            {"household": None},
            "No household described yet. 'selfdata household edit' asks the questions.",
        )
        return 0
    missing = [limit.answer for limit in limits(current.household)]
    data = {
        "version": current.version,
        "saved_at": current.saved_at,
        "household": current.household.as_json(),
        "missing_answers": missing,
    }
    text = (
        f"Household (version {current.version}, saved {current.saved_at}):\n"
        + json.dumps(current.household.as_json(), indent=2, ensure_ascii=False)
        + ("\nNot answered: " + "; ".join(missing) if missing else "")
    )
    ctx.emit(data, text)
    return 0


def cmd_rights(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open() as wallet:
        ctx.say("Estimating with OpenFisca-France (a few seconds the first time)...")
        report = wallet.rights(date.today(), month=args.month)
    ctx.emit(report.as_json("en"), _text(report))
    return 0


def _text(report: RightsReport) -> str:
    model = report.model
    lines = [
        NOTICE,
        f"OpenFisca-France {model.version} (legislation up to {model.legislation_date}).",
    ]
    for period in [
        *report.months,
        *sorted({ln.period for ln in report.lines} - set(report.months)),
    ]:
        lines.append("")
        lines.append(period)
        for line in (ln for ln in report.lines if ln.period == period):
            if not line.eligible and not line.paid_cents:
                continue
            benefit = catalogue.by_key(line.benefit)
            paid = "?" if line.paid_cents is None else f"{line.paid_cents / 100:.2f}"
            diff = line.difference_cents
            figures = f"estimate {line.estimate_cents / 100:.2f}, paid {paid}"
            if diff is not None:
                figures += f", difference {diff / 100:+.2f}"
            if benefit.kind == "coverage":
                figures = (
                    "free of charge"
                    if line.estimate_cents == 0
                    else f"with a participation of {line.estimate_cents / 100:.2f} a month"
                )
            todo = ACTIONS[line.action].format(
                payer=benefit.payer("en"), procedure=benefit.procedure("en")
            )
            lines.append(f"  {benefit.name('en')}: {figures}" + (f"\n    {todo}" if todo else ""))
        if len(lines) and lines[-1] == period:
            lines.append("  nothing estimated and nothing paid")
    if report.filled:
        lines.append("")
        lines.append("Filled from the payments in the wallet:")
        lines.extend(
            f"  adult {f.adult}: monthly {f.kind} ({f.months} months paid by {f.payer})"
            for f in report.filled
        )
    if report.limits:
        lines.append("")
        lines.append("Not answered, which limits this estimate:")
        lines.extend(f"  - {limit.answer}" for limit in report.limits)
    return "\n".join(lines)


# --- the questionnaire on the terminal -----------------------------------------------------
def _ask(ctx: Context, question: str, current: Any) -> Any:
    """One answer: Enter keeps the current one, '-' leaves it unanswered."""
    shown = "" if current is None else f" [{current}]"
    ctx.stdout.flush()
    ctx.say(f"{question}{shown}: ")
    line = ctx.stdin.readline()
    if not line:
        raise InvalidInput("The questionnaire ended before its last answer; nothing was saved.")
    answer = line.strip()
    if answer == "":
        return current
    return None if answer == "-" else answer


def _yes_no(value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    return str(value).lower() in ("y", "yes", "o", "oui", "true")


def _questionnaire(ctx: Context, start: dict[str, Any]) -> dict[str, Any]:
    ctx.say("Answer each question; Enter keeps the answer in brackets, '-' leaves it open.")
    adults_now = start.get("adults") or []
    count = int(_ask(ctx, "Adults in the home (1 or 2)", len(adults_now) or None) or 0)
    adults = []
    for index in range(count):
        old = adults_now[index] if index < len(adults_now) else {}
        who = f"Adult {index + 1}"
        incomes = dict(old.get("incomes") or {})
        adult: dict[str, Any] = {
            "birth_date": _ask(ctx, f"{who}: birth date (YYYY-MM-DD)", old.get("birth_date")),
            "activity": _ask(
                ctx, f"{who}: activity ({', '.join(ACTIVITIES)})", old.get("activity")
            ),
        }
        for kind in INCOMES:
            incomes[kind] = _ask(
                ctx, f"{who}: monthly {kind} in euros (0 if none)", incomes.get(kind)
            )
        adult["incomes"] = {k: v for k, v in incomes.items() if v is not None}
        rate = _ask(
            ctx,
            f"{who}: disability rate recognised, 0 to 1 (0 if none)",
            old.get("disability_rate"),
        )
        adult["disability_rate"] = None if rate is None else float(rate)
        adult["pregnant"] = _yes_no(_ask(ctx, f"{who}: pregnant (yes/no)", old.get("pregnant")))
        adults.append(adult)
    children_now = start.get("children")
    answer = _ask(
        ctx, "Children living in the home", None if children_now is None else len(children_now)
    )
    children = None
    if answer is not None:
        children = [
            {
                "birth_date": _ask(
                    ctx, f"Child {i + 1}: birth date (YYYY-MM-DD)", _nth_birth(children_now, i)
                )
            }
            for i in range(int(answer))
        ]
    housing_now = start.get("housing") or {}
    housing = {
        "status": _ask(ctx, f"Housing ({', '.join(HOUSING_STATUSES)})", housing_now.get("status")),
        "rent": _ask(ctx, "Monthly rent in euros, without charges", housing_now.get("rent")),
        "postcode": _ask(ctx, "Postcode", housing_now.get("postcode")),
    }
    from wallet.rights.communes import commune_of

    if housing["postcode"] is None or commune_of(str(housing["postcode"])) is None:
        housing["commune"] = _ask(
            ctx, "INSEE commune code (5 characters)", housing_now.get("commune")
        )
    return {"adults": adults, "children": children, "housing": housing}


def _nth_birth(children: list[dict[str, Any]] | None, index: int) -> Any:
    if children is None or index >= len(children):
        return None
    return children[index].get("birth_date")
