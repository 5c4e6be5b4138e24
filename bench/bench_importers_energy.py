"""Whole ``selfdata import`` of a 10-year, 10-minute load curve in each electricity format.

Each import runs in its own process against a fresh copy of one wallet created with the real
Argon2id profile (``SELFDATA_KDF_PROFILE`` unset), so unlock is included; peak memory is that
process's maximum resident set. Beside it, in the same run: a naive import of the same R63 file
(csv, ``datetime.strptime``, ``zoneinfo``, ``sqlcipher3`` ``executemany``) and the vault's raw
insert rate, so the ratios compare like with like on a noisy machine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.xlsx_writer import Cell, write_workbook

ROWS = 525_600  # ten years at ten minutes
START = int(datetime(2015, 1, 1, tzinfo=ZoneInfo("UTC")).timestamp())
PARIS = ZoneInfo("Europe/Paris")
PASSPHRASE = "bench passphrase for the energy importers"
METER = "01234567890123"


def _walls(count: int, step: int) -> list[str]:
    """Local end stamps ``YYYY-MM-DD HH:MM:SS``, computed once per hour for speed."""
    out: list[str] = []
    hour_cache: dict[int, str] = {}
    for i in range(1, count + 1):
        end = START + i * step
        hour = end - end % 3600
        prefix = hour_cache.get(hour)
        if prefix is None:
            prefix = hour_cache[hour] = datetime.fromtimestamp(hour, PARIS).strftime("%Y-%m-%d %H:")
        minute = end % 3600
        out.append(f"{prefix}{minute // 60:02d}:{minute % 60:02d}")
    return out


def write_r63(path: Path, rows: int = ROWS) -> int:
    header = (
        "Identifiant PRM;Date de début;Date de fin;Grandeur physique;Grandeur métier;"
        "Etape métier;Unité;Horodate;Valeur;Nature;Pas;Indice de vraisemblance;"
        "Etat complémentaire\n"
    )
    prefix = f"{METER};2015-01-01 00:00:00;2025-01-01 00:00:00;PA;CONS;BRUT;W;"
    with open(path, "w", encoding="utf-8") as out:
        out.write(header)
        for i, wall in enumerate(_walls(rows, 600)):
            out.write(f"{prefix}{wall};{(i * 37) % 4000};B;PT10M;0;0\n")
    return rows


def write_hdm(path: Path) -> int:
    with open(path, "w", encoding="utf-8-sig") as out:
        out.write(
            "Identifiant PRM;Type de donnees;Date de debut;Date de fin;Grandeur physique;"
            "Grandeur metier;Etape metier;Unite;Pas en minutes\n"
            f"{METER};Courbe de charge;01/01/2015;01/01/2025;Energie active;Consommation;"
            "Comptage Brut;W;\nHorodate;Valeur\n"
        )
        for i in range(1, ROWS + 1):
            moment = datetime.fromtimestamp(START + i * 600, PARIS).isoformat()
            out.write(f"{moment};{(i * 37) % 4000}\n")
    return ROWS


def write_edf(path: Path) -> int:
    """30-minute day blocks, newest first: 525,600 rows is thirty years here.

    Spring days have no 02:00 and 02:30 rows; the autumn repeat is left out (one row order).
    """
    lines = [
        "Récapitulatif de mes puissances atteintes en W",
        "",
        "Date et heure de relève par le distributeur;Puissance atteinte (W);Nature de la donnée",
    ]
    days = ROWS // 48
    base = datetime(1995, 1, 1).toordinal()
    count = 0
    for d in range(days - 1, -1, -1):
        day = datetime.fromordinal(base + d)
        spring = day.month == 3 and day.weekday() == 6 and day.day > 24
        lines.append(f"{day:%d/%m/%Y};;")
        lines.append(f"00:00:00;{d % 4000};Réelle")
        count += 1
        for slot in range(47, 0, -1):
            if spring and slot in (4, 5):
                continue
            lines.append(f"{slot // 2:02d}:{30 * (slot % 2):02d}:00;{(d + slot) % 4000};Réelle")
            count += 1
        lines.append("")
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    return count


def write_dataconnect(path: Path) -> int:
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            '{"meter_reading": {"usage_point_id": "' + METER + '", "start": "2015-01-01", '
            '"end": "2025-01-01", "quality": "BRUT", "reading_type": {"measurement_kind": '
            '"power", "unit": "W", "aggregate": "average"}, "interval_reading": [\n'
        )
        walls = _walls(ROWS, 600)
        for i, wall in enumerate(walls):
            comma = "," if i < ROWS - 1 else ""
            out.write(
                f'{{"value": "{(i * 37) % 4000}", "date": "{wall}", '
                f'"interval_length": "PT10M", "measure_type": "B"}}{comma}\n'
            )
        out.write("]}}\n")
    return ROWS


def write_xlsx(path: Path) -> int:
    """The portal's load-curve workbook (meter in C8, header on row 16), the same stamps."""
    walls = _walls(ROWS + 1, 600)

    def curve() -> Iterator[list[Cell]]:
        yield from [[]] * 7
        yield [None, "Point Référence Mesure (PRM) : ", METER]
        yield from [[]] * 7
        yield [None, None, "Début", "Fin", "Valeur (en kW)"]
        for i in range(ROWS):
            value = f"{(i * 37) % 4000 / 1000:.3f}".replace(".", ",")
            yield [None, None, _french(walls[i]), _french(walls[i + 1]), value]

    write_workbook(path, [("Page d'accueil", [["Enedis"]]), ("Consommation Horaire", curve())])
    return ROWS


def _french(wall: str) -> str:
    return f"{wall[8:10]}/{wall[5:7]}/{wall[:4]} {wall[11:]}"


FORMATS: list[tuple[str, str, Callable[[Path], int]]] = [
    ("Enedis R63 CSV", "r63.csv", write_r63),
    ("Enedis portal CSV (HDM)", "hdm.csv", write_hdm),
    ("EDF 30-min CSV (30 years)", "edf.csv", write_edf),
    ("Enedis Data Connect JSON", "dataconnect.json", write_dataconnect),
    ("Enedis portal XLSX", "portal.xlsx", write_xlsx),
]

# Runs as a child so that RUSAGE_CHILDREN measures that one command alone.
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], input=sys.stdin.read(), text=True, capture_output=True)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{seconds} {usage.ru_maxrss} {done.returncode} {usage.ru_utime + usage.ru_stime}")
sys.stderr.write(done.stdout[-400:] + done.stderr[-400:])
"""


CPU: dict[str, float] = {}  # CPU seconds of the last measured command, by its first argument


def measure(command: list[str], stdin: str = "") -> tuple[float, float, int, str]:
    """Seconds, peak MiB, exit code and the tail of the output of one child process.

    The children may write bytecode caches (``PYTHONDONTWRITEBYTECODE`` dropped): an installed
    program runs from compiled modules, and compiling ~90 modules on every run is not import
    work. The first, one-row import writes them.
    """
    skip = ("SELFDATA_KDF_PROFILE", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in skip}
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command],
        input=stdin,
        text=True,
        capture_output=True,
        env=env,
        check=False,
    )
    seconds, peak_kib, code, cpu = done.stdout.split()
    CPU["last"] = float(cpu)
    return float(seconds), int(peak_kib) / 1024, int(code), done.stderr


def selfdata(wallet: Path, *args: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "wallet.cli",
        "--wallet",
        str(wallet),
        "--passphrase-stdin",
        *args,
    ]


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-energy-") as temp:
        root = Path(temp)
        template = root / "template"
        print("creating a wallet with the real Argon2id profile…", flush=True)
        seconds, _peak, code, out = measure(selfdata(template, "init"), PASSPHRASE + "\n")
        if code != 0:
            print(f"could not create the wallet: {out}")
            return
        results: dict[str, float] = {}
        tiny = root / "tiny.csv"
        write_r63(tiny, 1)
        wallet = root / "wallet-tiny"
        shutil.copytree(template, wallet)
        seconds, peak, code, out = measure(selfdata(wallet, "import", str(tiny)), PASSPHRASE + "\n")
        print(
            f"{'fixed cost: 1-row R63 file':<38} {1:>8} rows  {seconds:6.2f} s  (start-up, "
            f"Argon2id unlock, detection)  peak {peak:6.1f} MB",
            flush=True,
        )
        for label, name, writer in FORMATS:
            path = root / name
            began = time.perf_counter()
            rows = writer(path)
            made = time.perf_counter() - began
            wallet = root / f"wallet-{name}"
            shutil.copytree(template, wallet)
            seconds, peak, code, out = measure(
                selfdata(wallet, "--json", "import", str(path)), PASSPHRASE + "\n"
            )
            status = "ok" if code == 0 else f"exit {code}: {out.strip()[-200:]}"
            print(
                f"{label:<38} {rows:>8} rows  {seconds:6.2f} s  {rows / seconds:>9,.0f} rows/s  "
                f"peak {peak:6.1f} MB  (file {path.stat().st_size / 1e6:.0f} MB, "
                f"written in {made:.1f} s)  {status}",
                flush=True,
            )
            if name == "r63.csv":
                results["ours"], results["peak"] = seconds, peak
                results["ours_cpu"] = CPU["last"]
            shutil.rmtree(wallet)
            if name != "r63.csv":
                path.unlink()
        naive_s, naive_peak, code, out = measure(
            [sys.executable, "-m", "bench.naive_r63", str(root / "r63.csv"), str(root / "naive")]
        )
        naive_cpu = CPU["last"]
        raw_s, raw_peak, _code, _out = measure([sys.executable, "-m", "bench.naive_r63", "--raw"])
        print(
            f"{'naive R63 import (csv+strptime+zoneinfo)':<38} {ROWS:>8} rows  {naive_s:6.2f} s  "
            f"{ROWS / naive_s:>9,.0f} rows/s  peak {naive_peak:6.1f} MB"
        )
        print(
            f"{'vault raw insert (executemany only)':<38} {ROWS:>8} rows  {raw_s:6.2f} s  "
            f"(whole process, tuples prebuilt)  peak {raw_peak:6.1f} MB"
        )
        ratio = results["ours"] / naive_s
        cpu_ratio = results["ours_cpu"] / naive_cpu
        kdf = argon2_seconds(template)
        verdict = "meets" if ratio <= 0.25 and results["peak"] < 150 else "MISSES"
        print(
            f"R63 import CPU: ours {results['ours_cpu']:.2f} s, naive {naive_cpu:.2f} s "
            f"(ratio {cpu_ratio:.2f}); the Argon2id unlock alone is {kdf:.2f} s, "
            f"{kdf / results['ours']:.0%} of our wall time"
        )
        print(
            f"R63 selfdata import / naive = {ratio:.2f} wall time (target <= 0.25), peak "
            f"{results['peak']:.0f} MB (target < 150): {verdict} the target"
        )
        print(
            json.dumps(
                {
                    "r63_ratio": round(ratio, 3),
                    "r63_cpu_ratio": round(cpu_ratio, 3),
                    "r63_peak_mb": round(results["peak"]),
                    "argon2_s": round(kdf, 2),
                }
            )
        )


def argon2_seconds(wallet: Path) -> float:
    """One derivation with the wallet's own passphrase-slot parameters, in this process."""
    from wallet.keyslots import KdfParams, derive_kek

    slot = json.loads((wallet / "vault.json").read_text())["slots"]["passphrase"]
    params = KdfParams(slot["m"], slot["t"], slot["p"])
    began = time.perf_counter()
    derive_kek(PASSPHRASE, b"0123456789abcdef", params)
    return time.perf_counter() - began
