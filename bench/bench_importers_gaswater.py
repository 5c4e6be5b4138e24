"""Gas and water imports through the real ``selfdata import``: rows per second and peak memory.

Files, at two sizes. The realistic one: ten years of daily GRDF readings as JSON and as XLSX
(3,653 gas days, two readings each) and a Veolia CSV of 100,000 days. The full benchmark size
of the energy formats: 525,600 data rows in each (days run centuries past today: a throughput
figure, not a real export). Each import runs in its own process, unlock included (with the
minimum Argon2id profile, as in the tests), measured by ``bench.measure`` as the electricity
bench is: wall time, CPU of the command and its helper process, peak memory summed over both.
The baseline, in the same run, is ``selfdata status`` on the same wallet: start, unlock and
open with no import; "net" columns subtract it, since on a shared machine wall time is noisy
and the start-up of Python dominates small files.

``python -m bench.bench_importers_gaswater --write FOLDER`` writes the full-size files only,
for profiling an import by hand.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from itertools import chain
from pathlib import Path

from bench.measure import Measured, measured
from bench.xlsx_writer import Cell, write_workbook

PASSPHRASE = "bench passphrase"
PCE = "01234567890123"
GAS_DAYS = 3653
WATER_DAYS = 100_000
FULL_ROWS = 525_600  # the energy formats' size: ten years at ten minutes
DAILY_HEADER = (
    "Date de relevé",
    "Index de début de période (m3)",
    "Index de fin de période (m3)",
    "Volume consommé (m3)",
    "Energie consommée (kWh)",
    "Coefficient de conversion",
    "Température locale (°C)",
    "Qualification du relevé",
)


def _gas_days(count: int) -> Iterator[tuple[date, int, int]]:
    day = date(2015, 1, 1)
    one = timedelta(days=1)
    for i in range(count):
        yield day, 5 + i % 17, (5 + i % 17) * 11
        day += one


def write_grdf_json(path: Path, days: int = GAS_DAYS) -> int:
    """The API's shape, one reading per line, written as text (json.dumps of 525,600 dicts
    would hold them all)."""
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"' + PCE + '": {"frequence": null, "idPce": "' + PCE + '", "releves": [\n')
        comma = ""
        for day, m3, kwh in _gas_days(days):
            iso = day.isoformat()
            out.write(
                f'{comma}{{"coeffConversion": 11.1, "dateDebutReleve": "{iso}T06:00:00+00:00", '
                f'"dateFinReleve": "{day + timedelta(days=1)}T06:00:00+00:00", '
                f'"energieConsomme": {kwh}, "indexDebut": null, "indexFin": null, '
                f'"journeeGaziere": "{iso}", "natureReleve": "Informative Journalier", '
                f'"qualificationReleve": "Mesur\\u00e9", "volumeBrutConsomme": {m3}, '
                '"volumeConverti": null}'
            )
            comma = ",\n"
        out.write("\n]}}\n")
    return 2 * days


def write_grdf_xlsx(path: Path, days: int = GAS_DAYS) -> int:
    head: list[list[Cell]] = [[None, "Données informatives et détaillées"]]
    head += [[] for _ in range(7)]
    head.append([None, *DAILY_HEADER])
    rows = (
        [
            None,
            f"{day.day:02d}/{day.month:02d}/{day.year}",
            None,
            None,
            m3,
            kwh,
            11.1,
            None,
            "Mesuré",
        ]
        for day, m3, kwh in _gas_days(days)
    )
    write_workbook(path, [("Historique par mois", chain(head, rows))])
    return 2 * days


def write_veolia(path: Path, days: int = WATER_DAYS) -> int:
    first = date(1800, 1, 1)
    one = timedelta(days=1)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(
            "Date de relevé;Index relevé (litres);Consommation du jour (litres);"
            "Index Mesuré/Estimé\n"
        )
        index = 0
        day = first
        for i in range(days):
            litres = 60 + i % 150
            index += litres
            out.write(f"{day.day:02d}/{day.month:02d}/{day.year};{index};{litres};Mesuré\n")
            day += one
    return days


FILES: list[tuple[str, str, Callable[[Path, int], int], int]] = [
    ("GRDF JSON, 10 years daily", "grdf.json", write_grdf_json, GAS_DAYS),
    ("GRDF XLSX, 10 years daily", "grdf.xlsx", write_grdf_xlsx, GAS_DAYS),
    ("Veolia CSV, 100,000 days", "veolia.csv", write_veolia, WATER_DAYS),
    ("GRDF JSON, 525,600 days", "grdf-full.json", write_grdf_json, FULL_ROWS),
    ("GRDF XLSX, 525,600 days", "grdf-full.xlsx", write_grdf_xlsx, FULL_ROWS),
    ("Veolia CSV, 525,600 days", "veolia-full.csv", write_veolia, FULL_ROWS),
]


def _selfdata(wallet: Path, *args: str) -> Measured:
    """``selfdata`` in its own process, measured; exit 0 or 1 (some rows rejected) is fine."""
    skip = ("PYTHONDONTWRITEBYTECODE",)  # an installed program runs from compiled modules
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(SELFDATA_KDF_PROFILE="minimum", QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "wallet.cli", "--wallet", str(wallet), "--passphrase-stdin"]
    done = measured([*command, *args], PASSPHRASE + "\n", env)
    if done.code not in (0, 1):
        raise RuntimeError(f"selfdata {' '.join(args)} failed: {done.err.strip()[-400:]}")
    return done


def parse_rate(path: Path, repeats: int) -> float:
    """Records per CPU second of the importer alone (no vault), best of ``repeats``, in process."""
    from importers import registry

    importer = registry.choose(path).importer
    best = float("inf")
    count = 0
    for _ in range(repeats):
        start = time.process_time()
        count = sum(1 for _ in importer.parse(path))
        best = min(best, time.process_time() - start)
    return count / max(best, 1e-6)


def run() -> None:
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        print(
            f"{'selfdata import of':<27} {'rows':>7} {'wall s':>7} {'cpu s':>6} {'base cpu':>8} "
            f"{'rows/s import':>13} {'rows/s parse':>12} {'peak MB':>8} {'base MB':>8}"
        )
        for label, name, write, days in FILES:
            path = here / name
            rows = write(path, days)
            wallet = here / f"wallet-{name}"
            _selfdata(wallet, "init")
            base = _selfdata(wallet, "status")
            done = _selfdata(wallet, "--json", "import", str(path))
            added = json.loads(done.out)["files"][0].get("added", 0)
            if added != rows:
                print(f"  warning: {label}: expected {rows} rows, {added} added")
            net = done.cpu_seconds - base.cpu_seconds
            rate = f"{added / net:>13.0f}" if net > 0.05 else f"{'(in noise)':>13}"
            parse = parse_rate(path, 3 if days < FULL_ROWS else 1)
            print(
                f"{label:<27} {added:>7} {done.seconds:>7.2f} {done.cpu_seconds:>6.2f} "
                f"{base.cpu_seconds:>8.2f} {rate} {parse:>12.0f} {done.peak_mb:>8.1f} "
                f"{base.peak_mb:>8.1f}",
                flush=True,
            )
            path.unlink()
        print(
            "rows: records stored (two per gas day: kWh and m3). base: 'selfdata status' on the "
            "same wallet (start, unlock, open). rows/s import: rows per CPU second above the "
            "base, helper process included; rows/s parse: the importer alone, in process. "
            "peak MB: summed over the command's processes (PSS)."
        )


def write_full(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for label, name, write, days in FILES:
        if days == FULL_ROWS:
            began = time.perf_counter()
            write(folder / name, days)
            print(f"{label}: {folder / name} in {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write"] and len(sys.argv) == 3:
        write_full(Path(sys.argv[2]))
    else:
        run()
