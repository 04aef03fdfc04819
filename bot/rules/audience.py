"""Who a reminder (or a poll) reaches: audience specs and the pure rules that pick recipients.

The storage layer hands out every participant of a stage with the facts the rules look at
(`ScheduleRepository.audience_candidates`); the choice itself is a pure function here, tested
without Telegram, and shared by reminders and polls.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from storage.schedule import Candidate

# all: everyone registered for the stage; online / offline: by how they attend;
# not_checked_in: not checked in to the session named in the spec (the current one when the
# reminder was written); no_idea: no active idea in the stage; institution: one institution.
AUDIENCE_KINDS: tuple[str, ...] = (
    "all",
    "online",
    "offline",
    "not_checked_in",
    "no_idea",
    "institution",
)
INSTITUTION_MAX = 120


@dataclass(frozen=True)
class AudienceSpec:
    kind: str
    stage: int
    session_id: int | None = None
    institution: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in AUDIENCE_KINDS:
            raise ValueError(f"unknown audience {self.kind!r}")
        if self.kind == "not_checked_in" and self.session_id is None:
            raise ValueError("'not_checked_in' needs the session")
        if self.kind == "institution" and not (self.institution or "").strip():
            raise ValueError("'institution' needs the institution's name")

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "stage": self.stage}
        if self.session_id is not None:
            data["session"] = self.session_id
        if self.institution is not None:
            data["institution"] = self.institution
        return data

    @classmethod
    def from_dict(cls, data: Any) -> AudienceSpec:
        """Read a stored spec; anything malformed is a ValueError."""
        if not isinstance(data, dict):
            raise ValueError("an audience is a JSON object")
        stage, session, institution = (
            data.get("stage"),
            data.get("session"),
            data.get("institution"),
        )
        if not isinstance(stage, int) or (session is not None and not isinstance(session, int)):
            raise ValueError("bad audience numbers")
        if institution is not None and not isinstance(institution, str):
            raise ValueError("bad audience institution")
        return cls(str(data.get("kind")), stage, session, institution)

    @classmethod
    def from_json(cls, raw: str) -> AudienceSpec:
        try:
            return cls.from_dict(json.loads(raw))
        except json.JSONDecodeError as exc:
            raise ValueError(str(exc)) from None


def matches(spec: AudienceSpec, person: Candidate) -> bool:
    """Whether `person` (registered for the spec's stage) belongs to the audience."""
    kind = spec.kind
    if kind == "all":
        return True
    if kind in ("online", "offline"):
        return person.mode == kind
    if kind == "not_checked_in":
        return not person.checked_in
    if kind == "no_idea":
        return not person.has_idea
    return person.institution.casefold() == (spec.institution or "").casefold()


def reachable(person: Candidate) -> bool:
    """Has Telegram and has not blocked the bot (as far as we know)."""
    return person.telegram_id is not None and person.reachable


def select(spec: AudienceSpec, people: Iterable[Candidate]) -> list[Candidate]:
    """The audience's members the bot can message, in a stable order."""
    return [p for p in people if matches(spec, p) and reachable(p)]


def unreachable_members(spec: AudienceSpec, people: Iterable[Candidate]) -> list[Candidate]:
    """Members the bot cannot message: no Telegram, or blocked the bot."""
    return [p for p in people if matches(spec, p) and not reachable(p)]
