"""Private, atomic file writes (temp file in the same folder, fsync, rename, fsync the folder),
and the digest that names an imported file."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from wallet.errors import DiskFull

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def make_private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if os.name == "posix":
        os.chmod(path, PRIVATE_DIR)


def fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# A new file: refuses an existing file or link at that name (no following a planted symlink).
_NEW_FILE = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def create_private(path: Path) -> int:
    """A new file, readable by its owner only from the start; its descriptor.

    Raises FileExistsError when anything (a file, a link) already has that name.
    """
    return os.open(path, _NEW_FILE | getattr(os, "O_BINARY", 0), PRIVATE_FILE)


def temp_sibling(path: Path) -> tuple[Path, int]:
    """A new private temporary file beside ``path``, with a name nobody can guess ahead."""
    while True:
        tmp = path.with_name(f".{path.name}.tmp-{secrets.token_hex(8)}")
        try:
            return tmp, create_private(tmp)
        except FileExistsError:
            continue  # someone holds that name: draw another


@contextlib.contextmanager
def private_output(path: Path) -> Iterator[BinaryIO]:
    """Write a file for the person: 0600 from the start, in place only once complete.

    The bytes go to a private temporary file beside ``path``, which then replaces it, so a
    failure leaves the old file (or none) and never a part.
    """
    tmp, fd = temp_sibling(path)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise disk_error(exc) from exc
        raise
    fsync_dir(path.parent)


@contextlib.contextmanager
def private_text_output(path: Path) -> Iterator[TextIO]:
    """``private_output`` for UTF-8 text (CSV or JSON), with newlines written as given."""
    with private_output(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        yield text
        text.flush()
        text.detach()


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: after a crash, the old or the new file, never a mix."""
    with private_output(path) as out:
        out.write(data)


def disk_error(exc: OSError) -> Exception:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DiskFull(
            "The disk is full, so nothing was written and your wallet is unchanged. "
            "Free some space and try again."
        )
    return exc


def make_private_file(path: Path) -> None:
    if os.name == "posix" and path.exists():
        os.chmod(path, PRIVATE_FILE)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
