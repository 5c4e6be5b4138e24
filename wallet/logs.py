"""Rotating log files a help-desk worker can read aloud, with no personal data in them.

What the wallet logs is chosen to be safe: counts, importer names, kinds of errors, never a
value, an identifier or a file name. ``PersonalDataFilter`` is a safety net behind that rule:
a record whose text looks like it carries an identifier, an e-mail address or a home folder
is replaced by a notice instead of being written.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import re
from pathlib import Path

from wallet.files import PRIVATE_FILE, make_private_dir
from wallet.paths import log_dir
from wallet.safetext import for_log

LOG_FILE = "selfdata.log"
MAX_BYTES = 512 * 1024
BACKUPS = 4
FORMAT = "%(asctime)s %(levelname)-7s %(message)s"
WITHHELD = "A message was left out of the log because it might hold personal data."

# Long digit runs (meter numbers, card numbers, IBAN digits), e-mail addresses, user folders.
_SUSPICIOUS = re.compile(
    r"\d[\d ]{5,}\d|[\w.+-]+@[\w-]+\.[\w.]+|/home/|/Users/|\\Users\\|[A-Z]{2}\d{2}[A-Z0-9]{10,}"
)

_handler: logging.Handler | None = None


def looks_personal(text: str) -> bool:
    return bool(_SUSPICIOUS.search(text))


class PersonalDataFilter(logging.Filter):
    """Replaces a record that looks like it holds personal data by a notice saying so."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            text = record.getMessage()
        except Exception:  # a broken format string must not stop the program
            text = WITHHELD
        if record.exc_info and record.exc_info[1] is not None:
            # Exception texts may quote what they failed on: keep only the kind.
            record.msg = f"{text} ({type(record.exc_info[1]).__name__})"
            record.exc_info = None
            record.exc_text = None
            text = record.msg
        if looks_personal(text):
            record.msg, record.args = WITHHELD, None
        else:
            # A newline from outside (a feed's version, a file name) must not forge a record.
            record.msg, record.args = for_log(text), None
        return True


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """The log file is created readable by its owner only (never 0644 then chmod)."""

    def _open(self) -> io.TextIOWrapper:
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.baseFilename, flags, PRIVATE_FILE)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


def log_file() -> Path:
    return log_dir() / LOG_FILE


def setup_logging(
    level: int = logging.INFO, directory: Path | None = None, max_bytes: int = MAX_BYTES
) -> Path | None:
    """Send the wallet's log to a rotating file; return its path, or None when it cannot be written.

    Safe to call more than once (the CLI, the app and tests all do): a second call with the same
    folder keeps the handler, another folder replaces it.
    """
    global _handler
    target = (directory or log_dir()) / LOG_FILE
    root = logging.getLogger("selfdata")
    root.setLevel(level)
    root.propagate = False
    if isinstance(_handler, logging.FileHandler) and Path(_handler.baseFilename) == target:
        return target
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
        _handler = None
    try:
        make_private_dir(target.parent)
        handler = PrivateRotatingFileHandler(
            target, maxBytes=max_bytes, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None  # a read-only home must not stop the program; it runs without a log
    handler.setFormatter(logging.Formatter(FORMAT, datefmt="%Y-%m-%d %H:%M:%S"))
    handler.addFilter(PersonalDataFilter())
    root.addHandler(handler)
    _handler = handler
    return target


def get_logger(name: str) -> logging.Logger:
    """A logger under ``selfdata``, so every message goes through the filter."""
    return logging.getLogger(f"selfdata.{name}")


def recent_lines(limit: int = 300) -> list[str]:
    """The last lines of the current log (for a support report), oldest first."""
    path = log_file()
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    return lines[-limit:]
