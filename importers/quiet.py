"""Third-party parsers must not write a person's data to logs or warnings."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def quiet(*loggers: str) -> Iterator[None]:
    """Silence the named libraries' loggers and every warning while a file is parsed.

    A library may warn with the text of a too-long label; pypdf logs about damaged
    structures. Neither message is needed by the person, and either may quote the file.
    """
    saved = [(logging.getLogger(name), logging.getLogger(name).level) for name in loggers]
    for logger, _ in saved:
        logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in saved:
            logger.setLevel(level)
