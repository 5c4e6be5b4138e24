"""What the provider said of the readings in each chart bucket: estimated, corrected.

A bucket is marked estimated when a reading in it is flagged estimated now (Enedis nature E,
H, P, K; GRDF "Estimé"), and corrected when a reading in it was corrected by the provider:
flagged so (Enedis C, GRDF "Corrigé"), or replaced by a later download (an earlier value kept
in ``energy_revisions``). Counted over the consumption readings the series adds up.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from wallet import db


@dataclass(frozen=True)
class Flags:
    estimated: int = 0  # readings in the bucket the provider says are estimated
    corrected: int = 0  # readings in it the provider corrected

    @property
    def any(self) -> bool:
        return bool(self.estimated or self.corrected)


def bucket_flags(conn: db.Connection, dataset: str, bounds: list[int]) -> list[Flags]:
    """One ``Flags`` per bucket ``[bounds[i], bounds[i + 1])`` of the dataset's consumption."""
    count = len(bounds) - 1
    estimated, corrected = [0] * count, [0] * count
    if count <= 0:
        return []
    lo, hi = bounds[0], bounds[-1]
    channels = "SELECT c.id FROM channels c JOIN entities e ON e.id = c.entity_id " + (
        "WHERE e.dataset = ? AND c.quantity = 'consumption'"
    )
    flagged = conn.execute(
        f"SELECT start_utc, quality FROM energy_values WHERE channel_id IN ({channels}) "
        "AND start_utc >= ? AND start_utc < ? AND quality IN ('estimated', 'corrected') "
        "AND value IS NOT NULL",
        (dataset, lo, hi),
    )
    for start, quality in flagged:
        index = bisect.bisect_right(bounds, start) - 1
        if quality == "estimated":
            estimated[index] += 1
        else:
            corrected[index] += 1
    replaced = conn.execute(
        f"SELECT DISTINCT r.start_utc FROM energy_revisions r JOIN energy_values v "
        "ON v.channel_id = r.channel_id AND v.start_utc = r.start_utc AND v.end_utc = r.end_utc "
        f"WHERE r.channel_id IN ({channels}) AND r.start_utc >= ? AND r.start_utc < ? "
        "AND v.value IS NOT NULL AND (v.quality IS NULL OR v.quality != 'corrected')",
        (dataset, lo, hi),
    )
    for (start,) in replaced:
        corrected[bisect.bisect_right(bounds, start) - 1] += 1
    return [Flags(e, c) for e, c in zip(estimated, corrected, strict=True)]
