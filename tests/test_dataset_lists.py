"""The dataset names are listed in three places that must stay in step.

`wallet.queries.DATASETS` (what `export` and `series` read), `SelfDataCsv.datasets` (what the
wallet's own CSV brings back in) and `wallet.sharing.tables.DATASETS` (what can be shared). The
importers may not import the wallet, so the lists cannot be one constant; this test is what
keeps a new dataset from being exportable but not re-importable, or shareable but not exported.
"""

from __future__ import annotations

from importers.selfdata_csv import SelfDataCsv
from wallet import queries
from wallet.sharing import tables

# Computed by the wallet from what it holds, never imported from a file: shareable only.
DERIVED = {"rights", "costs"}


def test_what_is_exported_can_be_imported_again() -> None:
    assert SelfDataCsv.datasets == queries.DATASETS


def test_what_can_be_shared_is_what_is_exported_plus_the_derived_datasets() -> None:
    stored = [name for name in tables.DATASETS if name not in DERIVED]
    assert tuple(stored) == queries.DATASETS
    assert set(tables.DATASETS) - set(queries.DATASETS) <= DERIVED


def test_every_shared_dataset_has_fields_at_each_granularity_it_is_published_at() -> None:
    for dataset in tables.DATASETS:
        assert tables.granularities(dataset), dataset
        for granularity in tables.granularities(dataset):
            assert tables.fields(dataset, granularity), (dataset, granularity)
