"""Rows the repository hands out: frozen dataclasses, no SQL, no Telegram."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

POSITIONS: tuple[str, ...] = (
    "camat",
    "opd_staff",
    "village_head",
    "consultant",
    "ministry_expert",
    "other",
)
MODES: tuple[str, ...] = ("offline", "online")
INSTITUTION_KINDS: tuple[str, ...] = ("opd", "kecamatan", "other")


class RegisterOutcome(enum.Enum):
    """What happened to a registration request."""

    CREATED = "created"
    ALREADY_REGISTERED = "already_registered"
    STAGE_CLOSED = "stage_closed"
    NO_SUCH_STAGE = "no_such_stage"


@dataclass(frozen=True)
class Stage:
    number: int
    title: str
    title_en: str
    days: tuple[dt.date, ...]
    venue: str
    online_link: str
    registration_open: bool
    is_current: bool

    def title_in(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title


@dataclass(frozen=True)
class Institution:
    id: int
    name: str
    kind: str


@dataclass(frozen=True)
class Profile:
    """What a person tells us about themselves; the same for every stage."""

    full_name: str
    institution: str
    position: str
    kecamatan: str | None = None


@dataclass(frozen=True)
class Participant:
    id: int
    telegram_id: int | None
    full_name: str
    institution: str
    kecamatan: str | None
    position: str
    phone: str | None
    created_at: dt.datetime

    @property
    def profile(self) -> Profile:
        return Profile(self.full_name, self.institution, self.position, self.kecamatan)


@dataclass(frozen=True)
class Registration:
    participant_id: int
    stage: int
    mode: str
    channel: str
    registered_at: dt.datetime


@dataclass(frozen=True)
class RegisterResult:
    outcome: RegisterOutcome
    participant: Participant | None = None
    registration: Registration | None = None


@dataclass(frozen=True)
class RosterEntry:
    participant: Participant
    registration: Registration
    reachable: bool


@dataclass(frozen=True)
class InstitutionCount:
    institution: str
    online: int
    offline: int

    @property
    def total(self) -> int:
        return self.online + self.offline


@dataclass(frozen=True)
class StageCounts:
    stage: int
    online: int
    offline: int
    by_institution: tuple[InstitutionCount, ...]

    @property
    def total(self) -> int:
        return self.online + self.offline
