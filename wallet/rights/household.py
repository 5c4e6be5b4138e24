"""The household's own description: who lives in the home, housing, activity and incomes.

Every answer is optional: ``None`` means "not answered", which is not the same as "none"
(an income of 0, no children). ``limits`` lists the missing answers that limit an estimate.
The JSON form (``as_json`` / ``from_json``) is what ``selfdata household set FILE`` reads and
what the wallet stores; amounts are euros per month in JSON, integer cents inside.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from wallet.errors import InvalidInput

ACTIVITIES = ("employed", "unemployed", "student", "retired", "inactive")
HOUSING_STATUSES = ("tenant", "social_tenant", "furnished_tenant", "owner", "hosted")
# Monthly incomes a person can type: net salary (before income tax), net unemployment
# benefit, pension before deductions (as the pension statement prints it).
INCOMES = ("salary", "unemployment", "pension")
MAX_ADULTS = 2
MAX_CHILDREN = 12
TENANTS = ("tenant", "social_tenant", "furnished_tenant")


@dataclass(frozen=True)
class Adult:
    birth_date: date | None = None
    activity: str | None = None
    incomes_cents: dict[str, int] = field(default_factory=dict)  # a kind absent: not answered
    disability_rate: float | None = None  # 0.0 .. 1.0 as recognised by the MDPH; 0 = none
    pregnant: bool | None = None


@dataclass(frozen=True)
class Child:
    birth_date: date | None = None


@dataclass(frozen=True)
class Housing:
    status: str | None = None
    rent_cents: int | None = None  # monthly rent, charges excluded
    postcode: str | None = None
    commune: str | None = None  # INSEE commune code, what the model needs


@dataclass(frozen=True)
class Household:
    adults: tuple[Adult, ...] = ()
    children: tuple[Child, ...] | None = None  # None: not answered; () no child
    housing: Housing = field(default_factory=Housing)

    @property
    def is_empty(self) -> bool:
        return self == Household()

    def with_commune(self, commune: str | None) -> Household:
        return replace(self, housing=replace(self.housing, commune=commune))

    def as_json(self) -> dict[str, Any]:
        return {
            "adults": [_adult_json(a) for a in self.adults],
            "children": None
            if self.children is None
            else [{"birth_date": _iso(c.birth_date)} for c in self.children],
            "housing": {
                "status": self.housing.status,
                "rent": _euros(self.housing.rent_cents),
                "postcode": self.housing.postcode,
                "commune": self.housing.commune,
            },
        }


# What a missing answer is about, as the command line says it; the desktop program translates
# the topic (a key) and names the person itself.
TOPICS = {
    "adults": "the adults of the household",
    "birth_date": "birth date",
    "activity": "activity",
    "salary": "monthly salary",
    "unemployment": "monthly unemployment",
    "pension": "monthly pension",
    "disability": "disability",
    "pregnancy": "pregnancy",
    "children": "children",
    "housing": "housing",
    "rent": "rent",
    "commune": "commune",
    "tax_notice": "tax notice (import your avis d'impôt)",
}


@dataclass(frozen=True)
class Limit:
    """A missing answer, and the benefits whose estimate it limits."""

    topic: str  # a key of TOPICS
    affects: tuple[str, ...]  # benefit keys (see catalogue); empty: every benefit
    adult: int | None = None  # 1-based, when the answer is an adult's
    child: int | None = None  # 1-based, when it is a child's

    @property
    def answer(self) -> str:
        """In plain words, e.g. "adult 1: birth date"."""
        who = (
            f"adult {self.adult}: " if self.adult else f"child {self.child}: " if self.child else ""
        )
        return who + TOPICS[self.topic]

    def as_json(self) -> dict[str, Any]:
        return {"answer": self.answer, "affects": list(self.affects)}


ALL: tuple[str, ...] = ()


def limits(household: Household) -> list[Limit]:
    """Which missing answers limit the estimate, in questionnaire order."""
    found: list[Limit] = []
    if not household.adults:
        return [Limit("adults", ALL)]
    for number, adult in enumerate(household.adults, start=1):
        if adult.birth_date is None:
            found.append(Limit("birth_date", ALL, adult=number))
        if adult.activity is None:
            found.append(Limit("activity", ("rsa", "ppa", "aah"), adult=number))
        for kind in INCOMES:
            if kind not in adult.incomes_cents:
                found.append(Limit(kind, ALL, adult=number))
        if adult.disability_rate is None:
            found.append(Limit("disability", ("aah",), adult=number))
        if adult.pregnant is None and (adult.birth_date is None or _age(adult.birth_date) < 50):
            found.append(Limit("pregnancy", ("rsa", "asf", "af"), adult=number))
    if household.children is None:
        found.append(Limit("children", ALL))
    else:
        for number, child in enumerate(household.children, start=1):
            if child.birth_date is None:
                found.append(Limit("birth_date", ("af", "cf", "asf", "rsa"), child=number))
    housing = household.housing
    if housing.status is None:
        found.append(Limit("housing", ("aides_logement", "rsa", "ppa", "cheque_energie")))
    elif housing.status in TENANTS and housing.rent_cents is None:
        found.append(Limit("rent", ("aides_logement",)))
    if housing.commune is None:
        found.append(Limit("commune", ("aides_logement",)))
    return found


def _age(born: date, today: date | None = None) -> int:
    today = today or date.today()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


# --- JSON ---------------------------------------------------------------------------------
def from_json(data: Any) -> Household:
    """A household from its JSON form; InvalidInput names the answer that is wrong."""
    if not isinstance(data, dict):
        raise InvalidInput("A household file is a JSON object with adults, children, housing.")
    _only(data, {"adults", "children", "housing"}, "the household")
    adults_data = data.get("adults") or []
    if not isinstance(adults_data, list) or len(adults_data) > MAX_ADULTS:
        raise InvalidInput(f"adults: a list of at most {MAX_ADULTS} adults.")
    adults = tuple(_adult(a, f"adults[{i}]") for i, a in enumerate(adults_data))
    children_data = data.get("children")
    children: tuple[Child, ...] | None = None
    if children_data is not None:
        if not isinstance(children_data, list) or len(children_data) > MAX_CHILDREN:
            raise InvalidInput(f"children: a list of at most {MAX_CHILDREN} children.")
        children = tuple(_child(c, f"children[{i}]") for i, c in enumerate(children_data))
    housing = _housing(data.get("housing") or {})
    return Household(adults, children, housing)


def _only(data: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise InvalidInput(
            f"{where}: unknown answer {', '.join(unknown)}. Known: {', '.join(sorted(allowed))}."
        )


def _adult(data: Any, where: str) -> Adult:
    if not isinstance(data, dict):
        raise InvalidInput(f"{where}: an object with birth_date, activity, incomes...")
    _only(data, {"birth_date", "activity", "incomes", "disability_rate", "pregnant"}, where)
    activity = data.get("activity")
    if activity is not None and activity not in ACTIVITIES:
        raise InvalidInput(f"{where}.activity: one of {', '.join(ACTIVITIES)}.")
    incomes_data = data.get("incomes") or {}
    if not isinstance(incomes_data, dict):
        raise InvalidInput(f'{where}.incomes: an object such as {{"salary": 1400}}.')
    _only(incomes_data, set(INCOMES), f"{where}.incomes")
    incomes = {
        kind: cents
        for kind, value in incomes_data.items()
        if (cents := _cents(value, f"{where}.incomes.{kind}")) is not None
    }
    rate = data.get("disability_rate")
    if rate is not None and (
        isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 <= rate <= 1
    ):
        raise InvalidInput(f"{where}.disability_rate: a number from 0 to 1 (0.8 for 80 %).")
    pregnant = data.get("pregnant")
    if pregnant is not None and not isinstance(pregnant, bool):
        raise InvalidInput(f"{where}.pregnant: true or false.")
    return Adult(
        _date(data.get("birth_date"), f"{where}.birth_date"),
        activity,
        incomes,
        None if rate is None else float(rate),
        pregnant,
    )


def _child(data: Any, where: str) -> Child:
    if not isinstance(data, dict):
        raise InvalidInput(f"{where}: an object with birth_date.")
    _only(data, {"birth_date"}, where)
    return Child(_date(data.get("birth_date"), f"{where}.birth_date"))


def _housing(data: Any) -> Housing:
    if not isinstance(data, dict):
        raise InvalidInput("housing: an object with status, rent, postcode, commune.")
    _only(data, {"status", "rent", "postcode", "commune"}, "housing")
    status = data.get("status")
    if status is not None and status not in HOUSING_STATUSES:
        raise InvalidInput(f"housing.status: one of {', '.join(HOUSING_STATUSES)}.")
    postcode = _code(data.get("postcode"), "housing.postcode", "a 5-digit postcode")
    commune = _code(data.get("commune"), "housing.commune", "a 5-character INSEE commune code")
    if commune is None and postcode is not None:
        from wallet.rights.communes import commune_of  # a small sourced table

        commune = commune_of(postcode)
    return Housing(status, _cents(data.get("rent"), "housing.rent"), postcode, commune)


def _code(value: Any, where: str, what: str) -> str | None:
    if value is None or value == "":
        return None
    text = str(value).strip().upper()
    if len(text) != 5 or not text.isalnum():
        raise InvalidInput(f"{where}: {what}.")
    return text


def _date(value: Any, where: str) -> date | None:
    if value is None or value == "":
        return None
    try:
        found = date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput(f"{where}: a date written YYYY-MM-DD.") from None
    if found > date.today() or found.year < 1900:
        raise InvalidInput(f"{where}: a date in the past, written YYYY-MM-DD.")
    return found


def _cents(value: Any, where: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InvalidInput(f"{where}: an amount in euros per month, such as 1398.69.")
    try:
        amount = float(str(value).replace(",", ".").replace(" ", ""))
    except ValueError:
        raise InvalidInput(f"{where}: an amount in euros per month, such as 1398.69.") from None
    if not 0 <= amount < 1_000_000:
        raise InvalidInput(f"{where}: an amount from 0 to 999999 euros per month.")
    return round(amount * 100)


def _euros(cents: int | None) -> float | None:
    return None if cents is None else cents / 100


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _adult_json(adult: Adult) -> dict[str, Any]:
    return {
        "birth_date": _iso(adult.birth_date),
        "activity": adult.activity,
        "incomes": {k: _euros(v) for k, v in adult.incomes_cents.items()},
        "disability_rate": adult.disability_rate,
        "pregnant": adult.pregnant,
    }
