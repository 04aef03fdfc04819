-- One delivery outbox for everything the bot sends to many people (reminders, poll copies).
--
-- Every per-recipient delivery is a row of `outbox`, written 'pending' in the transaction that
-- claims its broadcast and flipped once from 'pending' when Telegram has answered for good
-- (storage/outbox.py). `kind` says what it delivers and which reference column is set:
-- 'reminder' → reminder_id, 'poll' → poll_id (both real foreign keys). The columns after
-- `error` hold what only a poll copy has: Telegram's poll id, the stop, the shared result.
--
-- An answer that never came ('uncertain': perhaps delivered, never resent) stays stored as
-- 'failed' with its error prefixed 'uncertain: ', as before, so every reader keeps its meaning.
--
-- The two old tables become read-only views of the same names and columns (exports, privacy,
-- results read them); writes go to `outbox`. Their rows keep their ids: a poll copy's id is
-- still what its answers (`poll_answers.copy_id`) point at. Reminder deliveries are renumbered
-- after the poll copies (nothing refers to their ids).

CREATE TABLE outbox (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('reminder', 'poll')),
    reminder_id    INTEGER REFERENCES reminders (id) ON DELETE CASCADE,
    poll_id        INTEGER REFERENCES polls (id) ON DELETE CASCADE,
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
    CHECK ((kind = 'reminder') = (reminder_id IS NOT NULL)),
    CHECK ((kind = 'poll') = (poll_id IS NOT NULL)),
    UNIQUE (reminder_id, participant_id),
    UNIQUE (poll_id, participant_id)
);
CREATE INDEX outbox_reminder_status ON outbox (reminder_id, status) WHERE kind = 'reminder';
CREATE INDEX outbox_poll_status ON outbox (poll_id, status, mode) WHERE kind = 'poll';
CREATE INDEX outbox_participant ON outbox (participant_id);

INSERT INTO outbox (id, kind, poll_id, participant_id, chat_id, language, mode, status,
                    attempts, message_id, error, updated_at, tg_poll_id, final_counts,
                    stopped_at, reminded_at, result_status)
SELECT id, 'poll', poll_id, participant_id, chat_id, language, mode, status, attempts,
       message_id, error, updated_at, tg_poll_id, final_counts, stopped_at, reminded_at,
       result_status
FROM poll_copies ORDER BY id;

INSERT INTO outbox (kind, reminder_id, participant_id, chat_id, language, mode, status,
                    attempts, message_id, error, updated_at)
SELECT 'reminder', reminder_id, participant_id, chat_id, language, mode, status, attempts,
       message_id, error, updated_at
FROM reminder_deliveries ORDER BY id;

-- The answers now point at the outbox row of their copy (same id).
CREATE TABLE poll_answers_new (
    copy_id     INTEGER PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
    poll_id     INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    option_ids  TEXT NOT NULL,                           -- JSON array of positions, never empty
    valid       INTEGER NOT NULL DEFAULT 1 CHECK (valid IN (0, 1)),  -- 0: over the N allowed
    source      TEXT NOT NULL CHECK (source IN ('answer', 'counts')),
    raw_counts  TEXT,                                    -- anonymous: Telegram's counts, as sent
    answered_at TEXT NOT NULL
);
INSERT INTO poll_answers_new SELECT copy_id, poll_id, option_ids, valid, source, raw_counts,
    answered_at FROM poll_answers;
DROP TABLE poll_answers;
DROP TABLE poll_copies;
DROP TABLE reminder_deliveries;
ALTER TABLE poll_answers_new RENAME TO poll_answers;
CREATE INDEX poll_answers_poll ON poll_answers (poll_id, valid, copy_id, option_ids);

CREATE VIEW poll_copies AS
SELECT id, poll_id, participant_id, chat_id, language, mode, status, attempts, message_id,
       tg_poll_id, final_counts, stopped_at, reminded_at, result_status, error, updated_at
FROM outbox WHERE kind = 'poll';

CREATE VIEW reminder_deliveries AS
SELECT id, reminder_id, participant_id, chat_id, language, mode, status, attempts, message_id,
       error, updated_at
FROM outbox WHERE kind = 'reminder';
