"""Rights: what the household may be entitled to, against what it was seen to receive.

The household describes itself in a short questionnaire (``household``), stored encrypted with
its history (``store``). ``situation`` turns it, with the tax notice and the incomes the wallet
already holds, into the situation OpenFisca-France expects; ``engine`` loads that model once
per process, lazily, and computes; ``estimate`` puts the model's figures beside the payments
seen, month by month, with what limits the result and what to do (``catalogue``, a sourced
data file). No benefit rule is written here: every figure comes from the model.

May import: ``wallet.db``, ``wallet.errors``, ``wallet.resources``, ``wallet.analytics``,
``importers.benefit_terms``, and ``openfisca_france`` / ``openfisca_core`` (only in
``engine``, loaded when an estimate is asked for). No Qt.
"""
