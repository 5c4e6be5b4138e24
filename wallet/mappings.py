"""Saved column mappings: stored in the vault, applied to files with the same header, shared.

A help desk builds a mapping once (from a sample file, over the phone if need be), exports it as
a small JSON file (schema ``resources/schemas/mapping-1.0.json``) and hands it to the residents
of its city; ``import_mapping`` checks it and stores it in their wallet. From then on,
``saved_importers`` gives the vault's import step one importer per mapping.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from importers.base import Importer, Rejected, read_sample
from importers.labels import plain
from importers.mapping import Mapping, MappingError, MappingImporter
from importers.tabular import head_rows, is_blank, sniff_delimiter, trimmed
from wallet import db
from wallet.errors import InvalidInput, NotFound
from wallet.files import atomic_write
from wallet.resources import schemas_dir

SCHEMA_PATH = schemas_dir() / "mapping-1.0.json"
SCHEMA_URL = "https://selfdata-wallet.example/schemas/mapping-1.0.json"
MAX_FILE_BYTES = 64 * 1024  # a mapping is a few hundred bytes; anything big is not one


def _checked(mapping: Mapping) -> Mapping:
    try:
        mapping.validate()
    except MappingError as exc:
        raise InvalidInput(str(exc)) from None
    return mapping


def save(conn: db.Connection, mapping: Mapping, *, replace: bool = False) -> None:
    _checked(mapping)
    exists = conn.execute("SELECT 1 FROM mappings WHERE name = ?", (mapping.name,)).fetchone()
    if exists and not replace:
        raise InvalidInput(
            f"A mapping called '{mapping.name}' already exists. Remove it first, or use --replace."
        )
    conn.execute(
        "INSERT INTO mappings (name, header_signature, definition, created_at) VALUES (?,?,?,?) "
        "ON CONFLICT (name) DO UPDATE SET header_signature = excluded.header_signature, "
        "definition = excluded.definition, created_at = excluded.created_at",
        (
            mapping.name,
            mapping.signature,
            json.dumps(mapping.to_json(), ensure_ascii=False, sort_keys=True),
            datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    )


def load_all(conn: db.Connection) -> list[Mapping]:
    """Every saved mapping, by name. A stored definition that no longer reads is skipped."""
    found = []
    for (definition,) in conn.execute("SELECT definition FROM mappings ORDER BY name"):
        try:
            found.append(Mapping.from_json(json.loads(definition)))
        except (MappingError, ValueError):
            continue
    return found


def get(conn: db.Connection, name: str) -> Mapping:
    row = conn.execute("SELECT definition FROM mappings WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise NotFound(f"There is no saved mapping called '{name}'. See 'selfdata mapping list'.")
    return Mapping.from_json(json.loads(row[0]))


def remove(conn: db.Connection, name: str) -> None:
    if conn.execute("DELETE FROM mappings WHERE name = ?", (name,)).rowcount == 0:
        raise NotFound(f"There is no saved mapping called '{name}'. See 'selfdata mapping list'.")


def saved_importers(conn: db.Connection) -> list[Importer]:
    """One importer per saved mapping, for the vault's import step."""
    return [MappingImporter(mapping) for mapping in load_all(conn)]


# --- sharing as files --------------------------------------------------------------------
def export_mapping(mapping: Mapping, path: Path) -> None:
    data = {"$schema": SCHEMA_URL, **mapping.to_json()}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    atomic_write(path, text.encode("utf-8"))


def read_mapping_file(path: Path) -> Mapping:
    """A mapping file checked against the schema and for sense; never half-trusted."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InvalidInput(f"{path.name} is too big to be a mapping file.")
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise InvalidInput(f"{path.name} could not be read ({exc.strerror}).") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidInput(f"{path.name} is not a JSON mapping file.") from None
    if not isinstance(data, dict):
        raise InvalidInput(f"{path.name} is not a JSON mapping file.")
    import jsonschema  # slow to load; only mapping files need it

    try:
        jsonschema.validate(data, schema())
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "the top level"
        raise InvalidInput(
            f"{path.name} is not a valid mapping: {where} does not follow the mapping schema "
            f"({exc.validator})."
        ) from None
    try:
        return Mapping.from_json(data)
    except MappingError as exc:
        raise InvalidInput(f"{path.name} is not a valid mapping: {exc}") from None


def import_mapping(conn: db.Connection, path: Path, *, replace: bool = False) -> Mapping:
    mapping = read_mapping_file(path)
    save(conn, mapping, replace=replace)
    return mapping


def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


# --- building one from a sample file -----------------------------------------------------
def sample_header(path: Path) -> tuple[list[str], str | None]:
    """The header of a sample file (its first row with two labels or more) and its separator."""
    sample = read_sample(path)
    if sample.size == 0:
        raise InvalidInput(f"{path.name} is empty.")
    delimiter = None
    if not sample.is_zip:
        if sample.text is None:
            raise InvalidInput(f"{path.name} is neither a CSV (text) nor an XLSX file.")
        delimiter = sniff_delimiter(sample.first_nonblank_line())
    for row in head_rows(sample, delimiter):
        cells = trimmed(row)
        if not is_blank(cells) and sum(1 for c in cells if c is not None and str(c).strip()) >= 2:
            return ["" if c is None else str(c).strip() for c in cells], delimiter
    raise InvalidInput(f"No header row with column labels was found at the top of {path.name}.")


def resolve_column(header: Sequence[str], given: str) -> str:
    """A column by its label (accents and case aside) or its position from 1, as its label."""
    labels = [plain(h) for h in header]
    if plain(given) in labels:
        return header[labels.index(plain(given))]
    if given.strip().isdigit() and 1 <= int(given) <= len(header):
        return header[int(given) - 1]
    raise InvalidInput(
        f"The file has no column '{given}'. Its columns are: "
        + ", ".join(f"{i}. {h}" for i, h in enumerate(header, start=1))
    )


def trial(mapping: Mapping, path: Path) -> tuple[int, list[Rejected]]:
    """How many readings the mapping finds in ``path``, and the lines it cannot read."""
    importer = MappingImporter(mapping)
    count, rejected = 0, []
    for item in importer.parse(path):
        if isinstance(item, Rejected):
            rejected.append(item)
        else:
            count += 1
    return count, rejected
