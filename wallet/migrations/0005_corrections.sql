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

-- The import step (wallet/batch_writer.py) fills it through a TEMP trigger that it creates
-- only once a file turns out to overlap stored readings: a trigger on the table, even one that
-- never fires, makes every plain insert of a first import a third slower.

DROP VIEW energy_readings;
CREATE VIEW energy_readings AS
SELECT c.entity_id, c.quantity, v.start_utc, v.end_utc, v.value, v.unit, v.batch_id, v.quality
FROM energy_values AS v JOIN channels AS c ON c.id = v.channel_id;

-- Per batch: values it corrected, empty values it filled, and the rows of the file it did not
-- store on purpose, as JSON {"repeated": 3, ...} (importers.base NOT_STORED_REASONS).
ALTER TABLE batches ADD COLUMN corrected INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batches ADD COLUMN filled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE batches ADD COLUMN not_stored TEXT NOT NULL DEFAULT '{}';
