"""Where the bundled schemas and example service descriptors live."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from wallet.resources import schemas_dir, services_dir

SCHEMAS: Path = schemas_dir()
SERVICES: Path = services_dir()


@cache
def schema(name: str) -> dict[str, Any]:
    """A bundled JSON Schema (or Table Schema) by file name."""
    loaded: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return loaded


def example_services() -> list[Path]:
    return sorted(SERVICES.glob("*.json"))
