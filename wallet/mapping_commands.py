"""What ``selfdata mapping add | list | export | import | remove`` do when they run.

``wallet.mapping_cli`` registers them by name; this module is imported when one of them runs.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from importers import registry
from importers.base import read_sample
from importers.mapping import Mapping, MappingError
from wallet import mappings
from wallet.errors import InvalidInput

if TYPE_CHECKING:
    from wallet.cli import Context

SHOWN_REJECTIONS = 10


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    sample = Path(args.from_file)
    header, delimiter = mappings.sample_header(sample)
    with ctx.open() as wallet:
        mapping = Mapping(
            name=args.name,
            header=tuple(header),
            date_column=mappings.resolve_column(header, args.date_column),
            date_format=args.date_format,
            value_column=mappings.resolve_column(header, args.value_column),
            unit=args.unit,
            dataset=args.dataset,
            meter_column=(
                mappings.resolve_column(header, args.meter_column) if args.meter_column else None
            ),
            meter=args.meter,
            step=args.step,
            stamp=args.stamp,
            timezone=args.timezone or wallet.timezone,
            delimiter=delimiter,
            sheet=args.sheet,
            note=args.note,
        )
        try:
            count, rejected = mappings.trial(mapping, sample)
        except MappingError as exc:
            raise InvalidInput(str(exc)) from None
        if count == 0:
            first = f" (line {rejected[0].line}: {rejected[0].reason})" if rejected else ""
            raise InvalidInput(
                f"With these columns no row of {sample.name} can be read{first}. "
                "Check the date format and the columns; nothing was saved."
            )
        wallet.save_mapping(mapping, replace=args.replace)
    built_in = _built_in_reader(sample)
    data: dict[str, Any] = {
        "saved": mapping.name,
        "readings_in_sample": count,
        "rejected_in_sample": len(rejected),
        "rejected_lines": [{"line": r.line, "reason": r.reason} for r in rejected[:100]],
        "built_in_importer": built_in,
        "mapping": mapping.to_json(),
    }
    text = f"Mapping '{mapping.name}' saved: it reads {count} readings from {sample.name}" + (
        f", {len(rejected)} lines cannot be read:" if rejected else "."
    )
    for item in rejected[:SHOWN_REJECTIONS]:
        text += f"\n  line {item.line}: {item.reason}"
    if built_in:
        text += (
            f"\nNote: the wallet already recognises this file as {built_in}; "
            "that importer is used first, the mapping serves files it does not recognise."
        )
    text += "\nFiles with the same header are now imported with it by 'selfdata import'."
    ctx.emit(data, text)
    return 0


def _built_in_reader(sample: Path) -> str:
    ranked = registry.rank(read_sample(sample))
    if ranked and ranked[0].detection.confidence >= 0.95:
        return ranked[0].importer.label
    return ""


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open() as wallet:
        found = wallet.mappings()
    lines = [
        f"{m.name}: {m.dataset} in {m.unit}; date '{m.date_column}' ({m.date_format}), "
        f"value '{m.value_column}', meter "
        + (f"column '{m.meter_column}'" if m.meter_column else f"'{m.meter}'")
        for m in found
    ]
    ctx.emit(
        [m.to_json() for m in found],
        "\n".join(lines) or "No saved mappings. Make one with 'selfdata mapping add'.",
    )
    return 0


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open() as wallet:
        mapping = wallet.mapping(args.name)
    out = Path(args.output)
    mappings.export_mapping(mapping, out)
    ctx.emit(
        {"exported": mapping.name, "file": str(out)},
        f"Mapping '{mapping.name}' written to {out}. Others add it with "
        f"'selfdata mapping import {out.name}'.",
    )
    return 0


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    path = Path(args.file)
    mapping = mappings.read_mapping_file(path)  # checked before asking for the passphrase
    if args.name:
        mapping = replace(mapping, name=args.name)
    with ctx.open() as wallet:
        wallet.save_mapping(mapping, replace=args.replace)
    ctx.emit(
        {"imported": mapping.name, "mapping": mapping.to_json()},
        f"Mapping '{mapping.name}' added: files with its header are now imported with it.",
    )
    return 0


def cmd_remove(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open() as wallet:
        wallet.remove_mapping(args.name)
    ctx.emit({"removed": args.name}, f"Mapping '{args.name}' removed.")
    return 0


def cmd_help(ctx: Context, args: argparse.Namespace) -> int:
    raise InvalidInput("Say what to do: selfdata mapping add | list | export | import | remove.")
