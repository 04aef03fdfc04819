-- Foundation: workshop, stages, institutions, Telegram users, participants and their per-stage
-- registrations, and the state python-telegram-bot persists (conversations, user data).

CREATE TABLE workshop_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE stages (
    number            INTEGER PRIMARY KEY,
    title             TEXT NOT NULL,
    title_en          TEXT NOT NULL,
    days              TEXT NOT NULL DEFAULT '',          -- ISO dates, comma-separated
    venue             TEXT NOT NULL DEFAULT '',
    online_link       TEXT NOT NULL DEFAULT '',
    registration_open INTEGER NOT NULL DEFAULT 0 CHECK (registration_open IN (0, 1)),
    is_current        INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),
    updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX stages_one_current ON stages (is_current) WHERE is_current = 1;

CREATE TABLE institutions (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('opd', 'kecamatan', 'other')),
    sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE users (
    telegram_id INTEGER PRIMARY KEY,
    first_name  TEXT NOT NULL DEFAULT '',
    username    TEXT,
    language    TEXT CHECK (language IN ('id', 'en')),
    reachable   INTEGER NOT NULL DEFAULT 1 CHECK (reachable IN (0, 1)),
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL
);

CREATE TABLE participants (
    id          INTEGER PRIMARY KEY,
    telegram_id INTEGER UNIQUE,                          -- NULL: no Telegram (entered by the secretariat)
    full_name   TEXT NOT NULL,
    name_key    TEXT NOT NULL,                           -- folded name + institution, to spot duplicates
    institution TEXT NOT NULL,
    kecamatan   TEXT,
    position    TEXT NOT NULL,
    phone       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    created_by  INTEGER                                  -- secretariat member who entered them
);
CREATE INDEX participants_name_key ON participants (name_key);

CREATE TABLE registrations (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    stage          INTEGER NOT NULL REFERENCES stages (number),
    mode           TEXT NOT NULL CHECK (mode IN ('offline', 'online')),
    channel        TEXT NOT NULL CHECK (channel IN ('self', 'secretariat', 'import')),
    registered_at  TEXT NOT NULL,
    registered_by  INTEGER,
    UNIQUE (participant_id, stage)
);
CREATE INDEX registrations_stage_mode ON registrations (stage, mode, participant_id);

CREATE TABLE ptb_conversations (
    name  TEXT NOT NULL,
    key   TEXT NOT NULL,                                 -- JSON array, the conversation key
    state TEXT NOT NULL,                                 -- JSON
    PRIMARY KEY (name, key)
);

CREATE TABLE ptb_user_data (
    user_id INTEGER PRIMARY KEY,
    data    TEXT NOT NULL                                -- JSON object
);
