-- Schema 2: transit stops per network (from GTFS) and saved column mappings.
CREATE TABLE stations (
    network TEXT NOT NULL,
    stop_id TEXT NOT NULL,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    location_type INTEGER NOT NULL DEFAULT 0,
    parent_station TEXT NOT NULL DEFAULT '',
    batch_id INTEGER NOT NULL REFERENCES batches (id),
    PRIMARY KEY (network, stop_id)
);

CREATE TABLE mappings (
    name TEXT PRIMARY KEY,
    header_signature TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX mappings_by_header ON mappings (header_signature);

CREATE INDEX trips_by_time ON trips (at_utc);
CREATE INDEX payments_by_date ON payments (paid_on);
