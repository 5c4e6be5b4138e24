"""France Travail letters list (JSON): the "courriers" of the personal space.

``{"ressources": [{"dateDiffusion": "YYYYMMDD", "lmod": "AVIS_PAIEMENT", "idDn": "…"}]}``.
The list says that a letter was sent, of which kind, and when; it carries no amount. A
payment notice is therefore NOT a payment: storing it as one (with a zero or empty amount)
would falsify the benefit totals. Each letter becomes a ``BenefitDocument`` of the account
``france-travail`` (the file names no person or file number), kept in ``benefit_documents``,
so the person can see which notices exist and match them with the money received. ``lmod``
is stored as given: the codes are France Travail's own and not published.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from importers.base import (
    BenefitDocument,
    Detection,
    FileSample,
    Item,
    ProgressCallback,
    Rejected,
    no_progress,
)
from importers.benefit_terms import FRANCE_TRAVAIL_ACCOUNT
from importers.jsonitems import list_items, load_text, top_level_keys, yyyymmdd

FIELDS = ("dateDiffusion", "lmod", "idDn")


class FranceTravailLettersJson:
    name = "france_travail_courriers_json"
    version = "1"
    label = "France Travail letters list (JSON)"
    datasets = ("benefits",)
    needs_confirmation = False
    source_tz = "Europe/Paris"

    def detect(self, sample: FileSample) -> Detection:
        text = sample.text or ""
        if '"ressources"' not in text:
            return Detection(0.0)
        if all(f'"{field}"' in text for field in FIELDS):
            return Detection(0.95, "a JSON list 'ressources' with France Travail letter fields")
        missing = [field for field in FIELDS if f'"{field}"' not in text]
        return Detection(
            0.0, near_miss=f"a list 'ressources' without the fields {', '.join(missing)}"
        )

    def parse(self, path: Path, on_progress: ProgressCallback = no_progress) -> Iterator[Item]:
        text = load_text(path)
        data, why = top_level_keys(text)
        if data is None:
            yield Rejected(1, f"{why}; download the letters list again")
            return
        items = list(list_items(text, data, "ressources"))
        for done, (line, item) in enumerate(items, start=1):
            try:
                yield letter(item)
            except ValueError as exc:
                yield Rejected(line or done, str(exc))
            on_progress(done, len(items))


def letter(item: Any) -> BenefitDocument:
    if not isinstance(item, dict):
        raise ValueError("a letter is not a JSON object")
    issued_on = yyyymmdd(item.get("dateDiffusion"), "dateDiffusion")
    kind, ident = item.get("lmod"), item.get("idDn")
    if not isinstance(kind, str) or not kind.strip():
        raise ValueError("lmod (the kind of letter) is missing")
    if not isinstance(ident, str | int) or not str(ident).strip():
        raise ValueError("idDn (the letter's identifier) is missing")
    return BenefitDocument(
        account=FRANCE_TRAVAIL_ACCOUNT,
        issuer="France Travail",
        kind=kind.strip(),
        issued_on=issued_on,
        document_id=str(ident).strip(),
    )


IMPORTER = FranceTravailLettersJson()
