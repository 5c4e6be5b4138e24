"""Which importer reads a file: every importer scores the file's content, the best one wins.

The person (or ``selfdata import --source NAME``) may override the choice.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from importers.base import Detection, FileSample, Importer, read_sample

# One module per format; each exposes IMPORTER. Keep one per line (easy merges).
_MODULES = (
    "importers.selfdata_csv",
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


def by_name(name: str) -> Importer:
    for importer in all_importers():
        if importer.name == name:
            return importer
    known = ", ".join(sorted(i.name for i in all_importers()))
    raise UnknownSource(f"There is no importer called '{name}'. Known importers: {known}.")


def rank(sample: FileSample) -> list[Candidate]:
    """Every importer's detection for this sample, most confident first."""
    found = []
    for importer in all_importers():
        try:
            detection = importer.detect(sample)
        except Exception as exc:  # a detector must never stop the others
            detection = Detection(0.0, f"detector failed ({type(exc).__name__})")
        found.append(Candidate(importer, detection))
    found.sort(key=lambda c: c.detection.confidence, reverse=True)
    return found


def choose(path: Path, source: str | None = None) -> Candidate:
    """The importer for ``path``: the one named by ``source``, else the best detection."""
    if not path.is_file():
        raise UnrecognisedFile(f"{path.name} is not a file that can be read.")
    sample = read_sample(path)
    if source:
        importer = by_name(source)
        return Candidate(importer, importer.detect(sample))
    ranked = rank(sample)
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
