"""``make dist`` on Linux: PyInstaller one-folder build, desktop files, icons, a .tar.gz.

Writes the build id into ``wallet/_build_id.py`` for the build only (a checkout reports its git
commit instead), checks that every library in the folder finds its own dependencies, and prints
the archive's size and the unpacked size.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
DIST = ROOT / "dist"
BUILD_ID_FILE = ROOT / "wallet" / "_build_id.py"
APP_ID = "org.selfdata.Wallet"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Libraries every Linux desktop has, which a build must take from the system (GPU drivers).
SYSTEM_ONLY = ("libGL", "libEGL", "libGLX", "libGLdispatch", "libOpenGL", "libc.", "libm.")
# The packed archive must stay below the budget; the last build measured (README) for comparison.
# 90 MB for the program, plus the rights check's model (OpenFisca-France and what it loads),
# which added 9.8 MB packed when it came in (83.6 -> 93.4 MB, README: Rights).
ARCHIVE_BUDGET_MB = 100.0
LAST_MEASURED_MB = 93.4


def git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def build_id() -> str:
    commit = git("rev-parse", "--short=12", "HEAD") or "no-git"
    changed = "+changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    day = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d")
    return f"build {day} from git {commit}{changed}"


def version() -> str:
    from importlib import metadata

    return metadata.version("selfdata-wallet")


def pyinstaller() -> Path:
    work = ROOT / "build" / "pyinstaller"
    out = DIST / "pyinstaller"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(out),
            "--workpath",
            str(work),
            str(PACKAGING / "selfdata-wallet.spec"),
        ],
        check=True,
        cwd=PACKAGING,
    )
    return out / "selfdata-wallet"


def add_desktop_files(folder: Path) -> None:
    share = folder / "share"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    shutil.copy(PACKAGING / "linux" / f"{APP_ID}.desktop", share / "applications")
    shutil.copy(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml", share / "metainfo")
    icons = ROOT / "resources" / "icons"
    for size in ICON_SIZES:
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(icons / f"selfdata-wallet-{size}.png", target / f"{APP_ID}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy(icons / "selfdata-wallet.svg", scalable / f"{APP_ID}.svg")
    shutil.copy(PACKAGING / "linux" / "install.sh", folder / "install.sh")
    shutil.copy(PACKAGING / "README.md", folder / "PACKAGING.md")


def link_command_line(folder: Path) -> None:
    """``selfdata`` is the same executable under another name (packaging/entry_linux.py)."""
    link = folder / "selfdata"
    link.unlink(missing_ok=True)
    link.symlink_to("selfdata-wallet")


def self_test(folder: Path) -> bool:
    """Run the built ``selfdata --self-test`` as a tester's machine would: no Python, no venv."""
    with tempfile.TemporaryDirectory(prefix="selfdata-dist-home-") as home:
        done = subprocess.run(
            [str(folder / "selfdata"), "--self-test"],
            env={"HOME": home, "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"},
            capture_output=True,
            text=True,
        )
    if done.returncode != 0:
        print(done.stdout + done.stderr)
    return done.returncode == 0


def strip_binaries(folder: Path) -> None:
    """Strip debug symbols, except from wheels' vendored libraries (``*.libs/``).

    auditwheel-patched libraries such as NumPy's OpenBLAS stop loading once stripped
    ("ELF load command address/offset not page-aligned"); the self-test catches it.
    """
    for path in (folder / "_internal").rglob("*"):
        # The programs themselves carry PyInstaller's archive: never strip them.
        if path.is_symlink() or not path.is_file() or any(p.endswith(".libs") for p in path.parts):
            continue
        with open(path, "rb") as handle:
            if handle.read(4) != b"\x7fELF":
                continue
        subprocess.run(["strip", "--strip-unneeded", str(path)], check=False, capture_output=True)


def drop_foreign_search_paths(folder: Path) -> int:
    """Remove library search paths that point outside the build; returns how many files.

    A Python built from source (pyenv) gives its extension modules and libpython the RUNPATH
    of its own lib folder on the build machine: useless elsewhere, and a place the loader
    would search first. ``$ORIGIN`` paths (Qt's, inside the build) stay. Needs patchelf.
    """
    if shutil.which("patchelf") is None:
        print("warning: patchelf is not installed: RUNPATHs to the build machine stay")
        return 0
    changed = 0
    for path in (folder / "_internal").rglob("*.so*"):
        if path.is_symlink() or any(p.endswith(".libs") for p in path.parts):
            continue
        done = subprocess.run(
            ["patchelf", "--print-rpath", str(path)], capture_output=True, text=True
        )
        paths = [p for p in done.stdout.strip().split(":") if p]
        kept = [p for p in paths if p.startswith("$ORIGIN")]
        if done.returncode != 0 or paths == kept:
            continue
        command = ["--set-rpath", ":".join(kept)] if kept else ["--remove-rpath"]
        subprocess.run(["patchelf", *command, str(path)], check=True)
        changed += 1
    return changed


def missing_libraries(folder: Path) -> list[str]:
    """Libraries in the build that ``ldd`` cannot resolve, GPU drivers aside."""
    missing = set()
    internal = folder / "_internal"
    lib_dirs = {str(p.parent) for p in internal.rglob("*.so*")}
    env = {"LD_LIBRARY_PATH": ":".join(sorted(lib_dirs)), "PATH": os.environ.get("PATH", "")}
    for path in internal.rglob("*.so*"):
        if path.is_symlink():
            continue
        done = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
        for line in done.stdout.splitlines():
            if "not found" in line:
                name = line.split()[0]
                if not name.startswith(SYSTEM_ONLY):
                    missing.add(f"{path.relative_to(folder)} needs {name}")
    return sorted(missing)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    started = time.monotonic()
    BUILD_ID_FILE.write_text(f'BUILD_ID = "{build_id()}"\n', encoding="utf-8")
    try:
        built = pyinstaller()
    finally:
        BUILD_ID_FILE.unlink(missing_ok=True)
    name = f"selfdata-wallet-{version()}-linux-x86_64"
    folder = DIST / name
    shutil.rmtree(folder, ignore_errors=True)
    shutil.move(str(built), folder)
    link_command_line(folder)
    add_desktop_files(folder)
    strip_binaries(folder)
    drop_foreign_search_paths(folder)
    missing = missing_libraries(folder)
    for line in missing:
        print(f"warning: {line}")
    passed = self_test(folder)
    archive = DIST / f"{name}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=9) as tar:
        tar.add(folder, arcname=name)
    size_mb = archive.stat().st_size / 1e6
    print(f"Built {archive} in {(time.monotonic() - started) / 60:.1f} min")
    print(
        f"  archive:  {size_mb:.1f} MB (last measured {LAST_MEASURED_MB} MB, "
        f"budget {ARCHIVE_BUDGET_MB:.0f} MB)"
    )
    print(f"  unpacked: {folder_size(folder) / 1e6:.1f} MB in {folder}")
    print(f"  self-test: {'passed' if passed else 'FAILED'}: {folder}/selfdata --self-test")
    print(f"  the app:  env -i HOME=$(mktemp -d) {folder}/selfdata-wallet --demo")
    if size_mb >= ARCHIVE_BUDGET_MB:
        print(f"  the archive is over its {ARCHIVE_BUDGET_MB:.0f} MB budget (packaging/README.md)")
    return 1 if missing or not passed or size_mb >= ARCHIVE_BUDGET_MB else 0


if __name__ == "__main__":
    raise SystemExit(main())
