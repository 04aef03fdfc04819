"""Changes to registrations after they were made: a participant switching online / in the room,
the secretariat correcting a person's name, institution or position, and withdrawing a
registration. Each change and its audit entry are written in one transaction.

A withdrawn registration is deleted: everything that reads `registrations` (reminder and poll
audiences, /jadwal, /peserta, the export's counts and sheets) then leaves it out without knowing
about withdrawals, and the person can register for that stage again. What it was (stage, mode,
how and when it was made) stays in the audit entry. The person's ideas are not touched: they were
contributed and stay in the summary and the export under their author.

The audit log holds ids and codes; a name correction is the exception (the secretariat needs to
see what a name was changed from): `scrub_names_in` empties those values when the person's data
is erased, and the shareable workbook has no audit sheet.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import aiosqlite

from storage.admin import AdminRepository
from storage.db import Database
from storage.models import MODES, POSITIONS, Participant, Registration
from storage.repository import _participant, _registration, name_key

PROFILE_FIELDS: tuple[str, ...] = ("name", "institution", "position")
ACTION_MODE = "registration.mode"
ACTION_WITHDRAW = "registration.withdraw"
ACTION_EDIT = "participant.edit"

# The person's copies, not yet sent, of a stage's reminders and polls (outbox rows).
_PENDING_IN_STAGE = (
    "status = 'pending' AND participant_id = ? AND ("
    "(kind = 'reminder' AND reminder_id IN (SELECT id FROM reminders WHERE stage = ?)) OR "
    "(kind = 'poll' AND poll_id IN (SELECT id FROM polls WHERE stage = ?)))"
)


class Outcome(enum.Enum):
    DONE = "done"
    UNCHANGED = "unchanged"  # already so (a second tap on a stale button): nothing written
    NOT_FOUND = "not_found"  # no such participant, or no such registration (any more)


@dataclass(frozen=True)
class ModeChange:
    outcome: Outcome
    registration: Registration | None = None
    old_mode: str | None = None


@dataclass(frozen=True)
class ProfileChange:
    outcome: Outcome
    participant: Participant | None = None
    old: str | None = None


def subject_of(participant_id: int) -> str:
    """How audit entries name a participant: their number, never their name."""
    return f"P-{participant_id:04d}"


class RegistrationChanges:
    """Verbs that change an existing registration or profile, each with its audit entry."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._audit = AdminRepository(db)

    async def switch_mode(
        self, participant_id: int, stage: int, mode: str, *, actor: int | None
    ) -> ModeChange:
        """Set how the person attends `stage`; reminders and /jadwal read it from here on."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        async with self.db.transaction() as conn:
            row = await _registration_row(conn, participant_id, stage)
            if row is None:
                return ModeChange(Outcome.NOT_FOUND)
            old = str(row["mode"])
            if old == mode:
                return ModeChange(Outcome.UNCHANGED, _registration(row), old)
            await conn.execute(
                "UPDATE registrations SET mode = ? WHERE participant_id = ? AND stage = ?",
                (mode, participant_id, stage),
            )
            # A broadcast of the stage already under way (cut short by a restart, say) sends
            # the person's copy in the new mode too.
            await conn.execute(
                f"UPDATE outbox SET mode = ? WHERE {_PENDING_IN_STAGE}",
                (mode, participant_id, stage, stage),
            )
            await self._audit.log_in(
                conn, actor, ACTION_MODE, subject_of(participant_id), stage=stage, old=old, new=mode
            )
            updated = await _registration_row(conn, participant_id, stage)
        assert updated is not None
        return ModeChange(Outcome.DONE, _registration(updated), old)

    async def withdraw(
        self, participant_id: int, stage: int, *, actor: int | None
    ) -> Registration | None:
        """Remove the registration (None when there is none); the person may register again."""
        async with self.db.transaction() as conn:
            row = await _registration_row(conn, participant_id, stage)
            if row is None:
                return None
            await conn.execute(
                "DELETE FROM registrations WHERE participant_id = ? AND stage = ?",
                (participant_id, stage),
            )
            # Copies of the stage's reminders and polls not sent yet are not sent at all.
            await conn.execute(
                "UPDATE outbox SET status = 'cancelled', error = 'withdrawn', updated_at = ? "
                f"WHERE {_PENDING_IN_STAGE}",
                (self.db.now(), participant_id, stage, stage),
            )
            await self._audit.log_in(
                conn,
                actor,
                ACTION_WITHDRAW,
                subject_of(participant_id),
                stage=stage,
                mode=row["mode"],
                channel=row["channel"],
                registered_at=row["registered_at"],
            )
        return _registration(row)

    async def edit_profile(
        self,
        participant_id: int,
        field: str,
        value: str,
        *,
        actor: int | None,
        kecamatan: str | None = None,
    ) -> ProfileChange:
        """Correct one field of a person's profile (`kecamatan` goes with an institution)."""
        if field not in PROFILE_FIELDS:
            raise ValueError(f"unknown profile field {field!r}")
        if field == "position" and value not in POSITIONS:
            raise ValueError(f"unknown position {value!r}")
        async with self.db.transaction() as conn:
            async with conn.execute(
                "SELECT * FROM participants WHERE id = ? AND erased_at IS NULL", (participant_id,)
            ) as cur:
                row = await cur.fetchone()
            if row is None:
                return ProfileChange(Outcome.NOT_FOUND)
            person = _participant(row)
            name, institution = person.full_name, person.institution
            new_kecamatan = person.kecamatan
            column = {"name": "full_name", "institution": "institution", "position": "position"}
            old = str(row[column[field]])
            if field == "name":
                name = value
            elif field == "institution":
                institution, new_kecamatan = value, kecamatan
            if old == value and new_kecamatan == person.kecamatan:
                return ProfileChange(Outcome.UNCHANGED, person, old)
            await conn.execute(
                "UPDATE participants SET full_name = ?, name_key = ?, institution = ?, "
                "kecamatan = ?, position = ?, updated_at = ? WHERE id = ?",
                (
                    name,
                    name_key(name, institution),
                    institution,
                    new_kecamatan,
                    value if field == "position" else person.position,
                    self.db.now(),
                    participant_id,
                ),
            )
            await self._audit.log_in(
                conn,
                actor,
                ACTION_EDIT,
                subject_of(participant_id),
                field=field,
                old=old,
                new=value,
            )
            async with conn.execute(
                "SELECT * FROM participants WHERE id = ?", (participant_id,)
            ) as cur:
                updated = await cur.fetchone()
        assert updated is not None
        return ProfileChange(Outcome.DONE, _participant(updated), old)

    async def find(self, query: str, *, limit: int = 10) -> list[Participant]:
        """Anyone (registered or not, with Telegram or without) whose name contains `query`."""
        folded = name_key(query, "").rstrip("|")
        rows = await self.db.fetchall(
            "SELECT * FROM participants WHERE erased_at IS NULL AND "
            "instr(substr(name_key, 1, instr(name_key, '|') - 1), ?) > 0 "
            "ORDER BY full_name, id LIMIT ?",
            (folded, limit),
        )
        return [_participant(r) for r in rows]

    async def get(self, participant_id: int) -> Participant | None:
        """A participant not erased (an erased one has nothing left to correct)."""
        row = await self.db.fetchone(
            "SELECT * FROM participants WHERE id = ? AND erased_at IS NULL", (participant_id,)
        )
        return _participant(row) if row else None


async def _registration_row(
    conn: aiosqlite.Connection, participant_id: int, stage: int
) -> aiosqlite.Row | None:
    async with conn.execute(
        "SELECT * FROM registrations WHERE participant_id = ? AND stage = ?",
        (participant_id, stage),
    ) as cur:
        return await cur.fetchone()


async def scrub_names_in(conn: aiosqlite.Connection, participant_id: int) -> None:
    """Empty the names kept in the audit entries of a person's name corrections (erasure)."""
    await conn.execute(
        "UPDATE audit_log SET details = json_set(details, '$.old', ?, '$.new', ?) "
        "WHERE action = ? AND subject = ? AND json_extract(details, '$.field') IN ('name')",
        ("(dihapus)", "(dihapus)", ACTION_EDIT, subject_of(participant_id)),
    )
