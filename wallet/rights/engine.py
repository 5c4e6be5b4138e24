"""OpenFisca-France, loaded once per process and only when an estimate is asked for.

Loading the model (its parameters and formulas) takes seconds, so the tax and benefit system
is kept for the life of the process: a second estimate reuses it. The desktop program calls
``load`` from a worker thread; a lock makes two threads asking at once load it once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from wallet.errors import WalletError

Progress = Callable[[int, int], None]
_lock = threading.Lock()
_system: Any = None
# The part of the parameter tree whose last change dates the model's legislation.
_BENEFIT_PARAMETERS = "prestations_sociales"


class ModelUnavailable(WalletError):
    """OpenFisca-France is not installed with this copy of the program."""


@dataclass(frozen=True)
class ModelInfo:
    version: str  # openfisca-france
    core_version: str  # openfisca-core
    legislation_date: str  # ISO date of the newest benefit parameter the model holds

    def as_json(self) -> dict[str, str]:
        return {
            "openfisca_france": self.version,
            "openfisca_core": self.core_version,
            "legislation_date": self.legislation_date,
        }


def is_loaded() -> bool:
    return _system is not None


def load() -> Any:
    """The process-wide ``CountryTaxBenefitSystem``, loaded on first use."""
    global _system
    with _lock:
        if _system is None:
            try:
                from openfisca_france import CountryTaxBenefitSystem
            except ImportError as exc:  # the module's name helps the help desk, and is no secret
                raise ModelUnavailable(
                    "The rights check needs OpenFisca-France, which is missing from this "
                    f"installation (module {exc.name}). Reinstall the program."
                ) from None
            _system = CountryTaxBenefitSystem()
        return _system


@cache
def info() -> ModelInfo:
    from importlib.metadata import version

    return ModelInfo(
        version("OpenFisca-France"), version("OpenFisca-Core"), legislation_date(load())
    )


def legislation_date(system: Any, today: date | None = None) -> str:
    """The newest date, not after today, at which a benefit parameter of the model changes."""
    limit = (today or date.today()).isoformat()
    newest = ""
    for instant in _instants(getattr(system.parameters, _BENEFIT_PARAMETERS)):
        if newest < instant <= limit:
            newest = instant
    return newest


def _instants(node: Any) -> Iterable[str]:
    values = getattr(node, "values_list", None)
    if values is not None:
        for value in values:
            yield str(value.instant_str)
        return
    brackets = getattr(node, "brackets", None)
    if brackets is not None:
        for bracket in brackets:
            for name in ("threshold", "rate", "amount", "base", "average_rate"):
                child = getattr(bracket, name, None)
                if child is not None:
                    yield from _instants(child)
        return
    for child in getattr(node, "children", {}).values():
        yield from _instants(child)


@dataclass(frozen=True)
class Request:
    variable: str
    period: str  # "2026-11" or "2026"


class Simulation:
    """One household's situation, built once; each variable is computed (and kept) once."""

    def __init__(self, situation: dict[str, Any]) -> None:
        from openfisca_core.simulation_builder import SimulationBuilder

        self._simulation = SimulationBuilder().build_from_entities(load(), situation)

    def calculate(self, request: Request) -> float:
        """The variable for its period. The situation holds one household, so a family or
        dwelling variable has one value; a person's (the AAH) is summed over its members."""
        values = self._simulation.calculate(request.variable, request.period)
        return float(values.sum())


def calculate(situation: dict[str, Any], requests: list[Request]) -> dict[Request, float]:
    """Each requested variable for its period, computed by the model on one situation."""
    simulation = Simulation(situation)
    return {request: simulation.calculate(request) for request in requests}
