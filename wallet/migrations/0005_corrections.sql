-- Schema 5: provider corrections, what a provider says of each value, and rows a file held
-- that the wallet deliberately did not store.

-- What the provider says of a value: 'measured', 'estimated', 'corrected' (importers.base
-- QUALITIES), or NULL when the file says nothing.
ALTER TABLE energy_values ADD COLUMN quality TEXT;

-- Earlier values that a later import corrected (or filled where they were empty), each with
-- the batch that stored it and the batch whose value replaced it: nothing imported is lost,
-- and undoing the later batch puts the earlier value back exactly.
CREATE TABLE energy_revisions (
    channel_id INTEGER NOT NULL,
    start_utc INTEGER NOT NULL,
    end_utc INTEGER NOT NULL,
    value REAL,
    unit TEXT NOT NULL,
    quality TEXT,
    batch_id INTEGER NOT NULL,
    replaced_by INTEGER NOT NULL,
    PRIMARY KEY (channel_id, start_utc, end_utc, replaced_by)
) WITHOUT ROWID;
CREATE INDEX energy_revisions_by_replacer ON energy_revisions (replaced_by);
CREATE INDEX energy_revisions_by_batch ON energy_revisions (batch_id);

-- The import's upsert moves a reading to the correcting batch; the value it replaces is kept.
-- Fires on the few rows a correction changes, never on a plain insert.
CREATE TRIGGER energy_values_keep_earlier AFTER UPDATE ON energy_values
WHEN old.batch_id != new.batch_id
BEGIN
    INSERT INTO energy_revisions (channel_id, start_utc, end_utc, value, unit, quality, batch_id,
                                  replaced_by)
    VALUES (old.channel_id, old.start_utc, old.end_utc, old.value, old.unit, old.quality,
            old.batch_id, new.batch_id);
END;

DROP VIEW energy_readings;
CREATE VIEW energy_readings AS
SELECT c.entity_id, c.quantity, v.start_utc, v.end_utc, v.value, v.unit, v.batch_id, v.quality
FROM energy_values AS v JOIN channels AS c ON c.id = v.channel_id;

-- Per batch: values it corrected, empty values it filled, and the rows of the file it did not
-- store on purpose, as JSON {"repeated": 3, ...} (importers.base NOT_STORED_REASONS).
ALTER TABLE batches ADD COLUMN corrected INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batches ADD COLUMN filled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batches ADD COLUMN not_stored TEXT NOT NULL DEFAULT '{}';
