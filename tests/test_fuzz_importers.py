"""Every importer, fed damaged copies of its sample files, gives a clear outcome.

Either rows imported and rows rejected with line and reason, or the whole file refused with a
reason: never an unhandled exception, never a half-imported batch. Cases that once failed are
kept in tests/fuzz_corpus/ and replayed first.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers import registry
from importers.base import FileRefused, Rejected, read_sample
from tests.conftest import PASSPHRASE, RESOURCE_SAMPLES
from tests.fuzz_damage import damages_for
from tests.fuzz_formats import VALID_FILES
from wallet.batches import list_batches
from wallet.errors import WalletError
from wallet.keyslots import FAST_KDF
from wallet.queries import counts
from wallet.vault import Wallet

CORPUS = Path(__file__).parent / "fuzz_corpus"
SAMPLES = sorted(p for p in RESOURCE_SAMPLES.glob("*") if p.is_file() and p.suffix != ".tsv")
FUZZ_EXAMPLES = int(os.environ.get("SELFDATA_FUZZ_EXAMPLES", "12"))


def check_parse_is_clean(path: Path) -> None:
    """Detection and parsing raise nothing but FileRefused; rejections carry a line number.

    Every detector is called directly: the registry forgives a failing detector, the harness
    does not.
    """
    sample = read_sample(path)
    for importer in registry.all_importers():
        if importer.detect(sample).confidence < registry.ACCEPT_THRESHOLD:
            continue
        try:
            for item in importer.parse(path):
                if isinstance(item, Rejected):
                    assert item.line >= 0 and item.reason
        except FileRefused as exc:
            assert str(exc)


@pytest.fixture(scope="module")
def fuzz_wallet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wallet]:
    root = tmp_path_factory.mktemp("fuzz") / "wallet"
    created = Wallet.create(root, PASSPHRASE, kdf=FAST_KDF)
    yield created.wallet
    created.wallet.lock()


def check_import_is_whole_or_nothing(wallet: Wallet, path: Path) -> None:
    before_counts = counts(wallet.conn)
    before_batches = len(list_batches(wallet.conn))
    try:
        result = wallet.import_file(path, confirm=lambda records, rejected: True)
    except WalletError as exc:
        assert str(exc)
        assert counts(wallet.conn) == before_counts
        assert len(list_batches(wallet.conn)) == before_batches
        return
    assert result.batch_id is not None
    assert len(list_batches(wallet.conn)) == before_batches + 1
    assert all(r.line >= 0 and r.reason for r in result.rejected)


@pytest.mark.skipif(not SAMPLES, reason="no sample exports in resources/samples yet")
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_damaged_sample_gives_a_clear_outcome(
    sample: Path, data: st.DataObject, fuzz_wallet: Wallet, tmp_path: Path
) -> None:
    original = sample.read_bytes()
    damage = data.draw(st.sampled_from(damages_for(original)))
    damaged = damage(original, data)
    path = tmp_path / f"damaged{sample.suffix}"
    path.write_bytes(damaged)
    check_parse_is_clean(path)
    check_import_is_whole_or_nothing(fuzz_wallet, path)


@pytest.mark.parametrize("importer_name", sorted(VALID_FILES))
@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_valid_file_is_read_whole_and_a_damaged_one_gives_a_clear_outcome(
    importer_name: str, data: st.DataObject, fuzz_wallet: Wallet, tmp_path: Path
) -> None:
    suffix, content = data.draw(VALID_FILES[importer_name])
    path = tmp_path / f"valid{suffix}"
    path.write_bytes(content)
    chosen = registry.choose(path)
    assert chosen.importer.name == importer_name
    items = list(chosen.importer.parse(path))
    assert items and not [i for i in items if isinstance(i, Rejected)]
    damage = data.draw(st.sampled_from(damages_for(content)))
    path.write_bytes(damage(content, data))
    check_parse_is_clean(path)
    check_import_is_whole_or_nothing(fuzz_wallet, path)


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*") if p.is_file()) if CORPUS.is_dir() else []


@pytest.mark.parametrize("case", corpus_files(), ids=lambda p: p.name)
def test_corpus_cases_that_once_failed(case: Path, fuzz_wallet: Wallet) -> None:
    check_parse_is_clean(case)
    check_import_is_whole_or_nothing(fuzz_wallet, case)


def test_a_10_mb_line_is_refused_or_rejected_not_fatal(fuzz_wallet: Wallet, tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    header = b"dataset,meter,quantity,start,end,value,unit\n"
    path.write_bytes(header + b"electricity,M," + b"x" * 10_000_000 + b"\n")
    check_parse_is_clean(path)
    check_import_is_whole_or_nothing(fuzz_wallet, path)
