-- Facilitator polls and idea prioritisation.
--
-- Telegram gives every private chat its own copy of a poll, with its own poll id: the bot sends
-- one copy per recipient (`poll_copies`, written 'pending' before the first one leaves, like
-- reminder deliveries) and adds up the answers of all copies. A copy reaches one person, so it
-- holds at most one answer (`poll_answers`): from `poll_answer` updates for named polls, from the
-- counts of `poll` updates for anonymous ones (Telegram names nobody there). People in the room
-- without Telegram are counted by hand (`poll_hand_votes`), kept apart.

CREATE TABLE polls (
    id            INTEGER PRIMARY KEY,
    stage         INTEGER NOT NULL REFERENCES stages (number),
    kind          TEXT NOT NULL DEFAULT 'poll' CHECK (kind IN ('poll', 'prioritisation')),
    question      TEXT NOT NULL,
    multiple      INTEGER NOT NULL DEFAULT 0 CHECK (multiple IN (0, 1)),
    anonymous     INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
    max_choices   INTEGER CHECK (max_choices IS NULL OR max_choices >= 1),  -- prioritisation: N
    dimension     TEXT,                                  -- prioritisation of one dimension
    audience      TEXT NOT NULL,                         -- JSON, see bot/audience.py
    deadline_at   TEXT,                                  -- UTC; NULL: closed by hand
    share_results INTEGER NOT NULL DEFAULT 0 CHECK (share_results IN (0, 1)),
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_by    INTEGER,                               -- Telegram id of the facilitator
    created_at    TEXT NOT NULL,
    closed_at     TEXT,
    closed_by     INTEGER,                               -- NULL: closed by its deadline
    finished_at   TEXT                                   -- every copy stopped, results out
);
CREATE INDEX polls_status_deadline ON polls (status, deadline_at);

CREATE TABLE poll_options (
    poll_id  INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,                           -- Telegram's option id, from 0
    text     TEXT NOT NULL,
    idea_id  INTEGER REFERENCES ideas (id) ON DELETE SET NULL,
    PRIMARY KEY (poll_id, position)
);

CREATE TABLE poll_copies (
    id             INTEGER PRIMARY KEY,
    poll_id        INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    participant_id INTEGER REFERENCES participants (id) ON DELETE SET NULL,  -- NULL once unlinked
    chat_id        INTEGER NOT NULL,                     -- the private chat = the recipient; 0 once unlinked
    language       TEXT NOT NULL DEFAULT 'id',
    mode           TEXT NOT NULL CHECK (mode IN ('offline', 'online')),
    status         TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'sent', 'failed', 'blocked', 'cancelled')),
    attempts       INTEGER NOT NULL DEFAULT 0,
    message_id     INTEGER,
    tg_poll_id     TEXT UNIQUE,                          -- Telegram's poll.id of this copy
    final_counts   INTEGER NOT NULL DEFAULT 0 CHECK (final_counts IN (0, 1)),
    stopped_at     TEXT,
    reminded_at    TEXT,
    result_status  TEXT CHECK (result_status IN ('sent', 'failed', 'blocked')),
    error          TEXT,
    updated_at     TEXT NOT NULL,
    UNIQUE (poll_id, participant_id)
);
CREATE INDEX poll_copies_poll_status ON poll_copies (poll_id, status, mode);
CREATE INDEX poll_copies_participant ON poll_copies (participant_id);

CREATE TABLE poll_answers (
    copy_id     INTEGER PRIMARY KEY REFERENCES poll_copies (id) ON DELETE CASCADE,
    poll_id     INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    option_ids  TEXT NOT NULL,                           -- JSON array of positions, never empty
    valid       INTEGER NOT NULL DEFAULT 1 CHECK (valid IN (0, 1)),  -- 0: over the N allowed
    source      TEXT NOT NULL CHECK (source IN ('answer', 'counts')),
    raw_counts  TEXT,                                    -- anonymous: Telegram's counts, as sent
    answered_at TEXT NOT NULL
);
CREATE INDEX poll_answers_poll ON poll_answers (poll_id, valid, copy_id, option_ids);

CREATE TABLE poll_hand_votes (
    id         INTEGER PRIMARY KEY,
    poll_id    INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    count      INTEGER NOT NULL CHECK (count != 0),      -- negative: a correction
    entered_by INTEGER NOT NULL,
    entered_at TEXT NOT NULL
);
CREATE INDEX poll_hand_votes_poll ON poll_hand_votes (poll_id, position, count);
