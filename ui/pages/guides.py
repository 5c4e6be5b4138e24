"""Empty states: which export to import, and where a person finds it (short, help-desk style)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Guides", text)


def energy_empty() -> str:
    return "".join(
        (
            "<h3>",
            _t("No energy data yet"),
            "</h3><p>",
            _t(
                "Import the consumption export of your electricity meter (Linky) or gas meter "
                "(Gazpar) on the <b>Imports</b> page."
            ),
            "</p><ul><li>",
            _t(
                "Electricity: on the Enedis customer area (mon-compte-particulier.enedis.fr), "
                "open <i>Mes mesures</i>, choose <i>Télécharger</i>, pick the hourly "
                "consumption (<i>courbe de charge</i>) or the daily consumption, and save the "
                "CSV or Excel file."
            ),
            "</li><li>",
            _t(
                "Gas: on the GRDF customer area (monespace.grdf.fr), open <i>Mes "
                "consommations</i> and download <i>Données informatives</i> (Excel file)."
            ),
            "</li></ul>",
        )
    )


def mobility_empty() -> str:
    return "".join(
        (
            "<h3>",
            _t("No trips yet"),
            "</h3><p>",
            _t(
                "Import the journey history of your transit card on the <b>Imports</b> page: "
                "in your transit operator's customer area, open the card's <i>journey "
                "history</i> (or <i>historique des validations</i>) and download it as CSV. "
                "If your operator only sends a PDF, the import page explains how to map its "
                "columns."
            ),
            "</p>",
        )
    )


def benefits_empty() -> str:
    return "".join(
        (
            "<h3>",
            _t("No benefit payments yet"),
            "</h3><p>",
            _t(
                "Import your payment statements on the <b>Imports</b> page: on caf.fr, open "
                "<i>Mon Compte</i>, then <i>Mes paiements</i>, and download the payment "
                "certificate (<i>attestation de paiement</i>) for the months you want; France "
                "Travail statements are in <i>Mes courriers</i> of your personal space."
            ),
            "</p>",
        )
    )
