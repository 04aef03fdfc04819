"""Repository verbs over the database: the only place that speaks SQL.

Each verb that changes data commits before it returns, so a handler that replies after calling
one never tells a user something was saved that a crash could still lose.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import TYPE_CHECKING, Any

import aiosqlite

from storage.db import Database, parse_ts
from storage.models import (
    Institution,
    InstitutionCount,
    Participant,
    Profile,
    RegisterOutcome,
    RegisterResult,
    Registration,
    RosterEntry,
    Stage,
    StageCounts,
)

if TYPE_CHECKING:
    from storage.models import Workshop

STAGE_FIELDS = ("title", "title_en", "days", "venue", "online_link")


def name_key(full_name: str, institution: str) -> str:
    """Fold case, accents and spacing so 'Yosef  Jehalu' and 'yosef jehalu' match."""

    def fold(text: str) -> str:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        return re.sub(r"\s+", " ", text).strip().casefold()

    return f"{fold(full_name)}|{fold(institution)}"


def _stage(row: aiosqlite.Row) -> Stage:
    days = tuple(dt.date.fromisoformat(d) for d in row["days"].split(",") if d)
    return Stage(
        number=row["number"],
        title=row["title"],
        title_en=row["title_en"],
        days=days,
        venue=row["venue"],
        online_link=row["online_link"],
        registration_open=bool(row["registration_open"]),
        is_current=bool(row["is_current"]),
        ideas_open=bool(row["ideas_open"]),
    )


def _participant(row: aiosqlite.Row) -> Participant:
    return Participant(
        id=row["id"],
        telegram_id=row["telegram_id"],
        full_name=row["full_name"],
        institution=row["institution"],
        kecamatan=row["kecamatan"],
        position=row["position"],
        phone=row["phone"],
        created_at=parse_ts(row["created_at"]),
    )


def _registration(row: aiosqlite.Row) -> Registration:
    return Registration(
        participant_id=row["participant_id"],
        stage=row["stage"],
        mode=row["mode"],
        channel=row["channel"],
        registered_at=parse_ts(row["registered_at"]),
    )


class Repository:
    """Domain verbs for the bot; one instance per open database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- workshop and stages -------------------------------------------------------------

    async def sync_workshop(self, workshop: Workshop) -> None:
        """Seed stages and institutions from the workshop file, keeping edits made in the chat."""
        now = self.db.now()
        async with self.db.transaction() as conn:
            for key, value in (
                ("name", workshop.name),
                ("name_en", workshop.name_en),
                ("region", workshop.region),
                ("timezone", workshop.timezone),
            ):
                await conn.execute(
                    "INSERT INTO workshop_meta (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )
            async with conn.execute("SELECT COUNT(*) FROM stages WHERE is_current = 1") as cur:
                row = await cur.fetchone()
            has_current = bool(row and row[0])
            for spec in workshop.stages:
                await conn.execute(
                    "INSERT INTO stages (number, title, title_en, days, venue, online_link, "
                    "registration_open, is_current, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (number) DO NOTHING",
                    (
                        spec.number,
                        spec.title,
                        spec.title_en,
                        ",".join(d.isoformat() for d in spec.days),
                        spec.venue,
                        spec.online_link,
                        int(spec.registration_open),
                        int(spec.is_current and not has_current),
                        now,
                    ),
                )
            for kind, names in (("opd", workshop.opd), ("kecamatan", workshop.kecamatan)):
                for order, name in enumerate(names):
                    await _respell(conn, kind, name)
                    await conn.execute(
                        "INSERT INTO institutions (name, kind, sort_order) VALUES (?, ?, ?) "
                        "ON CONFLICT (name) DO NOTHING",
                        (name, kind, order),
                    )

    async def list_stages(self) -> list[Stage]:
        rows = await self.db.fetchall("SELECT * FROM stages ORDER BY number")
        return [_stage(r) for r in rows]

    async def get_stage(self, number: int) -> Stage | None:
        row = await self.db.fetchone("SELECT * FROM stages WHERE number = ?", (number,))
        return _stage(row) if row else None

    async def current_stage(self) -> Stage | None:
        row = await self.db.fetchone("SELECT * FROM stages WHERE is_current = 1")
        return _stage(row) if row else None

    async def set_current_stage(self, number: int) -> Stage | None:
        """Make `number` the current stage; returns it, or None when there is no such stage."""
        async with self.db.transaction() as conn:
            async with conn.execute("SELECT 1 FROM stages WHERE number = ?", (number,)) as cur:
                if await cur.fetchone() is None:
                    return None
            now = self.db.now()
            await conn.execute(
                "UPDATE stages SET is_current = 0, updated_at = ? WHERE is_current = 1", (now,)
            )
            await conn.execute(
                "UPDATE stages SET is_current = 1, updated_at = ? WHERE number = ?", (now, number)
            )
        return await self.get_stage(number)

    async def set_registration_open(self, number: int, is_open: bool) -> Stage | None:
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE stages SET registration_open = ?, updated_at = ? WHERE number = ?",
                (int(is_open), self.db.now(), number),
            )
        return await self.get_stage(number)

    async def set_ideas_open(self, number: int, is_open: bool) -> Stage | None:
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE stages SET ideas_open = ?, updated_at = ? WHERE number = ?",
                (int(is_open), self.db.now(), number),
            )
        return await self.get_stage(number)

    async def update_stage(self, number: int, field: str, value: str) -> Stage | None:
        """Change one descriptive field of a stage (title, days, venue, online link)."""
        if field not in STAGE_FIELDS:
            raise ValueError(f"unknown stage field {field!r}")
        async with self.db.transaction() as conn:
            await conn.execute(
                f"UPDATE stages SET {field} = ?, updated_at = ? WHERE number = ?",
                (value, self.db.now(), number),
            )
        return await self.get_stage(number)

    # --- institutions --------------------------------------------------------------------

    async def institutions(self, kind: str | None = None) -> list[Institution]:
        sql = "SELECT id, name, kind FROM institutions"
        params: tuple[Any, ...] = ()
        if kind is not None:
            sql += " WHERE kind = ?"
            params = (kind,)
        rows = await self.db.fetchall(sql + " ORDER BY kind, sort_order, name", params)
        return [Institution(r["id"], r["name"], r["kind"]) for r in rows]

    async def get_institution(self, institution_id: int) -> Institution | None:
        row = await self.db.fetchone(
            "SELECT id, name, kind FROM institutions WHERE id = ?", (institution_id,)
        )
        return Institution(row["id"], row["name"], row["kind"]) if row else None

    # --- Telegram users ------------------------------------------------------------------

    async def touch_user(
        self, telegram_id: int, first_name: str, username: str | None, language: str | None = None
    ) -> None:
        """Remember a Telegram user the bot has heard from (and that they can be reached).

        `language` is what their Telegram app suggests; it is kept only until they choose one
        with /bahasa, so reminders sent later go out in the user's language.
        """
        now = self.db.now()
        await self.db.execute(
            "INSERT INTO users (telegram_id, first_name, username, language, first_seen, "
            "last_seen) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (telegram_id) DO UPDATE SET "
            "first_name = excluded.first_name, username = excluded.username, "
            "language = COALESCE(users.language, excluded.language), "
            "last_seen = excluded.last_seen, reachable = 1",
            (telegram_id, first_name, username, language, now, now),
        )

    async def user_language(self, telegram_id: int) -> str | None:
        row = await self.db.fetchone(
            "SELECT language FROM users WHERE telegram_id = ?", (telegram_id,)
        )
        return row["language"] if row else None

    async def set_user_language(self, telegram_id: int, language: str) -> None:
        now = self.db.now()
        await self.db.execute(
            "INSERT INTO users (telegram_id, language, first_seen, last_seen) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (telegram_id) DO UPDATE SET language = excluded.language",
            (telegram_id, language, now, now),
        )

    async def mark_unreachable(self, telegram_id: int) -> None:
        """Remember that the user blocked the bot (also someone it never heard from directly)."""
        now = self.db.now()
        await self.db.execute(
            "INSERT INTO users (telegram_id, reachable, first_seen, last_seen) VALUES (?, 0, ?, ?) "
            "ON CONFLICT (telegram_id) DO UPDATE SET reachable = 0",
            (telegram_id, now, now),
        )

    async def unreachable_ids(self) -> set[int]:
        """Everyone a broadcast found blocking the bot (kept in memory by handlers/reach.py)."""
        rows = await self.db.fetchall("SELECT telegram_id FROM users WHERE reachable = 0")
        return {int(r["telegram_id"]) for r in rows}

    async def mark_reachable(self, telegram_id: int) -> None:
        """The user wrote to the bot, so they no longer block it."""
        await self.db.execute(
            "UPDATE users SET reachable = 1, last_seen = ? WHERE telegram_id = ? AND reachable = 0",
            (self.db.now(), telegram_id),
        )

    # --- participants and registrations --------------------------------------------------

    async def participant_by_telegram(self, telegram_id: int) -> Participant | None:
        row = await self.db.fetchone(
            "SELECT * FROM participants WHERE telegram_id = ?", (telegram_id,)
        )
        return _participant(row) if row else None

    async def get_participant(self, participant_id: int) -> Participant | None:
        row = await self.db.fetchone("SELECT * FROM participants WHERE id = ?", (participant_id,))
        return _participant(row) if row else None

    async def registrations_of(self, participant_id: int) -> list[Registration]:
        rows = await self.db.fetchall(
            "SELECT * FROM registrations WHERE participant_id = ? ORDER BY stage",
            (participant_id,),
        )
        return [_registration(r) for r in rows]

    async def registration(self, participant_id: int, stage: int) -> Registration | None:
        row = await self.db.fetchone(
            "SELECT * FROM registrations WHERE participant_id = ? AND stage = ?",
            (participant_id, stage),
        )
        return _registration(row) if row else None

    async def register_self(
        self, telegram_id: int, profile: Profile, stage: int, mode: str
    ) -> RegisterResult:
        """Save the person's profile and register them for a stage, in one transaction."""
        async with self.db.transaction() as conn:
            stage_row = await self._stage_row(conn, stage)
            if stage_row is None:
                return RegisterResult(RegisterOutcome.NO_SUCH_STAGE)
            async with conn.execute(
                "SELECT * FROM participants WHERE telegram_id = ?", (telegram_id,)
            ) as cur:
                existing = await cur.fetchone()
            if existing is not None:
                reg = await self._registration_row(conn, existing["id"], stage)
                if reg is not None:
                    return RegisterResult(
                        RegisterOutcome.ALREADY_REGISTERED,
                        _participant(existing),
                        _registration(reg),
                    )
            if not stage_row["registration_open"]:
                return RegisterResult(RegisterOutcome.STAGE_CLOSED)
            now = self.db.now()
            if existing is None:
                cur2 = await conn.execute(
                    "INSERT INTO participants (telegram_id, full_name, name_key, institution, "
                    "kecamatan, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        telegram_id,
                        profile.full_name,
                        name_key(profile.full_name, profile.institution),
                        profile.institution,
                        profile.kecamatan,
                        profile.position,
                        now,
                        now,
                    ),
                )
                participant_id = cur2.lastrowid
            else:
                participant_id = existing["id"]
                await self._write_profile(conn, participant_id, profile, now)
            await conn.execute(
                "INSERT INTO registrations (participant_id, stage, mode, channel, registered_at, "
                "registered_by) VALUES (?, ?, ?, 'self', ?, ?)",
                (participant_id, stage, mode, now, telegram_id),
            )
            return await self._result(conn, participant_id, stage)

    async def register_offline(
        self,
        profile: Profile,
        stage: int,
        *,
        entered_by: int,
        channel: str = "secretariat",
        phone: str | None = None,
    ) -> RegisterResult:
        """Register someone without Telegram for a stage as an in-room (offline) participant.

        The same name at the same institution is taken to be the same person, so entering them
        again (or importing the same roster twice) registers nobody twice.
        """
        key = name_key(profile.full_name, profile.institution)
        async with self.db.transaction() as conn:
            if await self._stage_row(conn, stage) is None:
                return RegisterResult(RegisterOutcome.NO_SUCH_STAGE)
            async with conn.execute(
                "SELECT * FROM participants WHERE name_key = ? AND telegram_id IS NULL "
                "ORDER BY id LIMIT 1",
                (key,),
            ) as cur:
                existing = await cur.fetchone()
            now = self.db.now()
            if existing is None:
                cur2 = await conn.execute(
                    "INSERT INTO participants (telegram_id, full_name, name_key, institution, "
                    "kecamatan, position, phone, created_at, updated_at, created_by) "
                    "VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        profile.full_name,
                        key,
                        profile.institution,
                        profile.kecamatan,
                        profile.position,
                        phone,
                        now,
                        now,
                        entered_by,
                    ),
                )
                participant_id = cur2.lastrowid
            else:
                participant_id = existing["id"]
                reg = await self._registration_row(conn, participant_id, stage)
                if reg is not None:
                    return RegisterResult(
                        RegisterOutcome.ALREADY_REGISTERED,
                        _participant(existing),
                        _registration(reg),
                    )
            await conn.execute(
                "INSERT INTO registrations (participant_id, stage, mode, channel, registered_at, "
                "registered_by) VALUES (?, ?, 'offline', ?, ?, ?)",
                (participant_id, stage, channel, now, entered_by),
            )
            return await self._result(conn, participant_id, stage)

    async def update_profile(self, telegram_id: int, profile: Profile) -> Participant | None:
        async with self.db.transaction() as conn:
            async with conn.execute(
                "SELECT id FROM participants WHERE telegram_id = ?", (telegram_id,)
            ) as cur:
                row = await cur.fetchone()
            if row is None:
                return None
            await self._write_profile(conn, row["id"], profile, self.db.now())
        return await self.participant_by_telegram(telegram_id)

    async def search_participants(
        self, stage: int, query: str, *, limit: int = 10
    ) -> list[Participant]:
        """Participants of a stage whose name contains `query` (case and accents ignored)."""
        folded = name_key(query, "").rstrip("|")
        rows = await self.db.fetchall(
            "SELECT p.* FROM participants p JOIN registrations r ON r.participant_id = p.id "
            "WHERE r.stage = ? AND instr(p.name_key, ?) > 0 ORDER BY p.full_name LIMIT ?",
            (stage, folded, limit),
        )
        return [_participant(r) for r in rows]

    async def set_phone(self, telegram_id: int, phone: str) -> Participant | None:
        """Keep the phone number the user shared with Telegram's contact button."""
        phone = phone.strip()
        if phone and not phone.startswith("+"):
            phone = f"+{phone}"  # Telegram sends international numbers without the plus
        await self.db.execute(
            "UPDATE participants SET phone = ?, updated_at = ? WHERE telegram_id = ?",
            (phone, self.db.now(), telegram_id),
        )
        return await self.participant_by_telegram(telegram_id)

    async def roster(self, stage: int) -> list[RosterEntry]:
        rows = await self.db.fetchall(
            "SELECT p.*, r.participant_id, r.stage, r.mode, r.channel, r.registered_at, "
            "COALESCE(u.reachable, p.telegram_id IS NOT NULL) AS reachable "
            "FROM registrations r JOIN participants p ON p.id = r.participant_id "
            "LEFT JOIN users u ON u.telegram_id = p.telegram_id "
            "WHERE r.stage = ? ORDER BY p.institution, p.full_name",
            (stage,),
        )
        return [RosterEntry(_participant(r), _registration(r), bool(r["reachable"])) for r in rows]

    async def stage_counts(self, stage: int) -> StageCounts:
        rows = await self.db.fetchall(
            "SELECT p.institution AS institution, "
            "SUM(r.mode = 'online') AS online, SUM(r.mode = 'offline') AS offline "
            "FROM registrations r JOIN participants p ON p.id = r.participant_id "
            "WHERE r.stage = ? GROUP BY p.institution "
            "ORDER BY COUNT(*) DESC, p.institution",
            (stage,),
        )
        by_institution = tuple(
            InstitutionCount(r["institution"], int(r["online"]), int(r["offline"])) for r in rows
        )
        return StageCounts(
            stage=stage,
            online=sum(c.online for c in by_institution),
            offline=sum(c.offline for c in by_institution),
            by_institution=by_institution,
        )

    # --- helpers -------------------------------------------------------------------------

    @staticmethod
    async def _stage_row(conn: aiosqlite.Connection, stage: int) -> aiosqlite.Row | None:
        async with conn.execute("SELECT * FROM stages WHERE number = ?", (stage,)) as cur:
            return await cur.fetchone()

    @staticmethod
    async def _registration_row(
        conn: aiosqlite.Connection, participant_id: int, stage: int
    ) -> aiosqlite.Row | None:
        async with conn.execute(
            "SELECT * FROM registrations WHERE participant_id = ? AND stage = ?",
            (participant_id, stage),
        ) as cur:
            return await cur.fetchone()

    @staticmethod
    async def _write_profile(
        conn: aiosqlite.Connection, participant_id: int, profile: Profile, now: str
    ) -> None:
        await conn.execute(
            "UPDATE participants SET full_name = ?, name_key = ?, institution = ?, kecamatan = ?, "
            "position = ?, updated_at = ? WHERE id = ?",
            (
                profile.full_name,
                name_key(profile.full_name, profile.institution),
                profile.institution,
                profile.kecamatan,
                profile.position,
                now,
                participant_id,
            ),
        )

    async def _result(
        self, conn: aiosqlite.Connection, participant_id: int | None, stage: int
    ) -> RegisterResult:
        async with conn.execute(
            "SELECT * FROM participants WHERE id = ?", (participant_id,)
        ) as cur:
            prow = await cur.fetchone()
        reg = await self._registration_row(conn, participant_id or 0, stage)
        assert prow is not None and reg is not None
        return RegisterResult(RegisterOutcome.CREATED, _participant(prow), _registration(reg))


def _spelling_key(name: str) -> str:
    """Names that differ only in case, spaces, apostrophes or hyphens are the same place."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


async def _respell(conn: aiosqlite.Connection, kind: str, name: str) -> None:
    """The workshop file writes a place as the region does ("Wae Ri'i"): an institution stored
    under an older spelling ("Wae Rii") takes the file's, and so do the profiles and ideas that
    name it, so no place is listed twice."""
    key = _spelling_key(name)
    async with conn.execute("SELECT name FROM institutions WHERE kind = ?", (kind,)) as cur:
        names = [str(row[0]) for row in await cur.fetchall()]
    if name in names:
        return
    for old in names:
        if _spelling_key(old) != key:
            continue
        await conn.execute("UPDATE institutions SET name = ? WHERE name = ?", (name, old))
        if kind == "kecamatan":
            for table in ("participants", "ideas"):
                await conn.execute(
                    f"UPDATE {table} SET institution = replace(institution, ?, ?), kecamatan = ? "
                    "WHERE kecamatan = ?",
                    (old, name, name, old),
                )
        return
