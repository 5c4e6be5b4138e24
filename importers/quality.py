"""What a provider says of a value, in the wallet's words (``importers.base.QUALITIES``).

Enedis marks each load-curve point with a nature or status code (FORMATS.md: R réel, B brut,
E estimé, C corrigé, H/P reconstituée, K calculé, S/T/F/G coupure, D importé); GRDF and Veolia
write a word (``Mesuré``, ``Estimé``, ``Corrigé``, ``Relevé``). Codes that say nothing about
how the value was obtained (a power cut, an imported value) give None, as does an empty cell.
"""

from __future__ import annotations

from importers.textfile import fold

MEASURED, ESTIMATED, CORRECTED = "measured", "estimated", "corrected"

_ENEDIS_CODES = {
    "R": MEASURED,
    "B": MEASURED,
    "E": ESTIMATED,
    "H": ESTIMATED,
    "P": ESTIMATED,
    "K": ESTIMATED,
    "C": CORRECTED,
}
_WORDS = {
    "mesure": MEASURED,
    "releve": MEASURED,
    "reel": MEASURED,
    "estime": ESTIMATED,
    "corrige": CORRECTED,
}


def enedis_quality(code: str) -> str | None:
    """An Enedis nature or point status code (``B``, ``E``...) as a quality, None if silent."""
    return _ENEDIS_CODES.get(code.strip().upper())


def word_quality(word: str) -> str | None:
    """A French status word (``Mesuré``, ``Estimé``, ``Relevé``...) as a quality."""
    return _WORDS.get(fold(word).strip())
