"""One program at a time per wallet folder: a lock file beside the database."""

from __future__ import annotations

import filelock

from wallet.errors import WalletBusy
from wallet.files import PRIVATE_FILE
from wallet.paths import WalletPaths


def acquire(paths: WalletPaths) -> filelock.BaseFileLock:
    """The folder's lock, held until released; WalletBusy when another program holds it."""
    lock = filelock.FileLock(paths.lock, timeout=0, mode=PRIVATE_FILE)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise WalletBusy(
            "This wallet is open in another window or program. Close it there first."
        ) from None
    return lock
