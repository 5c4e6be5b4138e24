"""Which importer reads a file: every importer scores the file's content, the best one wins.

The person (or ``selfdata import --source NAME``) may override the choice.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from importers.base import Detection, FileSample, Importer, read_sample

# One module per format; each exposes IMPORTER. Keep one per line (easy merges).
_MODULES = (
    "importers.selfdata_csv",
    "importers.caf_json",
    "importers.france_travail_json",
    "importers.caf_attestation_pdf",
    "importers.france_travail_attestation_pdf",
    "importers.tax_notice_pdf",
    "importers.bank_ofx",
    "importers.bank_csv",
    "importers.tfl_oyster",
    "importers.tfl_contactless",
    "importers.ovchipkaart",
    "importers.gtfs",
    "importers.gpx_track",
    "importers.geojson_track",
    "importers.grdf_json",
    "importers.grdf_xlsx",
    "importers.veolia_csv",
    "importers.enedis_r63",
    "importers.enedis_hdm_csv",
    "importers.edf_30min",
    "importers.enedis_dataconnect",
    "importers.enedis_portal_xlsx",
)

ACCEPT_THRESHOLD = 0.5


class UnrecognisedFile(ValueError):
    """No importer accepts the file. The message names the closest format and what differs."""


class UnknownSource(ValueError):
    """``--source`` named an importer that does not exist."""


@dataclass(frozen=True)
class Candidate:
    importer: Importer
    detection: Detection


def all_importers() -> list[Importer]:
    return [importlib.import_module(name).IMPORTER for name in _MODULES]


def by_name(name: str, extra: Sequence[Importer] = ()) -> Importer:
    """``extra``: importers built at run time (saved mappings) besides the module list."""
    candidates = [*all_importers(), *extra]
    for importer in candidates:
        if importer.name == name:
            return importer
    known = ", ".join(sorted(i.name for i in candidates))
    raise UnknownSource(f"There is no importer called '{name}'. Known importers: {known}.")


def rank(sample: FileSample, extra: Sequence[Importer] = ()) -> list[Candidate]:
    """Every importer's detection for this sample, most confident first."""
    found = []
    for importer in [*all_importers(), *extra]:
        try:
            detection = importer.detect(sample)
        except Exception as exc:  # a detector must never stop the others
            detection = Detection(0.0, f"detector failed ({type(exc).__name__})")
        found.append(Candidate(importer, detection))
    found.sort(key=lambda c: c.detection.confidence, reverse=True)
    return found


def choose(path: Path, source: str | None = None, extra: Sequence[Importer] = ()) -> Candidate:
    """The importer for ``path``: the one named by ``source``, else the best detection."""
    if not path.is_file():
        raise UnrecognisedFile(f"{path.name} is not a file that can be read.")
    sample = read_sample(path)
    if source:
        importer = by_name(source, extra)
        return Candidate(importer, importer.detect(sample))
    ranked = rank(sample, extra)
    if ranked and ranked[0].detection.confidence >= ACCEPT_THRESHOLD:
        return ranked[0]
    raise UnrecognisedFile(explain_refusal(path.name, sample, ranked))


def explain_refusal(file_name: str, sample: FileSample, ranked: list[Candidate]) -> str:
    if sample.size == 0:
        return f"{file_name} is empty: download the export again."
    close = [c for c in ranked if c.detection.near_miss or c.detection.confidence > 0]
    if close:
        best = close[0]
        detail = best.detection.near_miss or best.detection.reason
        return (
            f"{file_name} looks like {best.importer.label}, but it does not match: {detail}. "
            "The provider may have changed the format; send a support report."
        )
    return (
        f"{file_name} is not an export the wallet knows. Check that it is the file downloaded "
        "from your provider, or use the mapping importer to say which column is which."
    )
