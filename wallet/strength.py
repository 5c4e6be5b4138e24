"""A rough passphrase strength hint: enough to steer a person away from a weak choice.

It estimates guessing work from length and character variety, with penalties for repeats and
very common passphrases. It is a hint, not a rule: any non-empty passphrase is accepted.
"""

from __future__ import annotations

import enum
import math
import string


class Strength(enum.IntEnum):
    EMPTY = 0
    WEAK = 1
    FAIR = 2
    GOOD = 3
    STRONG = 4


_COMMON = {
    "password",
    "motdepasse",
    "azerty",
    "qwerty",
    "123456",
    "12345678",
    "123456789",
    "soleil",
    "bonjour",
    "iloveyou",
    "admin",
    "welcome",
    "letmein",
}


def estimate_bits(passphrase: str) -> float:
    if not passphrase:
        return 0.0
    pool = 0
    if any(c in string.ascii_lowercase for c in passphrase):
        pool += 26
    if any(c in string.ascii_uppercase for c in passphrase):
        pool += 26
    if any(c in string.digits for c in passphrase):
        pool += 10
    if any(not c.isalnum() for c in passphrase):
        pool += 33
    if any(ord(c) > 127 for c in passphrase):
        pool += 40
    # Repeated characters add little: count distinct characters at full weight, the rest at 1/4.
    distinct = len(set(passphrase))
    effective = distinct + (len(passphrase) - distinct) / 4
    bits = effective * math.log2(max(pool, 2))
    if passphrase.lower().strip() in _COMMON:
        bits = min(bits, 10.0)
    return bits


def strength(passphrase: str) -> Strength:
    if not passphrase:
        return Strength.EMPTY
    bits = estimate_bits(passphrase)
    if bits < 40:
        return Strength.WEAK
    if bits < 60:
        return Strength.FAIR
    if bits < 80:
        return Strength.GOOD
    return Strength.STRONG
