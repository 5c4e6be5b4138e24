"""What a release manager ships: a valid menu entry, valid AppStream metainfo, icons, lean rules."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

PACKAGING = REPO / "packaging"
DESKTOP = PACKAGING / "linux" / "org.selfdata.Wallet.desktop"
METAINFO = PACKAGING / "linux" / "org.selfdata.Wallet.metainfo.xml"
ICONS = REPO / "resources" / "icons"


def need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} is not installed here (apt-get install desktop-file-utils appstream)")
    return found


def test_the_desktop_file_is_valid() -> None:
    done = subprocess.run(
        [need("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == ""  # no warnings either


def test_the_metainfo_is_valid() -> None:
    done = subprocess.run(
        [need("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_metainfo_names_the_desktop_file_and_the_current_version() -> None:
    from wallet import __version__

    text = METAINFO.read_text(encoding="utf-8")
    assert f'<launchable type="desktop-id">{DESKTOP.name}</launchable>' in text
    assert f'<release version="{__version__}"' in text


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_the_icon_exists_at_each_usual_size(size: int) -> None:
    data = (ICONS / f"selfdata-wallet-{size}.png").read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (size, size)


def test_lean_rules_keep_what_the_program_uses_and_drop_the_rest() -> None:
    sys.path.insert(0, str(PACKAGING))
    try:
        import lean
    finally:
        sys.path.remove(str(PACKAGING))
    qt = "PySide6/Qt/"
    kept = [
        (f"{qt}lib/libQt6Widgets.so.6", "", "BINARY"),
        (f"{qt}plugins/platforms/libqxcb.so", "", "BINARY"),
        (f"{qt}plugins/platforms/libqoffscreen.so", "", "BINARY"),
        (f"{qt}plugins/platforms/libqwayland.so", "", "BINARY"),
        (f"{qt}plugins/imageformats/libqsvg.so", "", "BINARY"),
        (f"{qt}translations/qtbase_fr.qm", "", "DATA"),
        ("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf", "", "DATA"),
        ("matplotlib/mpl-data/matplotlibrc", "", "DATA"),
    ]
    dropped = [
        (f"{qt}lib/libQt6Quick.so.6", "", "BINARY"),
        (f"{qt}lib/libQt6Pdf.so.6", "", "BINARY"),
        (f"{qt}plugins/imageformats/libqpdf.so", "", "BINARY"),
        (f"{qt}plugins/platformthemes/libqgtk3.so", "", "BINARY"),
        (f"{qt}plugins/sqldrivers/libqsqlite.so", "", "BINARY"),
        (f"{qt}translations/qtbase_de.qm", "", "DATA"),
        ("matplotlib/mpl-data/fonts/ttf/STIXGeneral.ttf", "", "DATA"),
        ("matplotlib/mpl-data/sample_data/goog.npz", "", "DATA"),
    ]
    assert lean.lean(kept + dropped) == kept


def test_windows_and_macos_files_are_there_and_say_they_are_untested_here() -> None:
    readme = (PACKAGING / "README.md").read_text(encoding="utf-8")
    for name in (
        "windows/selfdata-wallet-windows.spec",
        "windows/selfdata-wallet.iss",
        "macos/selfdata-wallet-macos.spec",
        "macos/entitlements.plist",
    ):
        assert (PACKAGING / name).is_file(), name
        assert name.split("/")[-1] in readme
    assert "cannot be built here" in readme


def _lean() -> Any:
    sys.path.insert(0, str(PACKAGING))
    try:
        import lean
    finally:
        sys.path.remove(str(PACKAGING))
    return lean


def test_the_build_carries_every_resource_the_program_reads() -> None:
    from wallet import resources

    bundled = {
        (Path(folder) / Path(source).name).as_posix()
        for source, folder in _lean().resource_datas(REPO)
    }
    root = resources.resources_dir()
    wanted = [
        resources.samples_dir() / "caf_paiements_api.json",
        resources.guides_dir() / "enedis_hdm_csv.fr.md",
        resources.guides_dir() / "screenshots" / "fr" / "05-imports.png",
        resources.translations_dir() / "selfdata_fr.qm",
        resources.schemas_dir() / "mapping-1.0.json",
        resources.schemas_dir() / "consent-record-1.0.json",
        resources.services_dir() / "energy-coach.json",
        root / "rights" / "benefits.json",
        root / "rights" / "communes.csv",
        root / "rights" / "demo_household.json",
        resources.icon_path(),
    ]
    for path in wanted:
        assert path.is_file(), path
        assert ("selfdata_resources" / path.relative_to(root)).as_posix() in bundled, path
    # The package itself, so that importlib.resources finds it in the bundle.
    assert "selfdata_resources/__init__.py" in bundled
    # Qt Linguist's source catalogue is compiled to .qm; the program never reads it.
    assert "selfdata_resources/i18n/selfdata_fr.ts" not in bundled


def test_a_file_added_anywhere_under_resources_is_bundled() -> None:
    """Features add folders under resources/ (price tables, gettext catalogues): no list to update."""
    bundled = {Path(source).resolve() for source, _ in _lean().resource_datas(REPO)}
    shipped = [
        p.resolve()
        for p in (REPO / "resources").rglob("*")
        if p.is_file() and p.suffix not in (".ts", ".po", ".pot", ".pyc")
    ]
    assert shipped and set(shipped) <= bundled


def test_every_module_finds_resources_in_a_build_where_the_bundle_puts_them(
    tmp_path: Path,
) -> None:
    from wallet import mappings, resources
    from wallet.sharing import resources as sharing_resources

    assert resources.schemas_dir() == sharing_resources.SCHEMAS
    assert resources.services_dir() == sharing_resources.SERVICES
    assert mappings.SCHEMA_PATH.parent == resources.schemas_dir()
    # The bundle's layout, on a path like the frozen program's (its folder first, no site).
    bundle = tmp_path / "_internal"
    for source, folder in _lean().resource_datas(REPO):
        if folder.endswith(("/guides", "selfdata_resources")):
            (bundle / folder).mkdir(parents=True, exist_ok=True)
            shutil.copy(source, bundle / folder)
    code = (
        "import sys; sys.path[:0] = sys.argv[1:3]; from wallet import resources; "
        "print(resources.resources_dir()); print(resources.guide_path('enedis_hdm_csv', 'fr'))"
    )
    done = subprocess.run(
        [sys.executable, "-S", "-c", code, str(bundle), str(REPO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    found, guide = done.stdout.splitlines()
    assert Path(found) == bundle / "selfdata_resources"
    assert Path(guide) == bundle / "selfdata_resources" / "guides" / "enedis_hdm_csv.fr.md"


def test_pruning_drops_links_to_dropped_libraries() -> None:
    lean = _lean()
    kept = lean._without_dangling_links(
        [
            ("PySide6/Qt/lib/libQt6Core.so.6", "/venv/libQt6Core.so.6", "BINARY"),
            ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
            ("libQt6EglFsKmsSupport.so.6", "PySide6/Qt/lib/libQt6EglFsKmsSupport.so.6", "SYMLINK"),
        ]
    )
    assert [entry[0] for entry in kept] == ["PySide6/Qt/lib/libQt6Core.so.6", "libQt6Core.so.6"]


@pytest.mark.parametrize(
    ("name", "program"), [("selfdata", "selfdata"), ("selfdata-wallet", "selfdata-wallet")]
)
def test_the_linux_build_runs_the_program_named_by_the_link_it_was_started_from(
    name: str, program: str
) -> None:
    from wallet import __version__

    entry = PACKAGING / "entry_linux.py"
    # Not runpy: it would put the script's own path in sys.argv[0].
    code = (
        f"import sys; sys.argv = ['/opt/x/{name}', '--version']; "
        f"exec(compile(open({str(entry)!r}).read(), 'entry_linux.py', 'exec'), {{}})"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{program} {__version__}")


def test_the_menu_entry_starts_the_program_with_arguments_it_accepts() -> None:
    from ui.app import parse_args

    exec_line = next(
        line.split("=", 1)[1]
        for line in DESKTOP.read_text(encoding="utf-8").splitlines()
        if line.startswith("Exec=")
    )
    program, *arguments = exec_line.split()
    assert program == "selfdata-wallet"
    # A file manager replaces %f/%F/%u/%U with files: the program must then take file names.
    example = [
        {"%f": "a.csv", "%F": "a.csv", "%u": "a.csv", "%U": "a.csv"}.get(a, a) for a in arguments
    ]
    parse_args(example)  # argparse exits (SystemExit) on an argument it does not know


@pytest.mark.timeout(600)
def test_the_lean_rules_keep_what_the_rights_model_imports() -> None:
    """Every module the build leaves out is blocked, then OpenFisca-France loads and computes."""
    code = (
        "import sys\n"
        "sys.path.insert(0, 'packaging')\n"
        "import lean\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if any(name == m or name.startswith(m + '.') for m in lean.EXCLUDED_MODULES):\n"
        "            raise ModuleNotFoundError(name, name=name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from wallet.rights import estimate, household\n"
        "h = household.from_json({'adults': [{'birth_date': '1985-05-10', 'activity': 'inactive',"
        " 'incomes': {'salary': 0}}], 'children': [], 'housing': {'status': 'hosted'}})\n"
        "lines = estimate.compute(h, ['2025-06'])\n"
        "assert [ln.estimate_cents for ln in lines if ln.benefit == 'rsa'][0] > 0\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, timeout=580)
