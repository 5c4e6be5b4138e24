"""The rights check: the first estimate after unlock and a repeat, beside the model's own load.

Each figure is taken in a fresh interpreter, as a person meets it: the model (OpenFisca-France)
is not loaded until the first estimate asks for it, and the repeat reuses it. The baseline is
loading the model alone (``CountryTaxBenefitSystem()``), measured in the same run.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPEATS = 2
_LOAD = """
import json, time
start = time.perf_counter()
from openfisca_france import CountryTaxBenefitSystem
CountryTaxBenefitSystem()
print(json.dumps({"load": time.perf_counter() - start}))
"""
_ESTIMATE = """
import json, sys, time
from datetime import date
from pathlib import Path
from wallet.vault import Wallet
from wallet.keyslots import FAST_KDF
from wallet.rights import household
root = Path(sys.argv[1])
Wallet.create(root, "bench", kdf=FAST_KDF).wallet.lock()
with Wallet.unlock(root, "bench") as w:
    w.save_household(household.from_json({
        "adults": [{"birth_date": "1988-02-01", "activity": "employed",
                    "incomes": {"salary": 900, "unemployment": 0, "pension": 0},
                    "disability_rate": 0, "pregnant": False}],
        "children": [{"birth_date": "2015-03-01"}, {"birth_date": "2019-09-01"}],
        "housing": {"status": "tenant", "rent": 700, "postcode": "69008"}}))
start = time.perf_counter()
wallet = Wallet.unlock(root, "bench")
unlocked = time.perf_counter()
wallet.rights(date.today())
first = time.perf_counter()
wallet.rights(date.today())
repeat = time.perf_counter()
wallet.lock()
print(json.dumps({"unlock": unlocked - start, "first": first - unlocked, "repeat": repeat - first}))
"""


def _run(code: str, *args: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run() -> None:
    for attempt in range(1, REPEATS + 1):
        load = _run(_LOAD)["load"]
        with tempfile.TemporaryDirectory() as folder:
            found = _run(_ESTIMATE, str(Path(folder) / "wallet"))
        print(
            f"run {attempt}: model load alone {load:.2f} s | unlock {found['unlock']:.2f} s, "
            f"first estimate {found['first']:.2f} s ({found['first'] / load:.1f}x the load), "
            f"repeat {found['repeat']:.2f} s ({found['repeat'] / load:.1f}x the load)",
            flush=True,
        )


if __name__ == "__main__":
    run()
