-- Roles granted from the chat, the audit log, and what privacy needs: the moment a user accepted
-- the notice, and the moment a participant's personal data was erased (their ideas stay,
-- anonymised, for the drafting team).

CREATE TABLE roles (
    telegram_id INTEGER PRIMARY KEY,
    role        TEXT NOT NULL CHECK (role IN ('facilitator', 'secretariat')),
    granted_by  INTEGER NOT NULL,
    granted_at  TEXT NOT NULL
);

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   INTEGER,                                     -- Telegram id; NULL for the bot itself
    action  TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL DEFAULT '{}'                   -- JSON, never personal data
);
CREATE INDEX audit_log_at ON audit_log (at);

ALTER TABLE users ADD COLUMN privacy_accepted_at TEXT;
ALTER TABLE participants ADD COLUMN erased_at TEXT;
