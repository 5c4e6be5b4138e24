"""Synthetic French income tax notices in PDF, in the layout of impots.gouv.fr (names invented).

Page 1 of a real "avis d'impôt sur le revenu" names the notice's year and the income year in
its title, then "Vos références" (tax number, notice reference), then a box with the
"Revenu fiscal de référence" and the "Nombre de parts", then the detail of the calculation.
"""

from __future__ import annotations

from tests.benefit_documents import Row

HEAD: list[Row] = [
    "DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES",
    "impots.gouv.fr",
    "",
    "AVIS D'IMPÔT 2025",
    "IMPÔT SUR LES REVENUS de l'année 2024",
    "",
    "Madame Camille MARTIN",
    "12 rue des Lilas",
    "69003 LYON",
    "",
    "Vos références",
    "Numéro fiscal : 12 34 567 890 123",
    "N° d'accès en ligne : 12 34 567 890 123 ABCDE",
    "Référence de l'avis : 25 69 1234567 89",
    "",
]
DETAIL: list[Row] = [
    "Situation du foyer fiscal : célibataire, divorcé(e), séparé(e)",
    "",
    "Détail du calcul de l'impôt",
    ("Salaires, pensions, rentes", "16 467 €"),
    ("Revenu brut global", "16 467 €"),
    ("Revenu imposable", "14 820 €"),
    ("Impôt sur le revenu net", "0 €"),
    "",
    "Vous n'êtes pas imposable.",
    "Pour toute question : impots.gouv.fr, messagerie sécurisée de votre espace particulier.",
]

# Revenu fiscal de référence 14 820 EUR, 1.5 parts (a lone parent with one child).
NOTICE: list[Row] = [
    *HEAD,
    ("Revenu fiscal de référence", "14 820 €"),
    ("Nombre de parts", "1,50"),
    *DETAIL,
]

# The same figures with the box's values wrapped under their labels.
NOTICE_WRAPPED: list[Row] = [
    *HEAD,
    "Revenu fiscal de référence",
    "14 820 €",
    "Nombre de parts",
    "1,5",
    *DETAIL,
]

# A property tax notice: also an "avis d'impôt", with a revenu fiscal de référence for the
# relief it grants, but not an income tax notice.
PROPERTY_TAX: list[Row] = [
    "DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES",
    "AVIS D'IMPÔT 2025 TAXE FONCIÈRE",
    "Vos références",
    ("Revenu fiscal de référence", "14 820 €"),
    ("Nombre de parts", "1,50"),
    ("Base d'imposition", "1 204 €"),
    ("Montant de votre taxe foncière", "612 €"),
]

# Page 2 of a notice alone (the detail): the figures the rights check needs are missing.
WITHOUT_FIGURES: list[Row] = [*HEAD, *DETAIL]

# A notice whose number of parts cannot be real.
ABSURD_PARTS: list[Row] = [
    *HEAD,
    ("Revenu fiscal de référence", "14 820 €"),
    ("Nombre de parts", "75,00"),
    *DETAIL,
]
