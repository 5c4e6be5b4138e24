"""The words of an import's counts, shared by ``selfdata import``, ``selfdata imports`` and
the help-desk notes: "added 52, already present 3, corrected 2, filled 1, rejected 0; 3
repeated rows, kept once".

Corrected and filled are said only when there are some; rows a file held that were not stored
on purpose (``importers.base.NotStored``) are named one reason at a time.
"""

from __future__ import annotations

from typing import Protocol

from importers.base import NOT_STORED_REASONS, OTHER_KIND, OUTSIDE_PERIOD, REPEATED, SUMMARY

# reason -> (one row, several rows)
_NOT_STORED_WORDS = {
    REPEATED: ("1 repeated row, kept once", "{n} repeated rows, kept once"),
    OUTSIDE_PERIOD: (
        "1 row outside the file's period, not stored",
        "{n} rows outside the file's period, not stored",
    ),
    SUMMARY: ("1 summary row (a total), not stored", "{n} summary rows (totals), not stored"),
    OTHER_KIND: (
        "1 row of a kind the wallet does not keep, not stored",
        "{n} rows of a kind the wallet does not keep, not stored",
    ),
}


class Counted(Protocol):
    """An import's result or a batch's record."""

    @property
    def added(self) -> int: ...
    @property
    def present(self) -> int: ...
    @property
    def corrected(self) -> int: ...
    @property
    def filled(self) -> int: ...
    @property
    def not_stored(self) -> dict[str, int]: ...


def not_stored_text(not_stored: dict[str, int]) -> list[str]:
    """One phrase per reason, in a fixed order; an unknown reason is named as it is."""
    phrases = []
    for reason in [*NOT_STORED_REASONS, *sorted(set(not_stored) - set(NOT_STORED_REASONS))]:
        rows = not_stored.get(reason, 0)
        if rows <= 0:
            continue
        one, several = _NOT_STORED_WORDS.get(
            reason, (f"1 row not stored ({reason})", f"{{n}} rows not stored ({reason})")
        )
        phrases.append(one if rows == 1 else several.format(n=f"{rows:,}"))
    return phrases


def counts_text(counted: Counted, rejected: int | None = None) -> str:
    """``rejected``: the batch's or result's count of unreadable rows, said after the others."""
    parts = [f"added {counted.added}", f"already present {counted.present}"]
    if counted.corrected:
        parts.append(f"corrected {counted.corrected}")
    if counted.filled:
        parts.append(f"filled {counted.filled}")
    if rejected is None:
        rejected = int(getattr(counted, "rejected", 0))
    parts.append(f"rejected {rejected}")
    text = ", ".join(parts)
    skipped = not_stored_text(counted.not_stored)
    return text + ("; " + "; ".join(skipped) if skipped else "")
