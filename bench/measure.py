"""One command measured as a person would feel it: wall time, the CPU time of it and of every
process it starts, and its peak memory summed over all of them.

Memory is the proportional set size (PSS) sampled every few milliseconds over the process and
its descendants: a helper forked from the command shares most pages with it, and PSS counts a
shared page once (split between the sharers) where summing resident sizes would count it twice.
"""

from __future__ import annotations

import resource
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil

# Reading a process's PSS makes the kernel walk its page tables (about half a millisecond for
# 100 MB): sampled more often, the measurement itself would take a share of a two-core machine
# the measured command is using. Every phase worth seeing here lasts well over this.
SAMPLE_SECONDS = 0.025


@dataclass(frozen=True)
class Measured:
    seconds: float
    cpu_seconds: float
    peak_bytes: int
    code: int
    out: str
    err: str

    @property
    def peak_mb(self) -> float:
        return self.peak_bytes / 2**20


def measured(
    command: Sequence[str], stdin: str = "", env: Mapping[str, str] | None = None
) -> Measured:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        cpu = _children_cpu()
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command), stdin=subprocess.PIPE, stdout=out, stderr=err, env=env
        )
        assert process.stdin is not None
        process.stdin.write(stdin.encode())
        process.stdin.close()
        peak = 0
        while process.poll() is None:
            peak = max(peak, _tree_pss(process.pid))
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return Measured(
            seconds,
            _children_cpu() - cpu,
            peak,
            process.returncode,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
        )


def _tree_pss(root: int) -> int:
    total = 0
    for pid in _tree(root):
        try:
            total += psutil.Process(pid).memory_full_info().pss
        except psutil.Error:
            continue  # it ended between the listing and the reading
    return total


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants, from the kernel's own lists (no scan of every process)."""
    found = [pid]
    for member in found:
        for children in Path(f"/proc/{member}/task").glob("*/children"):
            try:
                found.extend(int(child) for child in children.read_text().split())
            except (OSError, ValueError):
                continue
    return found


def _children_cpu() -> float:
    """CPU seconds of every finished child, and of the children they waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
