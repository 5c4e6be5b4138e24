"""Which version this is and which build it came from.

The version comes from the installed package's metadata. The build id is written into
``wallet/_build_id.py`` by ``make dist``; a checkout has none, so the git commit stands in
(with ``+changes`` when the work tree differs from it).
"""

from __future__ import annotations

import argparse
import functools
import importlib
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wallet import __version__ as _source_version

DISTRIBUTION = "selfdata-wallet"
_REPO = Path(__file__).resolve().parents[1]


def version() -> str:
    # Imported here: importlib.metadata (with the email package) would add ~15 ms to the start
    # of every command, and only --version, the doctor and the update check ask.
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return _source_version


@functools.cache
def build_id() -> str:
    try:
        module = importlib.import_module("wallet._build_id")
        return str(module.BUILD_ID)
    except (ImportError, AttributeError):
        pass
    return _git_commit() or "unknown build"


def _git_commit() -> str | None:
    if getattr(sys, "frozen", False) or not (_REPO / ".git").exists():
        return None
    try:
        commit = subprocess.run(
            ["git", "-C", str(_REPO), "rev-parse", "--short=12", "HEAD"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "-C", str(_REPO), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return f"git {commit}{'+changes' if changed else ''}" if commit else None


def describe(program: str) -> str:
    """``selfdata 0.1.0 (build 2025-06-01 abc123)``: what ``--version`` and the About box say."""
    return f"{program} {version()} ({build_id()})"


class VersionAction(argparse.Action):
    """``--version`` that asks git only when it is used, not on every start."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("nargs", 0)
        kwargs.setdefault("default", argparse.SUPPRESS)
        kwargs.setdefault("help", "show the version and the build it came from, then exit")
        super().__init__(option_strings, dest, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        sys.stdout.write(describe(parser.prog) + "\n")
        parser.exit(0)
