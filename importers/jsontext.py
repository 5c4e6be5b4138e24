"""A JSON document read a chunk at a time: small values decoded whole, long arrays in batches.

``json.loads`` holds a whole document as Python objects: ten times its size for an array of
small objects. This reader lets an importer walk the outer objects of a document itself and
take one long array's items a batch at a time, each batch decoded by the same ``json``
decoder in one call. It reads only documents it can read exactly as ``json.loads`` would:
at anything else (invalid JSON, an encoding other than UTF-8, an item over a few megabytes)
it raises ``Unusual`` and the importer reads the file the plain way, which then says what
is wrong with it, exactly as before.

Kept rather than ijson (3.6.0, C backend yajl2_c), measured 2026-12-03 on this project's
bench files (each reader in a fresh process, CPU seconds since the machine was shared; wall
times were 3-6 times longer and followed the same order):

- GRDF JSON, 525,600 readings (181 MB): one pass of this reader over every reading, 1.73-2.04 s
  and 27 MB peak RSS; ``ijson.items(f, "<pce>.releves.item")``, 2.40-2.95 s and 13 MB. Both
  flat; ijson is about 30% slower, so it does not replace this reader.
- Data Connect JSON, 525,600 readings (52 MB), which has its own reader (``raw_decode`` item
  by item, ``importers.enedis_dataconnect``): that reader 1.28-1.40 s and 23 MB, ijson 0.83-1.03 s
  and 13 MB. Faster there, but decoding is a fifth of that importer's 6-7 s, and ijson says
  nothing of the line an item starts on, which every rejected reading must name.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Generator, Iterator
from typing import IO, Any

from importers.guard import json_loads, json_raw_decode

CHUNK = 1 << 20
LOOKAHEAD = 64  # a value decoded this close to the end of the text read may go on after it
LONGEST = 4 << 20  # a value still undecoded after this much text: not one we stream
_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's whitespace, no more
STREAMED_ENCODINGS = ("utf-8", "utf-8-sig")


class Unusual(Exception):
    """Not a document this reader takes: read the file with ``json.loads`` instead."""


class JsonText:
    """The text of one UTF-8 JSON file, decoded as it is read; ``pos`` is where reading is."""

    def __init__(self, handle: IO[bytes]) -> None:
        """``handle`` at the start of the file, whose encoding is found as json.loads finds it."""
        encoding = json.detect_encoding(handle.read(4))  # it looks at four bytes at most
        if encoding not in STREAMED_ENCODINGS:
            raise Unusual(encoding)
        handle.seek(0)
        self._handle = handle
        # As json.loads decodes bytes: lone surrogates written in UTF-8 pass.
        self._decoder = codecs.getincrementaldecoder(encoding)("surrogatepass")
        self._json = json.JSONDecoder()
        self.text = ""
        self.pos = 0
        self.read_bytes = 0
        self._base = 0  # offset in the whole text of ``text[0]``
        self._singles_until = 0  # offset before which batches failed: items one at a time
        self._end = False

    def _more(self) -> bool:
        """Read the next chunk; False at the end of the file (UnicodeDecodeError if not UTF-8)."""
        if self._end:
            return False
        chunk = self._handle.read(CHUNK)
        self.read_bytes += len(chunk)
        decoded = self._decoder.decode(chunk, final=not chunk)
        self._end = not chunk
        self._base += self.pos
        self.text = self.text[self.pos :] + decoded
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next character after whitespace ("" at the end), left unread."""
        while True:
            self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self._more():
                return ""

    def take(self, char: str) -> None:
        if self.peek() != char:
            raise Unusual(f"expected {char!r}")
        self.pos += 1

    def at_end(self) -> bool:
        return self.peek() == ""

    def value(self) -> Any:
        """The next value, decoded whole."""
        self.peek()
        while True:
            try:
                value, end = json_raw_decode(self._json, self.text, self.pos)
            except ValueError:
                if len(self.text) - self.pos > LONGEST or not self._more():
                    raise Unusual("not a JSON value") from None
                continue
            if end + LOOKAHEAD <= len(self.text) or not self._more():
                self.pos = end
                return value

    def array(self) -> Iterator[list[Any]]:
        """The items of the array whose ``[`` was just taken, a list of them at a time."""
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self._batch() or [self.value()]
            following = self.peek()
            self.pos += 1
            if following == "]":
                return
            if following != ",":
                raise Unusual("expected ',' or ']' after an item")

    def _batch(self) -> list[Any] | None:
        """Every item up to the last ``},`` read, decoded in one call; None if that fails.

        A run of items that decodes as the body of an array is the run the items would be one
        by one (JSON has one reading of a text). A ``},`` inside an item or past the array's
        end makes the text no array body: those items are then read one by one.
        """
        if self._base + self.pos < self._singles_until:
            return None
        if len(self.text) - self.pos < CHUNK // 2:
            self._more()
        cut = self.text.rfind("},", self.pos, max(self.pos, len(self.text) - LOOKAHEAD))
        if cut < 0:
            return None
        try:
            items: list[Any] = json_loads("[" + self.text[self.pos : cut + 1] + "]")
        except ValueError:
            self._singles_until = self._base + cut + 1
            return None
        self.pos = cut + 1
        return items


class StreamedArray(list[Any]):
    """Where a streamed array stands in an ``Outline``'s document: its number, no items."""

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number


class Outline:
    """A document that is an object, read as ``json.loads`` would, except that each array
    under ``key`` in it or in the objects it holds is streamed instead of decoded.

    ``arrays`` gives each such array's number and its batches of items as reading comes to
    it (batches left untaken are read past). ``document`` is then the document with those
    arrays standing as ``StreamedArray``: a ``list``, so the rules an importer applies to
    the loaded document apply to the outline unchanged.
    """

    def __init__(self, text: JsonText, key: str) -> None:
        self.text = text
        self.key = key
        self.count = 0
        self.document: dict[str, Any] = {}

    def arrays(self) -> Iterator[tuple[int, Iterator[list[Any]]]]:
        self.text.take("{")
        self.document = yield from self._members(nested=False)
        if not self.text.at_end():
            raise Unusual("text after the document")

    def _members(
        self, nested: bool
    ) -> Generator[tuple[int, Iterator[list[Any]]], None, dict[str, Any]]:
        """The members of the object whose ``{`` was just taken; a repeated key keeps its
        first place and its last value, as in ``json.loads``."""
        text = self.text
        found: dict[str, Any] = {}
        if text.peek() == "}":
            text.pos += 1
            return found
        while True:
            if text.peek() != '"':
                raise Unusual("expected a key")
            key = text.value()
            text.take(":")
            following = text.peek()
            value: Any
            if following == "[" and key == self.key:
                text.pos += 1
                value = StreamedArray(self.count)
                self.count += 1
                batches = text.array()
                yield value.number, batches
                for _ in batches:  # what the reader did not take
                    pass
            elif following == "{" and not nested:
                text.pos += 1
                value = yield from self._members(nested=True)
            else:
                value = text.value()
            found[key] = value
            following = text.peek()
            text.pos += 1
            if following == "}":
                return found
            if following != ",":
                raise Unusual("expected ',' or '}' after a member")
