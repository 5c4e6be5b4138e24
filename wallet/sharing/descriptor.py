"""Service descriptors (``selfdata-service/1.0``): validated, then pinned by their hash.

A descriptor says who the service is, where to send, what it asks for and why. It is refused
with a ``DescriptorError`` when it is malformed, asks for something the wallet does not have,
keeps data longer than the configured cap, or points anywhere but its own HTTPS origin.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rfc8785

from wallet.sharing import tables
from wallet.sharing.durations import Duration, parse_duration
from wallet.sharing.errors import DescriptorError
from wallet.sharing.resources import schema
from wallet.sharing.urls import origin, transport_problem

SCHEMA_FILE = "service-descriptor-1.0.json"
DEFAULT_RETENTION_CAP = "P5Y"
MAX_BYTES = 256 * 1024


@dataclass(frozen=True)
class Purpose:
    id: str
    dpv: str | None
    description: dict[str, str]


@dataclass(frozen=True)
class Request:
    request_id: str
    dataset: str
    fields: list[str]
    required_fields: list[str]
    allowed: list[str]  # granularities, as written
    default_granularity: str
    max_lookback: Duration | None
    default_lookback: Duration | None
    purposes: list[Purpose]
    retention: str
    raw: dict[str, Any]

    @property
    def finest(self) -> str:
        return min(self.allowed, key=tables.GRANULARITIES.index)

    @property
    def coarsest(self) -> str:
        return max(self.allowed, key=tables.GRANULARITIES.index)


@dataclass(frozen=True)
class Descriptor:
    raw: dict[str, Any]
    sha256: str

    @property
    def service_id(self) -> str:
        return str(self.raw["service_id"])

    def name(self, language: str = "en") -> str:
        names: dict[str, str] = self.raw["name"]
        return names.get(language) or names.get("en") or next(iter(names.values()))

    @property
    def controller(self) -> str:
        return str(self.raw["controller"]["name"])

    @property
    def share_url(self) -> str | None:
        return self.raw.get("endpoints", {}).get("share")

    @property
    def revoke_url(self) -> str | None:
        return self.raw.get("endpoints", {}).get("revoke")

    @property
    def withdrawal_method(self) -> str:
        return str(self.raw["withdrawal_method"])

    @property
    def requests(self) -> list[Request]:
        return [_request(r) for r in self.raw["requests"]]

    def request_for(self, dataset: str) -> Request | None:
        return next((r for r in self.requests if r.dataset == dataset), None)

    def canonical(self) -> bytes:
        return rfc8785.dumps(self.raw)


def load(
    source: Path | bytes | str | Any, *, retention_cap: str = DEFAULT_RETENTION_CAP
) -> Descriptor:
    """A validated descriptor from a file, JSON text or an already parsed object."""
    if isinstance(source, Path):
        name = source.name
        try:
            if source.stat().st_size > MAX_BYTES:
                raise DescriptorError(f"{name} is too large to be a service descriptor.")
            source = source.read_bytes()
        except OSError:
            raise DescriptorError(
                f"{name} cannot be read. Check the file name and try again."
            ) from None
    if isinstance(source, bytes | str):
        if len(source) > MAX_BYTES:
            raise DescriptorError("The service descriptor is too large.")
        try:
            data = json.loads(source)
        except (ValueError, RecursionError):
            raise DescriptorError(
                "The service descriptor is not valid JSON. Ask the service for its descriptor file."
            ) from None
    else:
        data = source
    return validate(data, retention_cap=retention_cap)


def validate(data: Any, *, retention_cap: str = DEFAULT_RETENTION_CAP) -> Descriptor:
    import jsonschema  # slow to load; rarely needed

    try:
        error = jsonschema.exceptions.best_match(
            jsonschema.Draft202012Validator(schema(SCHEMA_FILE)).iter_errors(data)
        )
    except RecursionError:
        raise DescriptorError("The service descriptor is nested too deeply.") from None
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "top level"
        raise DescriptorError(
            f"The service descriptor is not valid ({where}: {_short(error.message)}). "
            "Ask the service for a corrected descriptor."
        )
    _check_urls(data)
    try:
        cap = parse_duration(retention_cap)
    except ValueError:
        cap = parse_duration(DEFAULT_RETENTION_CAP)
    for request in data["requests"]:
        _check_request(request, cap)
    ids = [r["request_id"] for r in data["requests"]]
    if len(set(ids)) != len(ids):
        raise DescriptorError("The service descriptor repeats a request_id.")
    try:
        canonical = rfc8785.dumps(data)
    except (rfc8785.CanonicalizationError, ValueError, TypeError):
        raise DescriptorError("The service descriptor holds values JSON cannot carry.") from None
    return Descriptor(data, hashlib.sha256(canonical).hexdigest())


def _short(message: str) -> str:
    return message if len(message) <= 160 else message[:157] + "..."


def _check_urls(data: dict[str, Any]) -> None:
    service_id = data["service_id"]
    problem = transport_problem(service_id)
    if problem:
        raise DescriptorError(f"The service_id is refused: {problem}.")
    if origin(service_id) != service_id:
        raise DescriptorError("The service_id must be an origin such as https://example.org.")
    own = origin(service_id)
    urls = dict(data.get("endpoints", {}))
    for name, url in urls.items():
        problem = transport_problem(url)
        if problem:
            raise DescriptorError(f"The {name} endpoint is refused: {problem}.")
        if origin(url) != own:
            raise DescriptorError(
                f"The {name} endpoint is on another site than the service_id; "
                "a service may only receive data on its own origin."
            )
    for key in ("policy_url",):
        if transport_problem(data[key]):
            raise DescriptorError(f"The {key} must be an https:// address.")


def _check_request(request: dict[str, Any], cap: Duration) -> None:
    rid = request["request_id"]
    dataset = request["dataset"]
    if dataset not in tables.DATASETS:
        raise DescriptorError(
            f"Request {rid} asks for a dataset the wallet does not have. "
            f"Known datasets: {', '.join(tables.DATASETS)}."
        )
    allowed = request["granularity"]["allowed"]
    known = set().union(*(tables.field_names(dataset, g) for g in allowed))
    names = [f["name"] for f in request["fields"]]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise DescriptorError(
            f"Request {rid} asks for fields the wallet does not publish for {dataset} at "
            f"{'/'.join(allowed)} granularity: {', '.join(sorted(unknown)[:5])}."
        )
    if len(set(names)) != len(names):
        raise DescriptorError(f"Request {rid} lists a field twice.")
    default = request["granularity"].get("default")
    if default is not None and default not in allowed:
        raise DescriptorError(f"Request {rid}: the default granularity is not an allowed one.")
    try:
        retention = parse_duration(request["retention"])
        for key in ("max_lookback", "default_lookback"):
            if key in request.get("period", {}):
                parse_duration(request["period"][key])
        if "interval" in request.get("recurrence", {}):
            parse_duration(request["recurrence"]["interval"])
    except ValueError:
        raise DescriptorError(f"Request {rid} holds a duration that cannot be read.") from None
    if retention.span() > cap.span():
        raise DescriptorError(
            f"Request {rid} keeps data longer than this wallet allows (retention cap "
            "in the settings). The service must ask for a shorter retention."
        )


def _request(raw: dict[str, Any]) -> Request:
    allowed = list(raw["granularity"]["allowed"])
    period = raw.get("period", {})
    return Request(
        request_id=raw["request_id"],
        dataset=raw["dataset"],
        fields=[f["name"] for f in raw["fields"]],
        required_fields=[f["name"] for f in raw["fields"] if f.get("required", False)],
        allowed=allowed,
        default_granularity=raw["granularity"].get("default") or allowed[0],
        max_lookback=parse_duration(period["max_lookback"]) if "max_lookback" in period else None,
        default_lookback=(
            parse_duration(period["default_lookback"]) if "default_lookback" in period else None
        ),
        purposes=[Purpose(p["id"], p.get("dpv"), p["description"]) for p in raw["purposes"]],
        retention=raw["retention"],
        raw=raw,
    )
