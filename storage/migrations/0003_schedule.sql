-- Sessions, attendance (daftar hadir) and reminders with one delivery row per recipient.
--
-- A reminder's deliveries are all written 'pending' before the first message leaves and each is
-- flipped to 'sent' right after Telegram accepts it, so a broadcast killed half-way resumes with
-- exactly the recipients still pending and nobody gets a message twice.

CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    stage       INTEGER NOT NULL REFERENCES stages (number),
    day         TEXT NOT NULL,                           -- ISO date in the workshop's time zone
    start_time  TEXT NOT NULL,                           -- HH:MM, workshop's time zone
    end_time    TEXT NOT NULL,                           -- HH:MM, after start_time
    title       TEXT NOT NULL,
    title_en    TEXT NOT NULL,
    room        TEXT NOT NULL DEFAULT '',
    online_link TEXT NOT NULL DEFAULT '',
    seed_key    TEXT UNIQUE,                             -- 'stage|day|start' from the workshop file
    created_by  INTEGER,                                 -- secretariat member, for added sessions
    updated_at  TEXT NOT NULL
);
CREATE INDEX sessions_stage_day ON sessions (stage, day, start_time);

CREATE TABLE attendance (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    session_id     INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    mode           TEXT NOT NULL CHECK (mode IN ('offline', 'online')),
    method         TEXT NOT NULL CHECK (method IN ('qr', 'button', 'command', 'secretariat')),
    checked_in_at  TEXT NOT NULL,                        -- UTC
    entered_by     INTEGER,                              -- secretariat member, for 'secretariat'
    UNIQUE (participant_id, session_id)
);
CREATE INDEX attendance_session ON attendance (session_id, participant_id, mode);

CREATE TABLE reminders (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('auto', 'custom')),
    stage       INTEGER NOT NULL REFERENCES stages (number),
    session_id  INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
    auto_key    TEXT UNIQUE,                             -- 'session:<id>:<slot>' for automatic ones
    text        TEXT NOT NULL DEFAULT '',                -- the facilitator's words (custom)
    due_at      TEXT NOT NULL,                           -- UTC
    audience    TEXT NOT NULL,                           -- JSON, see bot/audience.py
    created_by  INTEGER,                                 -- Telegram id; NULL for automatic ones
    status      TEXT NOT NULL DEFAULT 'scheduled'
                CHECK (status IN ('scheduled', 'sending', 'sent', 'missed', 'cancelled')),
    created_at  TEXT NOT NULL,
    started_at  TEXT,
    finished_at TEXT
);
CREATE INDEX reminders_status_due ON reminders (status, due_at);

CREATE TABLE reminder_deliveries (
    id             INTEGER PRIMARY KEY,
    reminder_id    INTEGER NOT NULL REFERENCES reminders (id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    chat_id        INTEGER NOT NULL,
    language       TEXT NOT NULL DEFAULT 'id',
    mode           TEXT NOT NULL DEFAULT 'online',
    status         TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'sent', 'failed', 'blocked')),
    attempts       INTEGER NOT NULL DEFAULT 0,
    message_id     INTEGER,
    error          TEXT,
    updated_at     TEXT NOT NULL,
    UNIQUE (reminder_id, participant_id)
);
CREATE INDEX reminder_deliveries_status ON reminder_deliveries (reminder_id, status);
