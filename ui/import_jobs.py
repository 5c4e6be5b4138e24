"""What the Imports page runs off the GUI thread: plain functions over the core, no widgets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from importers import registry
from importers.base import FileSample, Importer, read_sample
from ui.tasks import TaskHandle
from wallet.batch_writer import ConfirmIdentifier
from wallet.errors import ImportCancelled, WalletError
from wallet.importing import Confirm, ImportResult
from wallet.vault import Wallet

STEPS_PER_FILE = 1000


@dataclass
class FileChoice:
    """One chosen file: what the detectors said and which importer the person wants."""

    path: Path
    candidates: list[registry.Candidate] = field(default_factory=list)
    source: str | None = None  # None: the best detection
    problem: str = ""

    @property
    def best(self) -> registry.Candidate | None:
        return self.candidates[0] if self.candidates else None

    @property
    def recognised(self) -> bool:
        best = self.best
        return best is not None and best.detection.confidence >= registry.ACCEPT_THRESHOLD


def detect(path: Path, extra: Sequence[Importer] = ()) -> FileChoice:
    """Rank the importers for a file (reads only its first 64 KiB); ``extra``: saved mappings."""
    choice = FileChoice(path)
    try:
        sample: FileSample = read_sample(path)
    except OSError as exc:
        choice.problem = f"{path.name} could not be read ({exc.strerror})."
        return choice
    choice.candidates = registry.rank(sample, extra)
    if not choice.recognised:
        choice.problem = registry.explain_refusal(path.name, sample, choice.candidates)
    return choice


@dataclass
class FileOutcome:
    file_name: str
    result: ImportResult | None = None
    problem: str = ""
    cancelled: bool = False


def import_files(
    wallet: Wallet,
    choices: list[FileChoice],
    handle: TaskHandle,
    confirm: Confirm,
    confirm_identifier: ConfirmIdentifier | None = None,
) -> list[FileOutcome]:
    """Import each file in its own transaction; stop at a cancel (the current file is undone).

    ``confirm_identifier``: asked before a spreadsheet-damaged meter number is read as the one
    known meter it can be (``wallet.identifiers``).
    """
    outcomes: list[FileOutcome] = []
    total = len(choices) * STEPS_PER_FILE
    for number, choice in enumerate(choices):
        base = number * STEPS_PER_FILE

        def progress(done: int, size: int, base: int = base) -> None:
            handle.report(base + (done * STEPS_PER_FILE // size if size else 0), total)

        if handle.cancelled():
            outcomes.append(FileOutcome(choice.path.name, cancelled=True))
            continue
        try:
            result = wallet.import_file(
                choice.path,
                source=choice.source,
                on_progress=progress,
                cancelled=handle.cancelled,
                confirm=confirm,
                confirm_identifier=confirm_identifier,
            )
        except ImportCancelled:
            outcomes.append(FileOutcome(choice.path.name, cancelled=True))
        except WalletError as exc:
            outcomes.append(FileOutcome(choice.path.name, problem=str(exc)))
        else:
            outcomes.append(FileOutcome(choice.path.name, result))
        handle.report(base + STEPS_PER_FILE, total)
    return outcomes
