-- Supports: a participant who sees that an existing idea already says what they wanted to send
-- taps "Dukung ide ini" instead of sending a copy. One support per person and idea.

CREATE TABLE idea_supports (
    idea_id        INTEGER NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    created_at     TEXT NOT NULL,
    PRIMARY KEY (idea_id, participant_id)
);
CREATE INDEX idea_supports_participant ON idea_supports (participant_id);
