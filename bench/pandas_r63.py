"""The issue's other yardstick for ``bench_importers_energy``: pandas on the same R63 file.

``python -m bench.pandas_r63 FILE DBDIR`` reads with ``pandas.read_csv``, resolves the local
end stamps with ``tz_localize`` (the repeated autumn hour inferred from row order, as the
format means it) and stores with ``DataFrame.to_sql`` into a SQLCipher file keyed as the
naive baseline's. pandas is a benchmark-only dependency (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

from bench.naive_r63 import baseline_db

COLUMNS = ["Identifiant PRM", "Unité", "Horodate", "Valeur", "Pas"]


def pandas_import(path: Path, folder: Path) -> int:
    import pandas as pd

    frame = pd.read_csv(path, sep=";", usecols=COLUMNS, dtype={"Identifiant PRM": str})
    wall = pd.to_datetime(frame["Horodate"], format="%Y-%m-%d %H:%M:%S")
    end = wall.dt.tz_localize("Europe/Paris", ambiguous="infer").dt.tz_convert("UTC")
    end_s = (end - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(seconds=1)
    step = frame["Pas"].str[2:-1].astype("int64") * 60
    rows = pd.DataFrame(
        {
            "meter": frame["Identifiant PRM"],
            "start": end_s - step,
            "end": end_s,
            "value": frame["Valeur"].astype("float64"),
            "unit": frame["Unité"],
        }
    )
    conn = baseline_db(folder, "pandas.db")
    with warnings.catch_warnings():
        # pandas names SQLAlchemy and sqlite3 as its supported connections; SQLCipher's
        # DB-API module is sqlite3's twin and takes the same path.
        warnings.simplefilter("ignore", UserWarning)
        rows.to_sql("readings", conn, if_exists="append", index=False)
    conn.commit()
    conn.close()
    return len(rows)


if __name__ == "__main__":
    try:
        import pandas  # noqa: F401
    except ImportError:
        print("pandas is not installed (pip install -e '.[bench]')", file=sys.stderr)
        raise SystemExit(3) from None
    pandas_import(Path(sys.argv[1]), Path(sys.argv[2]))
