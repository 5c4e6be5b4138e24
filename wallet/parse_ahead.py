"""Reading a file in a helper process while this one unlocks the wallet and writes.

Parsing a big export and binding its rows for SQLite are both Python work: in one process they
take turns, and a thread does not help (SQLite releases the GIL on every row, so two busy
threads hand it back and forth thousands of times a second). A helper process forked before
the unlock reads the file, chooses its importer the same way the vault does, and sends
readings as compact blocks through a bounded queue; this process derives the key and writes.

The helper is forked before the wallet is unlocked, so it never holds the key or any stored
data; it holds only what it read from the file, in memory, and sends it through a pipe (no
temporary file). It runs at a lower priority, so it takes the time the writer leaves idle. It
is used only where ``fork`` is safe (Linux, no other thread running); elsewhere, and whenever
the vault's own choice of importer differs, the file is read in-process as before.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import pickle
import queue
import signal
import sys
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from importers import registry
from importers.base import Importer, ProgressCallback, no_progress
from importers.blocks import BlockItem, EnergyBlock, gathered, read_blocks
from wallet import logs
from wallet.errors import ImportRefused
from wallet.files import file_sha256

if TYPE_CHECKING:
    from wallet.importing import Reading

log = logs.get_logger("importing")

WORTH_BYTES = 4 << 20  # below this, forking costs more than it saves
DEPTH = 24  # messages the helper may run ahead: about 6 MB of readings at most
GATHER = 10_000  # readings per block, and items per message
NICENESS = 5  # below the writer, so the key derivation and the writes come first
POLL_SECONDS = 0.5


def start(
    path: Path, source: str | None = None, *, min_bytes: int = WORTH_BYTES
) -> ParseAhead | None:
    """A helper reading ``path``, or None where one would not help or is not safe."""
    if not _single_threaded():
        return None  # fork with other threads running can deadlock the child
    try:
        if path.stat().st_size < min_bytes:
            return None
    except OSError:
        return None  # the vault's own read reports it
    return ParseAhead(path, source)


def _single_threaded() -> bool:
    """One thread in this process, as the OS counts them (a GUI toolkit's threads too)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


class ParseAhead:
    """One helper process for one file; iterate ``items`` once, then ``close``."""

    def __init__(self, path: Path, source: str | None) -> None:
        context = multiprocessing.get_context("fork")
        self.path = path
        self._queue: Any = context.Queue(DEPTH)
        self._process = context.Process(
            target=_helper, args=(path, source, self._queue, os.getpid()), daemon=True
        )
        self._process.start()
        self.source = source
        self._importer: Importer | None = None
        self._asked = False
        self._digest = ""

    @property
    def pid(self) -> int:
        return int(self._process.pid or 0)

    def running(self) -> bool:
        return self._process.is_alive()

    def importer(self) -> Importer | None:
        """The importer the helper chose (from the built-in ones), or None when it chose none."""
        if not self._asked:
            self._asked = True
            kind, *rest = self._receive()
            if kind == "importer":
                self._importer = importlib.import_module(rest[0]).IMPORTER
        return self._importer

    def items(self, on_progress: ProgressCallback = no_progress) -> Iterator[BlockItem]:
        """The importer's stream, as the helper read it. Its errors are raised here."""
        if self.importer() is None:
            raise RuntimeError("the helper chose no importer; read the file in-process")
        shown = (-1, -1)
        while True:
            kind, *rest = self._receive()
            if kind == "end":
                return
            if kind == "error":
                raise rest[0]
            if kind == "digest":
                self._digest = rest[0]
                continue
            payload, done, total = rest
            if (done, total) != shown:
                shown = (done, total)
                on_progress(done, total)
            if kind == "block":
                yield _unpacked(payload)
            else:
                yield from payload

    def reading(
        self,
        source: str | None,
        extra_importers: Sequence[Importer] = (),
        on_progress: ProgressCallback = no_progress,
    ) -> Reading | None:
        """The helper's stream as the import step takes it, when the helper read the file as
        the wallet would; else None, and the helper is stopped (the file is then read
        in-process). ``extra_importers``: the wallet's saved mappings, which may compete."""
        from wallet import importing  # after the fork: the helper does not need it

        chosen = self.importer() if source == self.source else None
        if chosen is not None and extra_importers:
            mine = importing.choose_importer(self.path, source, extra_importers).importer
            chosen = chosen if mine is chosen else None
        if chosen is None or chosen.needs_confirmation:
            self.close()  # it read the file another way: stop it taking the CPU
            log.info("The helper's reading was not used: the wallet chose another importer.")
            return None
        log.info("A helper process read the file while the wallet unlocked (%s).", chosen.name)
        items = importing.guarded(chosen, self.path, lambda: self.items(on_progress))
        return importing.Reading(self.path, chosen, items, self.digest)

    def digest(self) -> str:
        """The file's SHA-256, known once ``items`` is exhausted."""
        if not self._digest:
            raise RuntimeError("the digest comes after the last item")
        return self._digest

    def close(self) -> None:
        """Stop the helper wherever it is; safe to call more than once."""
        if self.running():
            self._process.terminate()
        self._process.join(5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._queue.cancel_join_thread()
        self._queue.close()

    def _receive(self) -> tuple[Any, ...]:
        while True:
            try:
                message: tuple[Any, ...] = self._queue.get(timeout=POLL_SECONDS)
                return message
            except queue.Empty:
                if not self._process.is_alive():
                    raise ImportRefused(
                        f"{self.path.name} was not imported: the process reading it stopped "
                        "unexpectedly (out of memory?). Nothing was stored. Try again."
                    ) from None


# --- in the helper process ------------------------------------------------------------------


def _helper(path: Path, source: str | None, out: Any, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    os.nice(NICENESS)
    send = _Sender(out, parent)
    try:
        importer = registry.choose(path, source).importer
    except Exception:
        send(("none",))  # the vault chooses again and explains
        return
    progress = [0, 0]

    def on_progress(done: int, total: int) -> None:
        progress[0], progress[1] = done, total

    send(("importer", type(importer).__module__))
    try:
        loose: list[BlockItem] = []
        for item in gathered(read_blocks(importer, path, on_progress)):
            if isinstance(item, EnergyBlock):
                if loose:
                    send(("items", loose, *progress))
                    loose = []
                send(("block", _packed(item), *progress))
            else:
                loose.append(item)
                if len(loose) >= GATHER:
                    send(("items", loose, *progress))
                    loose = []
        if loose:
            send(("items", loose, *progress))
        send(("digest", file_sha256(path)))
    except BaseException as exc:  # every failure goes to the parent, none to stderr
        send(("error", _portable(exc)))
    send(("end",))
    out.close()
    out.join_thread()


class _Sender:
    """Puts messages on the queue, and gives up when the parent has gone."""

    def __init__(self, out: Any, parent: int) -> None:
        self.out, self.parent = out, parent

    def __call__(self, message: tuple[Any, ...]) -> None:
        while True:
            try:
                self.out.put(message, timeout=POLL_SECONDS)
                return
            except queue.Full:
                if os.getppid() != self.parent:
                    os._exit(0)  # orphaned: nobody will read the rest


def _packed(block: EnergyBlock) -> tuple[Any, ...]:
    """A block as machine arrays: a tenth of the pickle of its numbers as objects."""
    values: Any = block.values
    if None not in values:
        values = array("d", values)
    qualities: Any = block.qualities
    if qualities and qualities.count(qualities[0]) == len(qualities):
        qualities = (qualities[0], len(qualities))  # one quality for the block: said once
    packed = array("q", block.starts), array("q", block.ends), values, qualities
    return (*block[:4], *packed)


def _unpacked(packed: tuple[Any, ...]) -> EnergyBlock:
    dataset, meter, quantity, unit, starts, ends, values, qualities = packed
    if isinstance(values, array):
        values = values.tolist()
    if isinstance(qualities, tuple):
        qualities = [qualities[0]] * qualities[1]
    return EnergyBlock(
        dataset, meter, quantity, unit, starts.tolist(), ends.tolist(), values, qualities
    )


def _portable(exc: BaseException) -> BaseException:
    """The exception itself when it survives a pickle round trip, else one naming its type."""
    with contextlib.suppress(Exception):
        pickle.loads(pickle.dumps(exc))
        return exc
    return RuntimeError(type(exc).__name__)
