"""Rows the repository hands out: frozen dataclasses, no SQL, no Telegram."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

POSITIONS: tuple[str, ...] = (
    "camat",
    "opd_staff",
    "village_head",
    "consultant",
    "ministry_expert",
    "other",
)
MODES: tuple[str, ...] = ("offline", "online")
# The six smart-city dimensions (shared/DOMAIN.md) and the master plan's horizons in years.
DIMENSIONS: tuple[str, ...] = (
    "governance",
    "branding",
    "economy",
    "living",
    "society",
    "environment",
)
HORIZONS: tuple[str, ...] = ("1", "5", "10", "unsure")
ATTACHMENT_TYPES: tuple[str, ...] = ("photo", "voice", "document")
IDEA_CHANNELS: tuple[str, ...] = ("online", "offline", "secretariat")


class RegisterOutcome(enum.Enum):
    """What happened to a registration request."""

    CREATED = "created"
    ALREADY_REGISTERED = "already_registered"
    STAGE_CLOSED = "stage_closed"
    NO_SUCH_STAGE = "no_such_stage"


# --- the workshop file (bot.core.workshop reads it) and the stages as stored ---------------------


@dataclass(frozen=True)
class StageSpec:
    """One stage as the workshop file describes it; `Stage` is one as stored."""

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
class SessionSpec:
    """One session of a stage as the workshop file describes it (times in the workshop's zone)."""

    stage: int
    day: dt.date
    start: dt.time
    end: dt.time
    title: str
    title_en: str
    room: str
    online_link: str

    @property
    def seed_key(self) -> str:
        """What identifies the file's session in the database, even after it is edited."""
        return f"{self.stage}|{self.day.isoformat()}|{self.start.strftime('%H:%M')}"


@dataclass(frozen=True)
class Workshop:
    """The workshop as loaded from its file."""

    name: str
    name_en: str
    region: str
    timezone: str
    stages: tuple[StageSpec, ...]
    opd: tuple[str, ...]
    kecamatan: tuple[str, ...]
    sessions: tuple[SessionSpec, ...] = ()
    # Villages and wards (desa / kelurahan) and the kecamatan each belongs to.
    villages: tuple[tuple[str, str], ...] = ()
    # Who holds the participants' data (named in the privacy notice); the region if unset.
    organiser: str = ""
    # Words that suggest each dimension (the file's [keywords]): (dimension, words) pairs.
    keywords: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def keywords_by_dimension(self) -> dict[str, tuple[str, ...]]:
        return dict(self.keywords)


@dataclass(frozen=True)
class Stage(StageSpec):
    """A stage as stored: the file's description, edited from the chat, plus the idea switch."""

    ideas_open: bool = True


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


@dataclass(frozen=True)
class Attachment:
    """A file the idea came with; the bot keeps Telegram's file_id, not the file."""

    type: str
    file_id: str
    unique_id: str | None = None
    size: int | None = None
    mime: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class Idea:
    id: int
    stage: int
    participant_id: int
    author: str
    dimension: str
    horizon: str
    text: str
    channel: str
    institution: str
    kecamatan: str | None
    attachment: Attachment | None
    status: str
    entered_by: int | None
    priority_rank: int | None
    created_at: dt.datetime
    updated_at: dt.datetime
    revisions: int = 0

    @property
    def ref(self) -> str:
        return idea_ref(self.id)


def idea_ref(idea_id: int) -> str:
    """The reference a user quotes: #I-0042."""
    return f"#I-{idea_id:04d}"


class IdeaOutcome(enum.Enum):
    STORED = "stored"
    DUPLICATE_MESSAGE = "duplicate_message"  # the same Telegram message delivered again
    DUPLICATE_TEXT = "duplicate_text"  # the same text sent again as a new message
    TOO_MANY = "too_many"  # a runaway client
    CLOSED = "closed"
    NOT_REGISTERED = "not_registered"
    NO_STAGE = "no_stage"


@dataclass(frozen=True)
class IdeaResult:
    outcome: IdeaOutcome
    idea: Idea | None = None
    stage: int | None = None


@dataclass(frozen=True)
class NewIdea:
    """What a handler knows when an idea comes in.

    `stage` None means the current stage; `participant_id` None means the participant with
    `telegram_id` (the fast path resolves both inside the same transaction).
    """

    stage: int | None
    participant_id: int | None
    dimension: str
    horizon: str
    text: str
    attachment: Attachment | None = None
    source_chat_id: int | None = None
    source_message_id: int | None = None
    entered_by: int | None = None
    telegram_id: int | None = None


@dataclass(frozen=True)
class SubmissionFacts:
    """What storage reads when an idea arrives: the plain data a submission rule decides on.

    `own_texts` are the sender's active ideas in the stage as (id, text); `recent_times` the
    creation times of the sender's latest self-sent ideas (at most `per_minute` of them).
    """

    collection_open: bool
    text: str
    own_texts: tuple[tuple[int, str], ...]
    recent_times: tuple[dt.datetime, ...]
    typed_by_secretariat: bool
    now: dt.datetime
    per_minute: int


@dataclass(frozen=True)
class Accepted:
    """The idea may be stored."""


@dataclass(frozen=True)
class Refused:
    """The idea is refused; `same_as` names the earlier idea a repeat duplicates."""

    reason: IdeaOutcome
    same_as: int | None = None


# Decides on an idea from plain facts; lives in bot.rules, handed to the idea repository.
SubmissionRule = Callable[[SubmissionFacts], Accepted | Refused]


@dataclass(frozen=True)
class DimensionCount:
    dimension: str
    total: int
    by_horizon: dict[str, int]
