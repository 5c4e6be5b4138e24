"""Whole ``selfdata import`` of a 10-year, 10-minute load curve in each electricity format.

Each import runs in its own process against a fresh copy of one wallet created with the real
Argon2id profile (``SELFDATA_KDF_PROFILE`` unset), so unlock is included. Peak memory is summed
over the command's processes (``bench.measure``): the import forks a helper to read the file.
Beside it, in the same run: a naive import of the same R63 file (csv, ``datetime.strptime``,
``zoneinfo``, ``sqlcipher3`` ``executemany``) and the vault's raw insert rate, so the ratios
compare like with like on a noisy machine.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.measure import Measured, measured
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


def measure(command: list[str], stdin: str = "") -> Measured:
    """One child process, with the wallet's real Argon2id profile.

    The children may write bytecode caches (``PYTHONDONTWRITEBYTECODE`` dropped): an installed
    program runs from compiled modules, and compiling ~90 modules on every run is not import
    work. The first, one-row import writes them.
    """
    skip = ("SELFDATA_KDF_PROFILE", "PYTHONDONTWRITEBYTECODE")
    return measured(command, stdin, {k: v for k, v in os.environ.items() if k not in skip})


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
        made = measure(selfdata(template, "init"), PASSPHRASE + "\n")
        if made.code != 0:
            print(f"could not create the wallet: {made.err[-400:]}")
            return
        tiny = root / "tiny.csv"
        write_r63(tiny, 1)
        wallet = root / "wallet-tiny"
        shutil.copytree(template, wallet)
        fixed = measure(selfdata(wallet, "import", str(tiny)), PASSPHRASE + "\n")
        print(
            f"{'fixed cost: 1-row R63 file':<38} {1:>8} rows  {fixed.seconds:6.2f} s  (start-up, "
            f"Argon2id unlock, detection)  peak {fixed.peak_mb:6.1f} MB",
            flush=True,
        )
        ours: Measured | None = None
        for label, name, writer in FORMATS:
            path = root / name
            began = time.perf_counter()
            rows = writer(path)
            written = time.perf_counter() - began
            wallet = root / f"wallet-{name}"
            shutil.copytree(template, wallet)
            done = measure(selfdata(wallet, "--json", "import", str(path)), PASSPHRASE + "\n")
            status = "ok" if done.code == 0 else f"exit {done.code}: {done.err.strip()[-200:]}"
            print(
                f"{label:<38} {rows:>8} rows  {done.seconds:6.2f} s  "
                f"{rows / done.seconds:>9,.0f} rows/s  peak {done.peak_mb:6.1f} MB  "
                f"(file {path.stat().st_size / 1e6:.0f} MB, written in {written:.1f} s)  {status}",
                flush=True,
            )
            if name == "r63.csv":
                ours = done
            shutil.rmtree(wallet)
            if name != "r63.csv":
                path.unlink()
        assert ours is not None
        naive = measure(
            [sys.executable, "-m", "bench.naive_r63", str(root / "r63.csv"), str(root / "naive")]
        )
        raw = measure([sys.executable, "-m", "bench.naive_r63", "--raw"])
        pandas = measure(
            [sys.executable, "-m", "bench.pandas_r63", str(root / "r63.csv"), str(root / "pd")]
        )
        print(
            f"{'naive R63 import (csv+strptime+zoneinfo)':<38} {ROWS:>8} rows  "
            f"{naive.seconds:6.2f} s  {ROWS / naive.seconds:>9,.0f} rows/s  "
            f"peak {naive.peak_mb:6.1f} MB"
        )
        print(
            f"{'vault raw insert (executemany only)':<38} {ROWS:>8} rows  {raw.seconds:6.2f} s  "
            f"(whole process, tuples prebuilt)  peak {raw.peak_mb:6.1f} MB"
        )
        if pandas.code == 0:
            print(
                f"{'pandas read_csv+tz_localize+to_sql':<38} {ROWS:>8} rows  "
                f"{pandas.seconds:6.2f} s  {ROWS / pandas.seconds:>9,.0f} rows/s  "
                f"peak {pandas.peak_mb:6.1f} MB"
            )
            print(
                f"R63 selfdata import / pandas = {ours.seconds / pandas.seconds:.2f} wall time "
                f"(target < 1), memory {ours.peak_mb / pandas.peak_mb:.2f} (target < 0.5)"
            )
        else:
            print(f"pandas yardstick not run: {pandas.err.strip()[-200:]}")
        ratio = ours.seconds / naive.seconds
        cpu_ratio = ours.cpu_seconds / naive.cpu_seconds
        kdf = argon2_seconds(template)
        verdict = "meets" if ratio <= 0.25 and ours.peak_mb < 150 else "MISSES"
        print(
            f"R63 import CPU (with its helper process): ours {ours.cpu_seconds:.2f} s, naive "
            f"{naive.cpu_seconds:.2f} s (ratio {cpu_ratio:.2f}); the Argon2id unlock alone is "
            f"{kdf:.2f} s, {kdf / ours.seconds:.0%} of our wall time"
        )
        print(
            f"R63 selfdata import / naive = {ratio:.2f} wall time (target <= 0.25), peak "
            f"{ours.peak_mb:.0f} MB summed over its processes (target < 150): {verdict} the target"
        )
        print(
            json.dumps(
                {
                    "r63_ratio": round(ratio, 3),
                    "r63_cpu_ratio": round(cpu_ratio, 3),
                    "r63_peak_mb": round(ours.peak_mb),
                    "naive_peak_mb": round(naive.peak_mb),
                    "pandas_s": round(pandas.seconds, 2) if pandas.code == 0 else None,
                    "pandas_peak_mb": round(pandas.peak_mb) if pandas.code == 0 else None,
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
