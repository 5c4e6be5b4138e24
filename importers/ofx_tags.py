"""OFX read as the tags it is made of, tolerant of what banks really write.

OFX 1.x is SGML: an element holding a value may or may not be closed (``<TRNAMT>12,50`` or
``<TRNAMT>12,50</TRNAMT>``), aggregates are closed; OFX 2.x is XML with every tag closed. French
banks mix both in one file, write amounts with a decimal comma and leave elements empty
(``<MEMO>`` alone on its line, or ``<MEMO></MEMO>``). A strict parser refuses such a file as
damaged; this reader walks the tags instead and keeps, for each ``<STMTTRN>``, the values of
its elements, with the line the transaction starts on.

It also says what a file is made of without its values (``outline``), for support reports.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9_.]*)\s*>([^<]*)")
_HEADER_KEY = re.compile(r"^\s*([A-Z]+)\s*:", re.MULTILINE)
AGGREGATE_ENDS_TRANSACTION = {"STMTTRN", "BANKTRANLIST", "STMTRS", "CCSTMTRS", "OFX"}
# The aggregates of a statement (elements holding elements). Any other tag holds a value, or
# nothing: an empty ``<MEMO>`` is an empty value, not a parent of the tags after it.
AGGREGATES = frozenset(
    [
        "OFX",
        "SIGNONMSGSRSV1",
        "SONRS",
        "STATUS",
        "FI",
        "BANKMSGSRSV1",
        "STMTTRNRS",
        "STMTRS",
        "BANKACCTFROM",
        "BANKTRANLIST",
        "STMTTRN",
        "LEDGERBAL",
        "AVAILBAL",
        "BALLIST",
        "BAL",
        "CREDITCARDMSGSRSV1",
        "CCSTMTTRNRS",
        "CCSTMTRS",
        "CCACCTFROM",
        "PAYEE",
        "BANKACCTTO",
        "CCACCTTO",
        "CURRENCY",
        "ORIGCURRENCY",
        "INVSTMTMSGSRSV1",
        "INVSTMTTRNRS",
        "INVSTMTRS",
        "INVACCTFROM",
        "INVTRANLIST",
        "SIGNUPMSGSRSV1",
        "ACCTINFORS",
        "ACCTINFO",
        "BANKACCTINFO",
        "CCACCTINFO",
        "MKTGINFO",
        "IMAGEDATA",
    ]
)


@dataclass
class Transaction:
    line: int
    fields: dict[str, str] = field(default_factory=dict)  # PAYEE/NAME as "PAYEE.NAME"


@dataclass
class Statement:
    account: str = ""
    currency: str = ""
    transactions: list[Transaction] = field(default_factory=list)


@dataclass
class OfxDocument:
    statements: list[Statement]
    has_ofx: bool  # an <OFX> tag was found
    closed: bool  # the closing </OFX> was found: the file is not cut short
    tags: int  # how many tags were read


def read(text: str) -> OfxDocument:
    """Every statement and transaction in ``text``; never raises on odd markup."""
    statements: list[Statement] = []
    current: Transaction | None = None
    statement: Statement | None = None
    parent = ""  # the aggregate inside the transaction (PAYEE), if any
    has_ofx = closed = False
    tags = 0
    line = 1
    position = 0
    for match in _TAG.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        tags += 1
        closing, name, value = match.group(1) == "/", match.group(2).upper(), match.group(3)
        if name == "OFX":
            has_ofx = has_ofx or not closing
            closed = closed or closing
        if name in ("STMTRS", "CCSTMTRS") and not closing:
            statement = Statement()
            statements.append(statement)
        if closing:
            if name in AGGREGATE_ENDS_TRANSACTION:
                current = None
            if name == parent:
                parent = ""
            continue
        if name == "STMTTRN":
            if statement is None:
                statement = Statement()
                statements.append(statement)
            current = Transaction(line)
            statement.transactions.append(current)
            parent = ""
            continue
        value = value.strip()
        if name in AGGREGATES:
            parent = name if current is not None else ""
            continue
        if not value:
            continue  # an empty element: nothing to keep, and it opens nothing
        if current is not None:
            key = f"{parent}.{name}" if parent else name
            current.fields.setdefault(key, value)
        elif statement is not None and name == "ACCTID" and not statement.account:
            statement.account = value
        elif statement is not None and name == "CURDEF" and not statement.currency:
            statement.currency = value
    return OfxDocument(statements, has_ofx, closed, tags)


def outline(text: str) -> list[str]:
    """The file's header keys and its tag tree, each path once with a count; never a value.

    A tag holding a value is named with what kind of value (``value`` or ``empty``).
    """
    keys = [k for k in _HEADER_KEY.findall(text.split("<", 1)[0]) if len(k) <= 20]
    lines = [f"header keys: {', '.join(keys)}"] if keys else []
    counts: Counter[str] = Counter()
    order: list[str] = []
    stack: list[str] = []
    for match in _TAG.finditer(text):
        closing, name, value = match.group(1) == "/", match.group(2).upper()[:20], match.group(3)
        if closing:
            if name in stack:
                del stack[stack.index(name) :]
            continue
        path = " > ".join([*stack, name])
        if name in AGGREGATES:
            entry = path
            stack.append(name)
        else:
            entry = f"{path}: {'value' if value.strip() else 'empty'}"
        if entry not in counts:
            order.append(entry)
        counts[entry] += 1
    if not order:
        return [*lines, "no OFX tags found"]
    shown = [f"{entry} (x{counts[entry]})" if counts[entry] > 1 else entry for entry in order]
    return lines + shown[:200]


def values(text: str) -> Iterator[str]:
    """Every value the file's tags hold (to scrub them out of a report, never to show)."""
    for match in _TAG.finditer(text):
        if value := match.group(3).strip():
            yield value


def looks_like_ofx(text: str) -> bool:
    head = text[:4096].upper()
    return "OFXHEADER" in head or "<OFX>" in head
