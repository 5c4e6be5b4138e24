"""Writes the gas and water quirk files in ``resources/samples/`` (run once; the files are kept).

``python -m tests.make_gaswater_samples`` rewrites them. Values are invented; layouts follow
FORMATS.md sections 2 and 3. The tests work out their expected counts and totals by hand.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"
PCE = "01234567890123"


def grdf_workbook(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    """A workbook shaped like GRDF's: title in B1, PCE in E4, header on row 9, data from 10."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Historique par mois"
    sheet["B1"] = "Données informatives et détaillées"
    sheet["E1"] = "Export du 24/11/2025"
    sheet["C3"], sheet["E3"] = "Adresse du logement : ", "1 RUE EXEMPLE 44000 NANTES"
    sheet["C4"], sheet["E4"] = "N° PCE :", PCE
    sheet["C5"], sheet["E5"] = "Libellé du logement :", "Appartement"
    sheet["B7"] = "Les consommations dans ce tableau sont fournies à titre indicatif."
    for column, label in enumerate(header, start=2):
        sheet.cell(row=9, column=column, value=label)
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=2):
            if value is not None:
                sheet.cell(row=10 + offset, column=column, value=value)
    book.save(path)


DAILY_HEADER = [
    "Date de relevé",
    "Index de début de période (m3)",
    "Index de fin de période (m3)",
    "Volume consommé (m3)",
    "Energie consommée (kWh)",
    "Coefficient de conversion",
    "Température locale (°C)",
    "Qualification du relevé",
]
SHORT_HEADER = ["Date de relevé", "Volume consommé (m3)", "Energie consommée (kWh)"]


def daily_quirks() -> None:
    grdf_workbook(
        SAMPLES / "grdf_donnees_informatives_jour_quirks.xlsx",
        DAILY_HEADER,
        [
            ["29/03/2025", 5000, 5010, 10, "112,3", "11,23", None, "Mesuré"],
            ["30/03/2025", 5010, 5019, "9", "101,1", "11,23", None, "Mesuré"],
            ["31/03/2025", None, None, 0, 0, None, None, "Absence de Données"],
            ["01/04/2025", None, 5040, 21, 236, 11.24, None, "Mesuré"],
            [None] * 8,
            DAILY_HEADER,
            ["25/10/2025", 6000, 6008, 8, "90,2", 11.27, "12,5", "Mesuré"],
            ["26/10/2025", 6008, 6015, 7, "78,9", 11.27, None, "Mesuré"],
        ],
    )


def weekly() -> None:
    grdf_workbook(
        SAMPLES / "grdf_donnees_informatives_semaine.xlsx",
        SHORT_HEADER,
        [
            ["Du 14/12/2020 au 20/12/2020", "80", "891,2"],
            ["Du 21/12/2020 au 27/12/2020", 95, 1058],
            ["Du 28/12/2020 au 03/01/2021", 101, 1125],
            ["Du 01/01/2021 au 03/01/2021", 44, 490],
            ["Du 04/01/2021 au 10/01/2021", "110,5", "1230,6"],
        ],
    )


def monthly() -> None:
    grdf_workbook(
        SAMPLES / "grdf_donnees_informatives_mois.xlsx",
        SHORT_HEADER,
        [
            ["Novembre 2020 ", 120, 1340],
            ["Décembre 2020 ", 180, 2010],
            ["Janvier 2021 ", 200, 2234],
            ["Février 2021 ", "150", "1675"],
            ["Août 2021 ", 10, 112],
        ],
    )


def _releve(day: str | None, kwh: Any, m3: Any, **extra: Any) -> dict[str, Any]:
    start = extra.pop("debut", f"{day}T06:00:00+00:00")
    end = extra.pop("fin", None)
    if end is None and day is not None:
        end = f"{date.fromisoformat(day) + timedelta(days=1)}T06:00:00+00:00"
    reading = {
        "coeffConversion": 11.2,
        "dateDebutReleve": start,
        "dateFinReleve": end or start,
        "energieConsomme": kwh,
        "frequenceReleve": None,
        "indexDebut": 1000,
        "indexFin": 1000 + (m3 or 0),
        "journeeGaziere": day,
        "natureReleve": "Informative Journalier",
        "pcs": None,
        "pta": None,
        "qualificationReleve": "Mesuré",
        "status": None,
        "temperature": None,
        "volumeBrutConsomme": m3,
        "volumeConverti": None,
    }
    reading.update(extra)
    return reading


def json_quirks() -> None:
    pce = "09876543210987"
    releves = [
        _releve(
            None,
            2500,
            225,
            debut="2024-11-20T06:00:00+00:00",
            fin="2025-01-15T06:00:00+00:00",
            natureReleve="Publiée",
            volumeConverti=0,
        ),
        _releve("2025-01-15", 120, 11),
        _releve("2025-07-15", 20, 2),
        _releve(
            "2025-07-16",
            None,
            None,
            qualificationReleve="Absence de Données",
            coeffConversion=None,
            indexDebut=None,
            indexFin=None,
            natureReleve=None,
        ),
        _releve("2025-07-17", 34, 3, indexDebut=None),
        _releve("2025-07-15", 20, 2),
    ]
    payload = {pce: {"frequence": None, "idPce": pce, "releves": releves}}
    text = json.dumps(payload, indent=2, ensure_ascii=True)
    (SAMPLES / "grdf_monespace_quirks.json").write_text(text + "\n", encoding="utf-8")


def veolia_quirks() -> None:
    """cp1252, CRLF, a time after some dates, a blank line, a repeated header, an empty value."""
    header = (
        "Date de relevé;Index relevé (litres);Consommation du jour (litres);Index Mesuré/Estimé"
    )
    lines = [
        header,
        "30/03/2025 12:00;1000100;100;Mesuré",
        "31/03/2025 12:00;1000250;150;Mesuré",
        "",
        "01/04/2025;1000250;;Estimé",
        header,
        "02/04/2025;1000500;250,5;Mesuré",
        "02/04/2025;1000500;250,5;Mesuré",
        "26/10/2025 23:59:00;1003000;80;Estimé",
    ]
    data = ("\r\n".join(lines) + "\r\n").encode("cp1252")
    (SAMPLES / "veolia_historique_quirks_cp1252.csv").write_bytes(data)


def main() -> None:
    daily_quirks()
    weekly()
    monthly()
    json_quirks()
    veolia_quirks()


if __name__ == "__main__":
    main()
