-- The drafting team's decisions about ideas, and the notes that tell each author about them.
--
-- `idea_decisions`: one row per idea (keyed by the idea, so it survives any regrouping and every
-- re-export). `version` grows by one at each change: a note to an author is sent once per
-- version of the decisions about their ideas. Who decided and when: `decided_by` is the
-- secretariat member's Telegram id (NULL from the command line), `decided_at` the time.
CREATE TABLE idea_decisions (
    idea_id     INTEGER PRIMARY KEY REFERENCES ideas (id) ON DELETE CASCADE,
    status      TEXT NOT NULL CHECK (status IN ('accepted', 'merged', 'rejected', 'review')),
    merged_into INTEGER REFERENCES ideas (id) ON DELETE CASCADE,
    horizon     INTEGER CHECK (horizon IN (1, 5, 10)),             -- final horizon, years
    agency_id   INTEGER REFERENCES institutions (id),             -- responsible agency (an OPD)
    category    TEXT CHECK (category IN ('policy', 'infrastructure', 'application', 'literacy')),
    programme   TEXT,
    note        TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    decided_by  INTEGER,
    decided_at  TEXT NOT NULL,
    CHECK ((status = 'merged') = (merged_into IS NOT NULL)),
    CHECK (merged_into IS NULL OR merged_into <> idea_id)
);
CREATE INDEX idea_decisions_status ON idea_decisions (status);

-- One sending of notes to authors (the secretariat's /kabarkeputusan): its rows are in the outbox.
CREATE TABLE decision_notes (
    id          INTEGER PRIMARY KEY,
    created_by  INTEGER,
    created_at  TEXT NOT NULL,
    finished_at TEXT
);

-- The outbox gains a kind 'note' (reference column `note_id`) and `note_version`, the version of
-- the author's decisions a note row tells about. SQLite cannot change a CHECK in place: the table
-- is rebuilt. Its poll answers point at it, so they are kept aside, dropped before the old table
-- (dropping it would cascade into them) and put back with the same ids.
CREATE TABLE poll_answers_keep AS SELECT * FROM poll_answers;
DROP TABLE poll_answers;
DROP VIEW poll_copies;
DROP VIEW reminder_deliveries;

CREATE TABLE outbox_new (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('reminder', 'poll', 'note')),
    reminder_id    INTEGER REFERENCES reminders (id) ON DELETE CASCADE,
    poll_id        INTEGER REFERENCES polls (id) ON DELETE CASCADE,
    note_id        INTEGER REFERENCES decision_notes (id) ON DELETE CASCADE,
    participant_id INTEGER REFERENCES participants (id) ON DELETE SET NULL,  -- NULL once unlinked
    chat_id        INTEGER NOT NULL,                     -- the private chat; 0 once unlinked
    language       TEXT NOT NULL DEFAULT 'id',
    mode           TEXT NOT NULL DEFAULT 'online',
    status         TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'sent', 'failed', 'blocked', 'cancelled')),
    attempts       INTEGER NOT NULL DEFAULT 0,
    message_id     INTEGER,                              -- Telegram's, once sent
    error          TEXT,                                 -- 'uncertain: …', 'expired', Telegram's
    updated_at     TEXT NOT NULL,
    tg_poll_id     TEXT UNIQUE,                          -- poll: Telegram's poll.id of this copy
    final_counts   INTEGER NOT NULL DEFAULT 0 CHECK (final_counts IN (0, 1)),
    stopped_at     TEXT,                                 -- poll: stopped at the closing
    reminded_at    TEXT,                                 -- poll: nudged to answer
    result_status  TEXT CHECK (result_status IN ('sent', 'failed', 'blocked')),
    note_version   TEXT,                                 -- note: the author's decisions told
    CHECK ((kind = 'reminder') = (reminder_id IS NOT NULL)),
    CHECK ((kind = 'poll') = (poll_id IS NOT NULL)),
    CHECK ((kind = 'note') = (note_id IS NOT NULL)),
    UNIQUE (reminder_id, participant_id),
    UNIQUE (poll_id, participant_id),
    UNIQUE (note_id, participant_id)
);
INSERT INTO outbox_new (id, kind, reminder_id, poll_id, participant_id, chat_id, language, mode,
                        status, attempts, message_id, error, updated_at, tg_poll_id,
                        final_counts, stopped_at, reminded_at, result_status)
SELECT id, kind, reminder_id, poll_id, participant_id, chat_id, language, mode, status, attempts,
       message_id, error, updated_at, tg_poll_id, final_counts, stopped_at, reminded_at,
       result_status
FROM outbox ORDER BY id;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_reminder_status ON outbox (reminder_id, status) WHERE kind = 'reminder';
CREATE INDEX outbox_poll_status ON outbox (poll_id, status, mode) WHERE kind = 'poll';
CREATE INDEX outbox_note_status ON outbox (note_id, status) WHERE kind = 'note';
CREATE INDEX outbox_participant ON outbox (participant_id);

CREATE TABLE poll_answers (
    copy_id     INTEGER PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
    poll_id     INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    option_ids  TEXT NOT NULL,                           -- JSON array of positions, never empty
    valid       INTEGER NOT NULL DEFAULT 1 CHECK (valid IN (0, 1)),  -- 0: over the N allowed
    source      TEXT NOT NULL CHECK (source IN ('answer', 'counts')),
    raw_counts  TEXT,                                    -- anonymous: Telegram's counts, as sent
    answered_at TEXT NOT NULL
);
INSERT INTO poll_answers SELECT copy_id, poll_id, option_ids, valid, source, raw_counts,
    answered_at FROM poll_answers_keep;
DROP TABLE poll_answers_keep;
CREATE INDEX poll_answers_poll ON poll_answers (poll_id, valid, copy_id, option_ids);

CREATE VIEW poll_copies AS
SELECT id, poll_id, participant_id, chat_id, language, mode, status, attempts, message_id,
       tg_poll_id, final_counts, stopped_at, reminded_at, result_status, error, updated_at
FROM outbox WHERE kind = 'poll';

CREATE VIEW reminder_deliveries AS
SELECT id, reminder_id, participant_id, chat_id, language, mode, status, attempts, message_id,
       error, updated_at
FROM outbox WHERE kind = 'reminder';
