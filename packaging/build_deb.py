"""``make deb``: the Linux build of ``make dist`` as a Debian package.

``dist/selfdata-wallet_<version>_amd64.deb`` holds the build under ``/opt/selfdata-wallet``,
``selfdata`` and ``selfdata-wallet`` in ``/usr/bin`` (links into it), the menu entry, icons
and AppStream metainfo where desktops look for them, and the changelog and copyright in
``/usr/share/doc/selfdata-wallet``. ``Depends`` names packaging/linux/system-libraries.txt
(the list the build itself needs) and the C library version the build's binaries ask for.
No maintainer script: dpkg's triggers refresh the icon cache and the menu, and nothing is
made at install time that ``apt-get remove`` would leave behind.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
sys.path.insert(0, str(PACKAGING))

from build_linux import DIST, ROOT, folder_size, version  # noqa: E402

PACKAGE = "selfdata-wallet"
OPT = Path("opt") / PACKAGE
LIBRARIES = PACKAGING / "linux" / "system-libraries.txt"
# The release manager's name and address go into the package (DEB_MAINTAINER overrides it).
MAINTAINER = os.environ.get(
    "DEB_MAINTAINER", "Self Data Wallet contributors <packaging@selfdata.org>"
)
SUMMARY = "desktop wallet for your own energy, mobility and benefits data"
DESCRIPTION = """\
 Self Data Wallet imports the exports your energy provider, your transit
 operator and your benefits office give you into one encrypted database on
 your own computer, shows you what they say, and lets you hand a chosen slice
 to a service you pick, with a signed record of that consent that you can
 revoke. Nothing leaves your computer unless you say so.
 .
 This package holds the self-contained build (Python, Qt and every library it
 needs) under /opt/selfdata-wallet, with the selfdata command line and the
 selfdata-wallet desktop program on the PATH."""


def system_libraries() -> list[str]:
    """The Debian packages of packaging/linux/system-libraries.txt, in its order."""
    lines = LIBRARIES.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def glibc_needed(folder: Path) -> str:
    """The highest GLIBC_x.y symbol version any binary of the build asks for."""
    found = (2, 17)
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        with open(path, "rb") as handle:
            if handle.read(4) != b"\x7fELF":
                continue
        done = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True)
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", done.stdout):
            found = max(found, (int(major), int(minor)))
    return f"{found[0]}.{found[1]}"


def control(version_: str, installed_kib: int, glibc: str) -> str:
    depends = ", ".join([f"libc6 (>= {glibc})", *system_libraries()])
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version_}\n"
        "Architecture: amd64\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {depends}\n"
        "Section: utils\n"
        "Priority: optional\n"
        "Homepage: https://selfdata.org/\n"
        f"Description: {SUMMARY}\n{DESCRIPTION}\n"
    )


def copy_build(build: Path, stage: Path) -> None:
    """The build's folder under /opt, its desktop files where desktops look for them."""
    target = stage / OPT
    shutil.copytree(build, target, symlinks=True)
    # What the archive's per-user installer needs has no use in a system package.
    for name in ("install.sh", "PACKAGING.md", "share"):
        path = target / name
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    share = stage / "usr" / "share"
    shutil.copytree(build / "share", share, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    for program in ("selfdata", "selfdata-wallet"):
        (stage / "usr" / "bin" / program).symlink_to(f"/{OPT}/{program}")


def add_docs(stage: Path, version_: str) -> None:
    doc = stage / "usr" / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(copyright_text(), encoding="utf-8")
    changelog = (PACKAGING / "linux" / "debian-changelog").read_text(encoding="utf-8")
    if not changelog.startswith(f"{PACKAGE} ({version_})"):
        raise SystemExit(
            f"packaging/linux/debian-changelog has no entry for {version_} on top: add one."
        )
    gzipped(changelog.encode("utf-8"), doc / "changelog.gz")
    man = stage / "usr" / "share" / "man" / "man1"
    man.mkdir(parents=True)
    for page in sorted((PACKAGING / "linux").glob("*.1")):
        gzipped(page.read_bytes(), man / f"{page.name}.gz")


def gzipped(data: bytes, target: Path) -> None:
    """Reproducible: no file name or time stamp in the gzip header."""
    with open(target, "wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as out:
        out.write(data)


def copyright_text() -> str:
    """Debian's machine-readable copyright file, with the licence's full text."""
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    body = "\n".join(" " + line if line.strip() else " ." for line in licence.splitlines())
    return (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: Self Data Wallet\n"
        "Source: https://selfdata.org/\n"
        "Comment: /opt/selfdata-wallet/_internal also holds the libraries the build carries\n"
        " (Python, Qt, NumPy, matplotlib, SQLCipher and their dependencies), each under its\n"
        " own licence; their metadata and licence files are in the build's *.dist-info folders.\n"
        "\n"
        "Files: *\n"
        "Copyright: Self Data Wallet contributors\n"
        "License: AGPL-3+\n"
        f"{body}\n"
    )


def source_date() -> int:
    """The files' time in the package: the last commit's (reproducible), else now."""
    done = subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True
    )
    return int(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else 0


def set_times(stage: Path, stamp: int) -> None:
    """Every file and folder at ``stamp`` (PyInstaller keeps the wheels' 1980 dates)."""
    stamp = stamp or int(datetime.datetime.now(datetime.UTC).timestamp())
    for path in [stage, *stage.rglob("*")]:
        os.utime(path, (stamp, stamp), follow_symlinks=False)


def md5sums(stage: Path) -> str:
    lines = []
    for path in sorted(stage.rglob("*")):
        if path.is_file() and not path.is_symlink() and "DEBIAN" not in path.parts:
            digest = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
            lines.append(f"{digest}  {path.relative_to(stage).as_posix()}\n")
    return "".join(lines)


def normalise_modes(stage: Path) -> None:
    """Directories and programs 0755, other files (shared libraries too) 0644.

    PyInstaller copies libraries with the executable bit; Debian wants it on programs only.
    """
    for path in stage.rglob("*"):
        if path.is_symlink():
            continue
        program = os.access(path, os.X_OK) and ".so" not in path.name
        path.chmod(0o755 if path.is_dir() or program else 0o644)


def main() -> int:
    version_ = version()
    build = DIST / f"{PACKAGE}-{version_}-linux-x86_64"
    if not (build / "selfdata-wallet").is_file():
        print(f"No Linux build in {build}: run `make dist` first (`make deb` does).")
        return 1
    stage = ROOT / "build" / "deb" / PACKAGE
    shutil.rmtree(stage.parent, ignore_errors=True)
    stage.mkdir(parents=True)
    copy_build(build, stage)
    add_docs(stage, version_)
    normalise_modes(stage)
    (stage / "DEBIAN").mkdir()
    installed_kib = (folder_size(stage) + 1023) // 1024
    glibc = glibc_needed(stage / OPT)
    (stage / "DEBIAN" / "control").write_text(
        control(version_, installed_kib, glibc), encoding="utf-8"
    )
    (stage / "DEBIAN" / "md5sums").write_text(md5sums(stage), encoding="utf-8")
    normalise_modes(stage / "DEBIAN")
    set_times(stage, source_date())
    deb = DIST / f"{PACKAGE}_{version_}_amd64.deb"
    subprocess.run(
        # xz as Debian's tools expect (lintian refuses zstd); level 1: 8 MB bigger than the
        # default level, minutes faster.
        ["dpkg-deb", "--root-owner-group", "-Zxz", "-z1", "--build", str(stage), str(deb)],
        check=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": str(source_date())},
    )
    print(f"Built {deb}")
    print(
        f"  package:  {deb.stat().st_size / 1e6:.1f} MB, installed {installed_kib / 1024:.1f} MiB"
    )
    print(f"  depends:  libc6 (>= {glibc}), {', '.join(system_libraries())}")
    print(f"  check it: lintian {deb}; packaging/linux/check_deb.sh {deb}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
