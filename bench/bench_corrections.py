"""Re-importing a provider's revised download: the 525,600-row R63 file with 1% of its values
corrected, against the first import of the original file, in the same run and the same wallet.

Both are whole ``selfdata import`` commands with the real Argon2id profile (unlock included),
measured as ``bench_importers_energy`` measures them. The re-import compares every reading with
the stored one, replaces the 5,256 that changed and keeps their earlier values: target at most
1.3x the first import's time, and peak memory under 150 MB.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from bench.bench_importers_energy import PASSPHRASE, ROWS, measure, selfdata, write_r63

EVERY = 100  # one row in a hundred corrected


def write_revised(original: Path, revised: Path) -> int:
    """The same file with every hundredth value changed, as a provider's later download."""
    changed = 0
    with open(original, encoding="utf-8") as src, open(revised, "w", encoding="utf-8") as out:
        out.write(src.readline())
        for number, line in enumerate(src):
            if number % EVERY == 0:
                cells = line.split(";")
                cells[8] = str(int(cells[8]) + 1)
                line = ";".join(cells)
                changed += 1
            out.write(line)
    return changed


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-corrections-") as temp:
        root = Path(temp)
        wallet = root / "wallet"
        print("creating a wallet with the real Argon2id profile…", flush=True)
        if measure(selfdata(wallet, "init"), PASSPHRASE + "\n").code != 0:
            print("could not create the wallet")
            return
        tiny = root / "tiny.csv"
        write_r63(tiny, 1)
        spare = root / "spare"
        shutil.copytree(wallet, spare)
        measure(selfdata(spare, "import", str(tiny)), PASSPHRASE + "\n")  # bytecode caches
        original, revised = root / "r63.csv", root / "r63-revised.csv"
        write_r63(original)
        changed = write_revised(original, revised)

        first = measure(selfdata(wallet, "--json", "import", str(original)), PASSPHRASE + "\n")
        again = measure(selfdata(wallet, "--json", "import", str(revised)), PASSPHRASE + "\n")
        for label, done in (("first import", first), ("re-import, 1% corrected", again)):
            summary = json.loads(done.out)["files"][0] if done.code == 0 else {}
            print(
                f"{label:<26} {ROWS:>8} rows  {done.seconds:6.2f} s  "
                f"(CPU {done.cpu_seconds:5.2f} s)  peak {done.peak_mb:6.1f} MB"
                f"  added {summary.get('added')}, already present "
                f"{summary.get('already_present')}, corrected {summary.get('corrected')}"
                + ("" if done.code == 0 else f"  exit {done.code}: {done.err.strip()[-200:]}"),
                flush=True,
            )
        ratio = again.seconds / first.seconds
        verdict = "meets" if ratio <= 1.3 and again.peak_mb < 150 else "MISSES"
        print(
            f"re-import with {changed} corrected values / first import = {ratio:.2f} wall time "
            f"(target <= 1.3), peak {again.peak_mb:.0f} MB (target < 150): {verdict} the target"
        )
        print(
            json.dumps(
                {
                    "corrections_ratio": round(ratio, 3),
                    "first_s": round(first.seconds, 2),
                    "reimport_s": round(again.seconds, 2),
                    "reimport_peak_mb": round(again.peak_mb),
                    "first_peak_mb": round(first.peak_mb),
                    "first_cpu_s": round(first.cpu_seconds, 2),
                    "reimport_cpu_s": round(again.cpu_seconds, 2),
                }
            )
        )
