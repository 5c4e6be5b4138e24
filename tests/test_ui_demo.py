"""The demo wallet (core) and ``selfdata-wallet --demo --screenshots DIR`` (the whole program)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.conftest import RESOURCE_SAMPLES
from ui.workspace import PAGES
from wallet.demo import create_demo, sample_files
from wallet.queries import counts


def test_demo_imports_what_it_can_and_notes_the_rest(tmp_path: Path) -> None:
    samples = tmp_path / "samples"
    samples.mkdir()
    benefits = next(p for p in sample_files(RESOURCE_SAMPLES) if "benefits" in p.name)
    (samples / benefits.name).write_bytes(benefits.read_bytes())
    (samples / "unknown_export.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (samples / "README.md").write_text("notes for people\n", encoding="utf-8")
    demo = create_demo(tmp_path / "wallet", samples)
    try:
        assert [r.file_name for r in demo.imported] == [benefits.name]
        assert [s.file_name for s in demo.skipped] == ["unknown_export.csv"]
        assert "not an export the wallet knows" in demo.skipped[0].reason
        data_lines = len(benefits.read_text(encoding="utf-8").splitlines()) - 1
        assert counts(demo.wallet.conn)["benefits"] == data_lines
    finally:
        demo.wallet.lock()


@pytest.mark.timeout(660)
def test_screenshots_one_png_per_page(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(temp))
    done = subprocess.run(
        [sys.executable, "-m", "ui.app", "--demo", "--screenshots", str(shots)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,  # the tour loads the benefits model once for My rights
    )
    assert done.returncode == 0, done.stdout + done.stderr
    names = sorted(p.name for p in shots.glob("*.png"))
    for key, _, _ in PAGES:
        assert any(name.endswith(f"-{key}.png") for name in names), key
    assert any(name.endswith("-unlock.png") for name in names)
    for path in shots.glob("*.png"):
        image = QImage(str(path))
        assert image.width() >= 800 and image.height() >= 500
    # The throwaway wallet is gone.
    assert not list(temp.glob("selfdata-demo-*"))
