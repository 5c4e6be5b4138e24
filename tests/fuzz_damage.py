"""Ways an export gets damaged on its way to the wallet, as hypothesis-driven byte edits.

Text damages work on any file (a workbook or a PDF fed to them is simply garbled); container
damages open a ZIP (an XLSX, a GTFS feed) and damage one member inside a still-valid archive,
which is what reaches the parsers behind the ZIP layer.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

from hypothesis import strategies as st

Damage = Callable[[bytes, st.DataObject], bytes]
FORMULA = '=HYPERLINK("http://x","y")'


def _line_bounds(data: bytes, draw: st.DataObject) -> tuple[int, int]:
    starts = [0] + [i + 1 for i, b in enumerate(data) if b == 0x0A]
    start = draw.draw(st.sampled_from(starts))
    end = data.find(b"\n", start)
    return start, len(data) if end < 0 else end


def truncate(data: bytes, draw: st.DataObject) -> bytes:
    return data[: draw.draw(st.integers(0, max(0, len(data) - 1)))]


def cut_in_half(data: bytes, draw: st.DataObject) -> bytes:
    """A download that stopped half-way (a PDF without its cross-reference table)."""
    return data[: len(data) // 2]


def cut_line(data: bytes, draw: st.DataObject) -> bytes:
    start, end = _line_bounds(data, draw)
    return data[: (start + end) // 2] + data[end:]


def swap_delimiters(data: bytes, draw: st.DataObject) -> bytes:
    return data.replace(b";", b"\x00").replace(b",", b";").replace(b"\x00", b",")


def change_encoding(data: bytes, draw: st.DataObject) -> bytes:
    text = data.decode("utf-8", errors="replace")
    codec = draw.draw(st.sampled_from(["cp1252", "utf-16", "latin-1", "utf-8-sig"]))
    return text.encode(codec, errors="replace")


def add_bom(data: bytes, draw: st.DataObject) -> bytes:
    return b"\xef\xbb\xbf" + data


def insert_garbage(data: bytes, draw: st.DataObject) -> bytes:
    at = draw.draw(st.integers(0, len(data)))
    return data[:at] + draw.draw(st.binary(min_size=1, max_size=64)) + data[at:]


def repeat_header(data: bytes, draw: st.DataObject) -> bytes:
    first = data.split(b"\n", 1)[0] + b"\n"
    start, _ = _line_bounds(data, draw)
    return data[:start] + first + data[start:]


def formula_field(data: bytes, draw: st.DataObject) -> bytes:
    start, end = _line_bounds(data, draw)
    line = data[start:end]
    for sep in (b";", b","):
        if sep in line:
            cells = line.split(sep)
            cells[draw.draw(st.integers(0, len(cells) - 1))] = FORMULA.encode()
            return data[:start] + sep.join(cells) + data[end:]
    return data


def nest_deeply(data: bytes, draw: st.DataObject) -> bytes:
    """Brackets five thousand deep: a recursive JSON or XML reader runs out of stack."""
    at = draw.draw(st.integers(0, len(data)))
    opener = draw.draw(st.sampled_from([b"[", b'{"a":', b"<a>"]))
    return data[:at] + opener * 5_000 + data[at:]


def empty(data: bytes, draw: st.DataObject) -> bytes:
    return b""


# --- inside a ZIP (XLSX, GTFS) --------------------------------------------------------------
def _members(data: bytes) -> dict[str, bytes] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {name: archive.read(name) for name in archive.namelist()}
    except (zipfile.BadZipFile, OSError, EOFError):
        return None


def _rezip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def damage_member(data: bytes, draw: st.DataObject) -> bytes:
    """One member of the archive truncated or garbled; the archive itself stays valid."""
    members = _members(data)
    if not members:
        return data
    name = draw.draw(st.sampled_from(sorted(members)))
    how = draw.draw(st.sampled_from([truncate, insert_garbage, cut_line, empty]))
    members[name] = how(members[name], draw)
    return _rezip(members)


def drop_member(data: bytes, draw: st.DataObject) -> bytes:
    members = _members(data)
    if not members:
        return data
    del members[draw.draw(st.sampled_from(sorted(members)))]
    return _rezip(members)


_CELL = re.compile(rb"<c r=\"([A-Z]+[0-9]+)\"[^>]*?(?:/>|>.*?</c>)", re.DOTALL)


def formula_cell(data: bytes, draw: st.DataObject) -> bytes:
    """A spreadsheet formula in a worksheet cell: with a cached text value, or none at all."""
    members = _members(data)
    sheets = sorted(n for n in members or {} if n.startswith("xl/worksheets/"))
    if not members or not sheets:
        return data
    name = draw.draw(st.sampled_from(sheets))
    cells = list(_CELL.finditer(members[name]))
    if not cells:
        return data
    cell = draw.draw(st.sampled_from(cells))
    ref = cell.group(1)
    cached = draw.draw(st.sampled_from([FORMULA, "-1+2", "@SUM(A1)", ""]))
    value = f"<v>{cached.replace('&', '&amp;').replace('<', '&lt;')}</v>" if cached else ""
    formula = b'<c r="%s" t="str"><f>HYPERLINK("http://x","y")</f>%s</c>' % (
        ref,
        value.encode(),
    )
    members[name] = members[name][: cell.start()] + formula + members[name][cell.end() :]
    return _rezip(members)


TEXT_DAMAGES: list[Damage] = [
    truncate,
    cut_in_half,
    cut_line,
    swap_delimiters,
    change_encoding,
    add_bom,
    insert_garbage,
    repeat_header,
    formula_field,
    nest_deeply,
    empty,
]
ZIP_DAMAGES: list[Damage] = [damage_member, drop_member, formula_cell]


def damages_for(data: bytes) -> list[Damage]:
    return TEXT_DAMAGES + (ZIP_DAMAGES if data.startswith(b"PK\x03\x04") else [])
