"""Meter and card numbers that a spreadsheet program damaged, and the one meter each can be.

Opened in Excel and saved again, an export's 14-digit meter number (PRM) becomes a number in
scientific notation, ``2,31282E+13``: its last digits are gone. Stored as it is, it would be a
second meter and double every total. The vault never makes a meter or card from such a number:
it matches it to the one meter already in the wallet whose digits round to it (with the
person's confirmation), or refuses the file, saying what happened and how to export again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_SCIENTIFIC = re.compile(r"^\s*([0-9]+)(?:[.,]([0-9]*))?\s*[eE]\s*\+?\s*([0-9]+)\s*$")


def spreadsheet_damaged(identifier: str) -> bool:
    """Whether ``identifier`` is a number in scientific notation (``2,31282E+13``)."""
    return _SCIENTIFIC.match(identifier) is not None


def candidates(identifier: str, known: Iterable[str]) -> list[str]:
    """The known identifiers (digits only) that round to the damaged ``identifier``."""
    match = _SCIENTIFIC.match(identifier)
    if match is None:
        return []
    whole, fraction, exponent = match.group(1), match.group(2) or "", int(match.group(3))
    try:
        shown = Decimal(f"{whole}.{fraction or '0'}E{exponent}")
    except InvalidOperation:
        return []
    significant = len((whole + fraction).lstrip("0")) or 1
    step = Decimal(1).scaleb(shown.adjusted() - significant + 1)
    found = []
    for candidate in known:
        digits = candidate.replace(" ", "")
        if not digits.isdigit():
            continue
        if Decimal(int(digits)).quantize(step, rounding=ROUND_HALF_UP) == shown:
            found.append(candidate)
    return found


def refusal(file_name: str, what: str, matches: int) -> str:
    """Why a file with a damaged identifier was not imported, and what to do."""
    if matches == 0:
        which = f"and it matches no {what} already in the wallet"
    elif matches == 1:
        which = (
            f"it can only be the one {what} already in your wallet, but that was not confirmed "
            "(run again with --yes, or answer yes when asked)"
        )
    else:
        which = f"and it could be any of {matches} {what}s already in the wallet"
    return (
        f"{file_name} was not imported: its {what} number was turned into a number in "
        "scientific notation (such as 2,3E+13) by a spreadsheet program that opened and saved "
        f"the file, so its last digits are lost, {which}. Import the file exactly as it was "
        "downloaded, without opening it in a spreadsheet first, or download it again from the "
        "provider. Nothing was stored."
    )
