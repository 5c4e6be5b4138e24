"""The Python package a tester installs with pip: built from the checkout, installed alone.

The sdist and the wheel are built once (``python -m build --no-isolation``: the wheel is built
from the sdist, so a file missing from either shows) from a copy of the checkout's files, so
the checkout gets no ``build/`` or ``.egg-info``. The wheel goes into a fresh virtual
environment with ``--no-deps``; the libraries it needs (PySide6, SQLCipher...) are read from
the test environment's site-packages through a plain ``.pth`` path. A path line adds only
that folder to ``sys.path``, after the fresh environment's own: the test environment's
editable install of this project (a ``.pth`` *inside* that folder) is never run, so every
module and resource of ours comes from the wheel, which the tests check. Installing
PySide6 and the rest for real would cost a minute of CI and test pip, not our package.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.timeout(600)


def _checkout_files() -> list[str]:
    """What a fresh clone holds (tracked and new files, nothing git ignores)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(REPO), "ls-files", "-co", "--exclude-standard", "-z"],
            capture_output=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: the package test builds from the checkout's files")
    return [name for name in done.stdout.decode().split("\0") if name and (REPO / name).is_file()]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    source = tmp_path_factory.mktemp("checkout")
    for name in _checkout_files():
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((REPO / name).read_bytes())
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


@pytest.fixture(scope="module")
def installed(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel alone; returns its bin folder."""
    env = tmp_path_factory.mktemp("venv") / "fresh"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    pip = [sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install"]
    done = subprocess.run(
        [*pip, "--quiet", "--no-deps", "--no-index", str(built["wheel"])],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    fresh_purelib = subprocess.run(
        [
            str(env / "bin" / "python"),
            "-c",
            "import sysconfig; print(sysconfig.get_path('purelib'))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    libraries = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (Path(fresh_purelib) / "test-environment-libraries.pth").write_text(
        "\n".join(sorted(libraries)) + "\n", encoding="utf-8"
    )
    return env / "bin"


def _run(program: Path, *args: str, home: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """As a tester's shell would: an almost empty environment, the checkout out of reach."""
    home.mkdir(parents=True, exist_ok=True)
    env = {"HOME": str(home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen", **extra}
    if "PATH" in os.environ:
        env["PATH"] = os.environ["PATH"]
    return subprocess.run(
        [str(program), *args], env=env, cwd=home, capture_output=True, text=True, timeout=300
    )


def test_the_sdist_and_the_wheel_pass_twine_check(built: dict[str, Path]) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "twine",
            "check",
            "--strict",
            str(built["wheel"]),
            str(built["sdist"]),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_wheel_metadata_has_readme_license_classifiers_and_urls(
    built: dict[str, Path],
) -> None:
    with zipfile.ZipFile(built["wheel"]) as wheel:
        names = wheel.namelist()
        (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        text = wheel.read(metadata).decode("utf-8")
    headers = text.split("\n\n", 1)[0]
    assert "License-Expression: AGPL-3.0-or-later" in headers
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "Classifier: Natural Language :: French" in headers
    assert "Project-URL: Homepage, https://" in headers
    assert "Description-Content-Type: text/markdown" in headers
    assert "# Self Data Wallet" in text.split("\n\n", 1)[1]  # the README is the description


def test_every_resource_of_the_checkout_is_in_the_wheel_and_the_sdist(
    built: dict[str, Path],
) -> None:
    resources = [n for n in _checkout_files() if n.startswith("resources/")]
    assert len(resources) > 100
    with zipfile.ZipFile(built["wheel"]) as wheel:
        in_wheel = set(wheel.namelist())
    with tarfile.open(built["sdist"]) as sdist:
        in_sdist = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for name in resources:
        assert "selfdata_resources/" + name.removeprefix("resources/") in in_wheel, name
        assert name in in_sdist, name
    # Compiled gettext catalogues, wherever the core keeps them, are in the wheel too.
    for name in _checkout_files():
        if name.endswith(".mo") and not name.startswith("resources/"):
            assert name in in_wheel, name
    assert not any("__pycache__" in name for name in in_wheel)
    assert not any(name.startswith("resources/") for name in in_wheel)  # only under our name


def test_the_installed_wheel_uses_its_own_files(installed: Path, tmp_path: Path) -> None:
    code = (
        "import json, wallet, ui, importers; from wallet import resources; "
        "print(json.dumps([wallet.__file__, ui.__file__, importers.__file__, "
        "str(resources.resources_dir())]))"
    )
    done = _run(installed / "python", "-c", code, home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    fresh = installed.parent.resolve()
    for path in json.loads(done.stdout):
        assert Path(path).resolve().is_relative_to(fresh), path


def test_the_installed_wheel_passes_the_self_test(installed: Path, tmp_path: Path) -> None:
    done = _run(installed / "selfdata", "--self-test", home=tmp_path / "home")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Self-test passed." in done.stdout
    assert "sharing: saved a signed share" in done.stdout


DEMO_CHECK = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QTranslator
from PySide6.QtGui import QGuiApplication, QIcon
from wallet.demo import create_demo
from wallet.queries import counts
from wallet.resources import icon_path, translations_dir
from wallet.sharing.shares import Sharing
app = QGuiApplication(sys.argv[:1])
demo = create_demo(Path(sys.argv[1]))
french = QTranslator()
print(json.dumps({
    "counts": counts(demo.wallet.conn),
    "shares": len(Sharing(demo.wallet).shares()),
    "french": french.load("selfdata_fr", str(translations_dir())),
    "icon": not QIcon(str(icon_path())).isNull(),
}))
"""


def test_the_installed_wheel_opens_its_demo_with_data_in_french(
    installed: Path, tmp_path: Path
) -> None:
    """The demo as the program opens it, the French catalogue and the icon, all from the wheel.

    (The whole program's tour of the demo, page by page, is tests/test_ui_demo.py: the same
    code, read from the checkout; here what matters is that the wheel carries what it reads.)
    """
    done = _run(
        installed / "python", "-c", DEMO_CHECK, str(tmp_path / "demo" / "wallet"), home=tmp_path
    )
    assert done.returncode == 0, done.stdout + done.stderr
    found = json.loads(done.stdout.splitlines()[-1])
    assert found["counts"]["electricity"] > 30_000
    assert all(found["counts"][d] > 0 for d in ("gas", "water", "mobility", "benefits"))
    assert found["shares"] == 2
    assert found["french"] and found["icon"]
