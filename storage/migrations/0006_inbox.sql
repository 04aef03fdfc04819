-- The inbox: every update Telegram hands the bot, stored before Telegram is told it arrived.
--
-- Polling: a fetched batch is written here in one transaction, and only then does the next
-- getUpdates carry the offset that confirms it. Webhook: an update is written here before the
-- HTTP 200. A row is done once its processing (handlers and the persistence flush) finished;
-- its body is then erased, the update_id kept a while so a redelivered copy is recognised.
-- Rows not done at a start are processed again first, in update_id order.

CREATE TABLE inbox (
    update_id   INTEGER PRIMARY KEY,
    body        TEXT,                                    -- the update as JSON; NULL once done
    received_at TEXT NOT NULL,
    done_at     TEXT                                     -- NULL: not processed yet
);

CREATE INDEX inbox_pending ON inbox (update_id) WHERE done_at IS NULL;

-- Hand votes remember the message they were typed in: the same message processed again (a
-- replay from the inbox after a kill) adds nothing a second time.
ALTER TABLE poll_hand_votes ADD COLUMN source TEXT;             -- '<chat id>:<message id>'
CREATE INDEX poll_hand_votes_source ON poll_hand_votes (source) WHERE source IS NOT NULL;
