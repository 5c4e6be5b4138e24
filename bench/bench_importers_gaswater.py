"""Gas and water imports through the real ``selfdata import``: rows per second and peak memory.

Files: ten years of daily GRDF readings as JSON and as XLSX (3,653 gas days, two readings each)
and a Veolia CSV of 100,000 days. Each import runs in its own process, unlock included (with the
minimum Argon2id profile, as in the tests); its peak resident memory is sampled with psutil and
its CPU time read from ``RUSAGE_CHILDREN``. The baseline, in the same run, is ``selfdata status``
on the same wallet: start, unlock and open with no import; "net" columns subtract it, since on a
shared machine wall time is noisy and the start-up of Python dominates small files.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import psutil

from bench.xlsx_writer import Cell, write_workbook

PASSPHRASE = "bench passphrase"
PCE = "01234567890123"
GAS_DAYS = 3653
WATER_DAYS = 100_000
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


def _gas_days() -> list[tuple[date, int, int]]:
    first = date(2015, 1, 1)
    return [(first + timedelta(days=i), 5 + i % 17, (5 + i % 17) * 11) for i in range(GAS_DAYS)]


def write_grdf_json(path: Path) -> int:
    releves = []
    for day, m3, kwh in _gas_days():
        releves.append(
            {
                "coeffConversion": 11.1,
                "dateDebutReleve": f"{day}T06:00:00+00:00",
                "dateFinReleve": f"{day + timedelta(days=1)}T06:00:00+00:00",
                "energieConsomme": kwh,
                "indexDebut": None,
                "indexFin": None,
                "journeeGaziere": day.isoformat(),
                "natureReleve": "Informative Journalier",
                "qualificationReleve": "Mesuré",
                "volumeBrutConsomme": m3,
                "volumeConverti": None,
            }
        )
    path.write_text(json.dumps({PCE: {"idPce": PCE, "releves": releves}}), encoding="utf-8")
    return 2 * GAS_DAYS


def write_grdf_xlsx(path: Path) -> int:
    head: list[list[Cell]] = [[None, "Données informatives et détaillées"]] + [[]] * 7
    head.append([None, *DAILY_HEADER])
    days = (
        [None, day.strftime("%d/%m/%Y"), None, None, m3, kwh, 11.1, None, "Mesuré"]
        for day, m3, kwh in _gas_days()
    )
    write_workbook(path, [("Historique par mois", [*head, *days])])
    return 2 * GAS_DAYS


def write_veolia(path: Path) -> int:
    first = date(1800, 1, 1)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(
            "Date de relevé;Index relevé (litres);Consommation du jour (litres);"
            "Index Mesuré/Estimé\n"
        )
        index = 0
        for i in range(WATER_DAYS):
            litres = 60 + i % 150
            index += litres
            day = first + timedelta(days=i)
            out.write(f"{day.day:02d}/{day.month:02d}/{day.year};{index};{litres};Mesuré\n")
    return WATER_DAYS


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _selfdata(wallet: Path, *args: str) -> tuple[float, float, int, str]:
    """Run ``selfdata``; wall seconds, CPU seconds, peak RSS in bytes and stdout."""
    env = {**os.environ, "SELFDATA_KDF_PROFILE": "minimum", "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "wallet.cli", "--wallet", str(wallet), "--passphrase-stdin"]
    start, cpu = time.perf_counter(), _cpu_children()
    process = subprocess.Popen(
        [*command, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdin is not None
    process.stdin.write((PASSPHRASE + "\n").encode())
    process.stdin.close()
    watched = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        try:
            peak = max(peak, watched.memory_info().rss)
        except psutil.Error:
            break
        time.sleep(0.01)
    assert process.stdout is not None
    out = process.stdout.read().decode()
    process.wait()
    seconds = time.perf_counter() - start
    if process.returncode not in (0, 1):
        err = process.stderr.read().decode() if process.stderr else ""
        raise RuntimeError(f"selfdata {' '.join(args)} failed: {err.strip()}")
    return seconds, _cpu_children() - cpu, peak, out


def parse_rate(path: Path) -> float:
    """Records per CPU second of the importer alone (no vault), best of three, in process."""
    from importers import registry

    importer = registry.choose(path).importer
    best = float("inf")
    count = 0
    for _ in range(3):
        start = time.process_time()
        count = sum(1 for _ in importer.parse(path))
        best = min(best, time.process_time() - start)
    return count / max(best, 1e-6)


def run() -> None:
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        files = [
            ("GRDF JSON, 10 years daily", here / "grdf.json", write_grdf_json),
            ("GRDF XLSX, 10 years daily", here / "grdf.xlsx", write_grdf_xlsx),
            ("Veolia CSV, 100,000 days", here / "veolia.csv", write_veolia),
        ]
        print(
            f"{'selfdata import of':<27} {'rows':>7} {'wall s':>7} {'cpu s':>6} {'base cpu':>8} "
            f"{'rows/s import':>13} {'rows/s parse':>12} {'peak MB':>8} {'base MB':>8}"
        )
        for label, path, write in files:
            rows = write(path)
            wallet = here / f"wallet-{path.suffix[1:]}"
            _selfdata(wallet, "init")
            _, base_cpu, base_peak, _ = _selfdata(wallet, "status")
            seconds, cpu, peak, out = _selfdata(wallet, "--json", "import", str(path))
            added = json.loads(out)["files"][0].get("added", 0)
            if added != rows:
                print(f"  warning: {label}: expected {rows} rows, {added} added")
            net = cpu - base_cpu
            rate = f"{added / net:>13.0f}" if net > 0.05 else f"{'(in noise)':>13}"
            print(
                f"{label:<27} {added:>7} {seconds:>7.2f} {cpu:>6.2f} {base_cpu:>8.2f} "
                f"{rate} {parse_rate(path):>12.0f} {peak / 2**20:>8.1f} {base_peak / 2**20:>8.1f}",
                flush=True,
            )
        print(
            "base: 'selfdata status' on the same wallet (start, unlock, open). rows/s import: "
            "rows per CPU second above the base; rows/s parse: the importer alone, in process."
        )


if __name__ == "__main__":
    run()
