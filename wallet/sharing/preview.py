"""A preview: exactly what a share would send, before anything is confirmed."""

from __future__ import annotations

from dataclasses import dataclass, field

from wallet.sharing.descriptor import Descriptor
from wallet.sharing.slices import Slice, Table


@dataclass
class Preview:
    """Exactly what would leave: the rows per resource, their count and their size."""

    descriptor: Descriptor
    slice: Slice
    tables: list[Table]
    warnings: list[str]
    destination: str  # the share URL, or "file"
    data_bytes: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(len(t.rows) for t in self.tables)

    def as_json(self) -> dict[str, object]:
        return {
            "service_id": self.descriptor.service_id,
            "service": self.descriptor.name(),
            "destination": self.destination,
            "slice": self.slice.as_json(),
            "rows": self.rows,
            "bytes": self.data_bytes,
            "warnings": self.warnings,
            "resources": [
                {"name": t.part.resource, "header": t.header, "rows": t.rows} for t in self.tables
            ],
        }
