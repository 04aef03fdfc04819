-- Ideas: tagged by smart-city dimension and plan horizon, attributed to a participant and a stage,
-- with the Telegram message they came from (so a message delivered twice is stored once) and the
-- history of every edit.

ALTER TABLE stages ADD COLUMN ideas_open INTEGER NOT NULL DEFAULT 1 CHECK (ideas_open IN (0, 1));

CREATE TABLE ideas (
    id                 INTEGER PRIMARY KEY,
    stage              INTEGER NOT NULL REFERENCES stages (number),
    participant_id     INTEGER NOT NULL REFERENCES participants (id),
    dimension          TEXT NOT NULL CHECK (dimension IN
                           ('governance', 'branding', 'economy', 'living', 'society', 'environment')),
    horizon            TEXT NOT NULL CHECK (horizon IN ('1', '5', '10', 'unsure')),
    text               TEXT NOT NULL DEFAULT '',
    channel            TEXT NOT NULL CHECK (channel IN ('online', 'offline', 'secretariat')),
    institution        TEXT NOT NULL,                    -- as the author's profile said when sent
    kecamatan          TEXT,
    attachment_type    TEXT CHECK (attachment_type IN ('photo', 'voice', 'document')),
    attachment_file_id TEXT,
    attachment_unique_id TEXT,
    attachment_size    INTEGER,
    attachment_mime    TEXT,
    attachment_name    TEXT,
    source_chat_id     INTEGER,                          -- the Telegram message it came from
    source_message_id  INTEGER,
    entered_by         INTEGER,                          -- secretariat member, for paper ideas
    status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
    priority_rank      INTEGER,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    UNIQUE (source_chat_id, source_message_id)
);
CREATE INDEX ideas_stage_status_dimension ON ideas (stage, status, dimension, horizon);
CREATE INDEX ideas_participant_stage ON ideas (participant_id, stage, status, created_at);

CREATE TABLE idea_revisions (
    id         INTEGER PRIMARY KEY,
    idea_id    INTEGER NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    dimension  TEXT NOT NULL,
    horizon    TEXT NOT NULL,
    status     TEXT NOT NULL,
    changed_at TEXT NOT NULL,                            -- when this version was replaced
    changed_by INTEGER
);
CREATE INDEX idea_revisions_idea ON idea_revisions (idea_id);
