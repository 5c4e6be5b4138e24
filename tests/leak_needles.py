"""What must never be found in clear: the identifiers, names and amounts of the samples.

The needles are read from the sample files themselves, with small parsers written for this
test (not the importers under test), and a scanner looks for them in every byte of a folder,
inside zip members too. A needle matches only as a whole token, in UTF-8, cp1252 or
JSON-escaped form. Needles shorter than ``MIN_LENGTH`` characters ("1.70", "Bank") are left
out: such short values occur by chance in any text and would prove nothing.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
from pypdf import PdfReader

MIN_LENGTH = 5
BINARY_MIN_LENGTH = 6

# Numbers as the files write them: "1 085,93", "312,47", "1085.93", "01234567890123".
_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")


def _text(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _rows(path: Path, delimiter: str) -> list[dict[str, str]]:
    lines = [line for line in _text(path).splitlines() if delimiter in line]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=delimiter))


def _comma_separated(text: str) -> bool:
    first = next((line for line in text.splitlines() if line.strip()), "")
    return first.count(",") > first.count(";")


def numbers(text: str) -> set[str]:
    """Every number as written, and money the way a program may write it again."""
    found = set()
    for match in _NUMBER.finditer(text):
        written = match.group(0)
        found.add(written)
        plain = written.replace(" ", "").replace("\u00a0", "")
        found.update({plain, plain.replace(",", "."), plain.replace(".", ",")})
        if re.fullmatch(r"\d+[.,]\d\d", plain):
            found.add(str(int(plain.replace(",", "").replace(".", ""))))  # in cents
    return found


def _stations(journey: str) -> set[str]:
    """ "Bank to Finchley Road" -> both stations, without "[London Underground]" notes."""
    if " to " not in journey:
        return set()
    found = set()
    for side in journey.split(" to "):
        plain = re.sub(r"\[[^\]]*\]|\([^)]*\)", "", side).strip(" ,")
        if plain and "touch" not in plain.lower():
            found.update({plain, side.strip()})
    return found


def _pdf(path: Path) -> tuple[set[str], str]:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    names: set[str] = set()
    for line in text.splitlines():
        if line.startswith(("Madame ", "Monsieur ")):
            names.add(line.split(" ", 1)[1].strip())
        if re.match(r"\d+ (rue|avenue|boulevard|place) ", line):
            names.add(line.split(",")[0].strip())
        match = re.search(r"(?:allocataire|Identifiant)\s*:\s*(\S+)", line)
        if match:
            names.add(match.group(1))
    return names, text


def _xlsx(path: Path) -> str:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    book.close()
    return "\n".join(cells)


def _ofx(text: str) -> set[str]:
    return {
        m.group(2).strip()
        for m in re.finditer(r"<(NAME|MEMO|ACCTID|BANKID|BRANCHID)>([^<\r\n]+)", text)
    }


def _bank_csv(text: str) -> set[str]:
    found = set(_IBAN.findall(text))
    for line in text.splitlines()[:6]:
        cell = line.split(";")[0].strip()
        if cell.isupper() and len(cell.split()) >= 2:
            found.add(cell)  # the holder's name, e.g. "MME CAMILLE MARTIN"
    # Every label of every line, the ones the wallet skips included.
    for label in re.findall(r'"([^"]+)"', text, flags=re.S):
        found.update(part.strip() for part in label.splitlines() if part.strip())
    return found


def _track_names(path: Path) -> set[str]:
    if path.suffix == ".gpx":
        tree = ElementTree.parse(path)
        return {el.text.strip() for el in tree.iter() if el.tag.endswith("}name") and el.text} - {
            "Export OsmAnd"
        }
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        str(f.get("properties", {}).get("name"))
        for f in data.get("features", [])
        if f.get("properties", {}).get("name")
    }


def sample_needles(folder: Path) -> dict[str, set[str]]:
    """Needles per sample file name: identifiers, names and amounts as written."""
    found: dict[str, set[str]] = {}
    for path in sorted(folder.iterdir()):
        names: set[str] = set()
        if path.suffix == ".pdf":
            names, text = _pdf(path)
        elif path.suffix == ".xlsx":
            text = _xlsx(path)
        else:
            text = _text(path)
        name = path.name
        if name.startswith("ovchipkaart"):
            for row in _rows(path, ";"):
                names.update(row[k] for k in ("Vertrek", "Bestemming", "Naam", "Kaartnummer"))
        elif name.startswith("tfl_"):
            for row in _rows(path, ","):
                journey = row.get("Journey") or row.get("Journey/Action") or ""
                names.update(_stations(journey))
        elif name.startswith("gtfs"):
            names.update(row["stop_name"] for row in _rows(path, ","))
        elif name == "selfdata_mobility_trips.csv":
            for row in _rows(path, ","):
                names.update((row["card"], row["origin"], row["destination"]))
        elif name == "selfdata_electricity_daily.csv":
            names.update(row["meter"] for row in _rows(path, ","))
        elif name == "selfdata_benefits_payments.csv":
            names.update(row["account"] for row in _rows(path, ","))
        elif path.suffix in (".gpx", ".geojson"):
            names.update(_track_names(path))
        elif path.suffix == ".ofx":
            names.update(_ofx(text))
        elif name.startswith("releve_bancaire"):
            names.update(_bank_csv(text))
        if path.suffix in (".csv", ".txt") and _comma_separated(text):
            # A comma there separates cells; it is not a decimal mark.
            text = "\n".join(cell for row in csv.reader(io.StringIO(text)) for cell in row)
        names |= numbers(text) if path.suffix not in (".gpx", ".geojson") else set()
        with_compact = names | {n.replace(" ", "") for n in names if re.fullmatch(r"[\dA-Z ]+", n)}
        found[name] = {n.strip() for n in with_compact if len(n.strip()) >= MIN_LENGTH}
    return found


# --- the scanner --------------------------------------------------------------------------
@dataclass(frozen=True)
class Hit:
    where: str
    needle: str
    context: str

    def __str__(self) -> str:
        return f"{self.where}: {self.needle!r} in …{self.context}…"


def _forms(needle: str) -> set[bytes]:
    forms = {needle.encode("utf-8"), json.dumps(needle)[1:-1].encode("ascii")}
    with contextlib.suppress(UnicodeEncodeError):
        forms.add(needle.encode("cp1252"))
    return forms


# A whole token: "10.12" must not match inside "3.10.12" nor "310.12", "Orvault" not "Orvaults".
# A comma is left out of that rule: in CSV it separates cells ("DEMO-PDL-0001,14.16").
_BEFORE = rb"(?<![0-9A-Za-z])(?<![0-9]\.)"
_AFTER = rb"(?![0-9A-Za-z])(?!\.[0-9])"


class Scanner:
    def __init__(self, needles: Iterable[str]) -> None:
        self.patterns = [
            (
                needle,
                form,
                re.compile(_BEFORE + re.escape(form) + _AFTER),
            )
            for needle in sorted(set(needles))
            for form in _forms(needle)
        ]

    def scan_bytes(self, data: bytes, where: str) -> list[Hit]:
        try:
            data.decode("utf-8")
            shortest = 0
        except UnicodeDecodeError:
            # Ciphertext is random bytes: a 5-byte needle would turn up by chance now and then.
            shortest = BINARY_MIN_LENGTH
        hits = []
        for needle, form, pattern in self.patterns:
            if len(form) < shortest or form not in data:
                continue
            match = pattern.search(data)
            if match:
                start = max(0, match.start() - 40)
                context = data[start : match.end() + 40].decode("utf-8", "replace")
                hits.append(Hit(where, needle, context.replace("\n", " ")))
        return hits

    def scan_file(self, path: Path, label: str = "") -> list[Hit]:
        where = label or str(path)
        data = path.read_bytes()
        hits = self.scan_bytes(data, where)
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    hits += self.scan_bytes(archive.read(member), f"{where}!{member}")
        return hits

    def scan_tree(self, root: Path) -> list[Hit]:
        return [hit for path in _files(root) for hit in self.scan_file(path)]


def _files(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    if root.is_dir():
        yield from (p for p in sorted(root.rglob("*")) if p.is_file())
