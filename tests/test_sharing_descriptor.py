"""Service descriptors: the examples load; anything malformed is a DescriptorError, no crash."""

from __future__ import annotations

import contextlib
import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.sharing_support import descriptor
from wallet.sharing import tables
from wallet.sharing.descriptor import load, validate
from wallet.sharing.errors import DescriptorError
from wallet.sharing.resources import SCHEMAS, example_services

GOOD = descriptor("https://coach.example.org")


def test_the_three_pilot_examples_load() -> None:
    found = {load(path).raw["requests"][0]["dataset"] for path in example_services()}
    assert found == {"electricity", "mobility", "benefits"}


def test_published_table_schemas_match_the_code() -> None:
    for dataset in tables.DATASETS:
        for granularity in tables.granularities(dataset):
            published = json.loads(
                (SCHEMAS / tables.published_file(dataset, granularity)).read_text()
            )
            published.pop("title")
            assert published == tables.table_schema(dataset, granularity)


def test_aggregated_schemas_name_the_measures() -> None:
    assert tables.field_names("electricity", "month")[-1] == "energy_kwh"
    assert tables.field_names("gas", "day")[-1] == "energy_kwh"
    assert tables.field_names("water", "week")[-1] == "volume_l"
    assert tables.field_names("mobility", "month")[2:] == ["trips", "fares", "currency"]
    assert tables.field_names("transit_payments", "month")[2:] == [
        "topped_up",
        "refunded",
        "products",
        "currency",
    ]
    assert tables.field_names("benefits", "month")[-1] == "amount_eur"


def changed(path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    *parents, last = path.split(".")
    target: Any = data
    for key in parents:
        target = target[int(key)] if key.isdigit() else target[key]
    if value is DELETE:
        del target[int(last) if last.isdigit() else last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return data


DELETE = object()

INVALID = [
    ("unknown key", changed("colour", "blue"), "colour"),
    ("unknown nested key", changed("requests.0.extra", 1), "extra"),
    ("missing name", changed("name", DELETE), "name"),
    ("http endpoint", changed("endpoints.share", "http://coach.example.org/s"), "http"),
    ("http service", changed("service_id", "http://coach.example.org"), "http"),
    ("other origin", changed("endpoints.share", "https://evil.example.net/s"), "another site"),
    ("service id with a path", changed("service_id", "https://coach.example.org/x"), "service_id"),
    ("unknown dataset", changed("requests.0.dataset", "heartbeat"), "dataset"),
    ("unknown field", changed("requests.0.fields.0.name", "salary"), "salary"),
    ("field at wrong granularity", changed("requests.0.fields.0.name", "quantity"), "quantity"),
    ("retention too long", changed("requests.0.retention", "P50Y"), "longer"),
    ("bad duration", changed("requests.0.retention", "12 months"), "retention"),
    ("bad granularity", changed("requests.0.granularity.allowed", ["yearly"]), "granularity"),
    ("default not allowed", changed("requests.0.granularity.default", "week"), "default"),
    ("no requests", changed("requests", []), "requests"),
    ("wrong version", changed("descriptor_version", "2.0"), "descriptor_version"),
    ("not an object", ["a", "list"], "not valid"),
]


@pytest.mark.parametrize(("case", "data", "hint"), INVALID, ids=[c[0] for c in INVALID])
def test_invalid_descriptors_are_refused_with_a_reason(case: str, data: Any, hint: str) -> None:
    with pytest.raises(DescriptorError) as error:
        validate(data)
    assert hint.lower() in str(error.value).lower()


@pytest.mark.usefixtures("plain_http_to_loopback")
def test_plain_http_to_a_loopback_address_is_accepted_behind_the_tests_switch() -> None:
    local = descriptor("http://127.0.0.1:8080")
    assert validate(local).service_id == "http://127.0.0.1:8080"
    with pytest.raises(DescriptorError, match="plain http"):
        validate(descriptor("http://localhost:8080"))  # a name, not a loopback address


@pytest.mark.parametrize(
    "origin", ["http://127.0.0.1:8080", "http://[::1]:8080", "http://localhost"]
)
def test_plain_http_is_refused_in_the_program_even_to_loopback(origin: str) -> None:
    with pytest.raises(DescriptorError, match="plain http"):
        validate(descriptor(origin))


def test_files_that_are_not_descriptors(tmp_path: Path) -> None:
    for name, body in (
        ("empty.json", b""),
        ("binary.json", b"\xff\xfe\x00"),
        ("deep.json", b"[" * 5000),
    ):
        path = tmp_path / name
        path.write_bytes(body)
        with pytest.raises(DescriptorError):
            load(path)
    with pytest.raises(DescriptorError):
        load(tmp_path / "missing.json")


def test_the_hash_pins_the_descriptor() -> None:
    assert validate(GOOD).sha256 == validate(copy.deepcopy(GOOD)).sha256
    assert validate(GOOD).sha256 != validate(changed("withdrawal_method", "Email us")).sha256


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_random_json_is_always_a_descriptor_error(value: Any) -> None:
    with pytest.raises(DescriptorError):
        validate(value)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(_paths(value, (*prefix, index)))
    return found


PATHS = _paths(GOOD)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATHS), json_values)
def test_a_mutated_descriptor_is_valid_or_a_descriptor_error(
    path: tuple[Any, ...], value: Any
) -> None:
    data = copy.deepcopy(GOOD)
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with contextlib.suppress(DescriptorError):
        validate(data)
