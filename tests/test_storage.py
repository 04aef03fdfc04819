"""Storage against real SQLite files: migrations, seeding, registrations, rosters."""

from __future__ import annotations

from pathlib import Path

from bot.core.config import DEFAULT_WORKSHOP
from bot.core.workshop import load_workshop
from storage.db import Database, migrations
from storage.models import Profile, RegisterOutcome
from storage.repository import Repository, name_key

CAMAT = Profile("Yosef Jehalu", "Kecamatan Cibal", "camat", "Cibal")


async def test_migrations_bring_an_empty_file_to_the_latest_version(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "new.db")
    assert await db.schema_version() == len(migrations())
    # Opening again applies nothing twice.
    assert await db.migrate() == []
    await db.close()


async def test_wal_and_foreign_keys_are_on(db: Database) -> None:
    assert (await db.fetchone("PRAGMA journal_mode"))[0] == "wal"  # type: ignore[index]
    assert (await db.fetchone("PRAGMA foreign_keys"))[0] == 1  # type: ignore[index]


async def test_workshop_seeds_stages_and_keeps_chat_edits(repo: Repository) -> None:
    stages = await repo.list_stages()
    assert [s.number for s in stages] == [1, 2, 3, 4]
    current = await repo.current_stage()
    assert current is not None and current.number == 1
    assert len(await repo.institutions("kecamatan")) == 12
    assert len(await repo.institutions("opd")) == 17

    await repo.set_current_stage(2)
    await repo.update_stage(2, "venue", "Aula Bappeda")
    await repo.sync_workshop(load_workshop(DEFAULT_WORKSHOP))
    stage2 = await repo.get_stage(2)
    assert stage2 is not None and stage2.is_current and stage2.venue == "Aula Bappeda"
    assert [s.number for s in await repo.list_stages() if s.is_current] == [2]


async def test_register_self_then_again_is_refused(repo: Repository) -> None:
    first = await repo.register_self(111, CAMAT, 1, "online")
    assert first.outcome is RegisterOutcome.CREATED
    again = await repo.register_self(111, CAMAT, 1, "offline")
    assert again.outcome is RegisterOutcome.ALREADY_REGISTERED
    assert again.registration is not None and again.registration.mode == "online"
    counts = await repo.stage_counts(1)
    assert (counts.online, counts.offline) == (1, 0)


async def test_closed_stage_registers_nobody(repo: Repository) -> None:
    result = await repo.register_self(111, CAMAT, 2, "online")
    assert result.outcome is RegisterOutcome.STAGE_CLOSED
    assert await repo.participant_by_telegram(111) is None
    assert (
        await repo.register_self(111, CAMAT, 9, "online")
    ).outcome is RegisterOutcome.NO_SUCH_STAGE


async def test_later_stage_reuses_the_participant(repo: Repository) -> None:
    await repo.register_self(111, CAMAT, 1, "online")
    await repo.set_registration_open(2, True)
    second = await repo.register_self(111, CAMAT, 2, "offline")
    assert second.outcome is RegisterOutcome.CREATED
    participant = await repo.participant_by_telegram(111)
    assert participant is not None
    assert [(r.stage, r.mode) for r in await repo.registrations_of(participant.id)] == [
        (1, "online"),
        (2, "offline"),
    ]


async def test_offline_entry_is_not_duplicated(repo: Repository) -> None:
    person = Profile("Maria  Goreti", "Dinas Kesehatan", "opd_staff")
    first = await repo.register_offline(person, 1, entered_by=900001)
    assert first.outcome is RegisterOutcome.CREATED
    assert first.participant is not None and first.participant.telegram_id is None
    same = Profile("maria goreti", "dinas kesehatan", "opd_staff")
    again = await repo.register_offline(same, 1, entered_by=900001)
    assert again.outcome is RegisterOutcome.ALREADY_REGISTERED
    roster = await repo.roster(1)
    assert len(roster) == 1 and roster[0].registration.channel == "secretariat"
    assert roster[0].reachable is False


def test_name_key_folds_case_accents_and_spaces() -> None:
    assert name_key("Fransiskus  Jéhalut ", "Bappeda") == name_key("fransiskus jehalut", "BAPPEDA")


async def test_counts_per_institution(repo: Repository) -> None:
    await repo.register_self(1, CAMAT, 1, "online")
    await repo.register_self(2, Profile("Ana", "Bappeda", "opd_staff"), 1, "offline")
    await repo.register_self(3, Profile("Budi", "Bappeda", "opd_staff"), 1, "online")
    counts = await repo.stage_counts(1)
    assert counts.total == 3
    assert counts.by_institution[0].institution == "Bappeda"
    assert (counts.by_institution[0].online, counts.by_institution[0].offline) == (1, 1)


async def test_a_place_stored_under_an_older_spelling_takes_the_workshop_files(
    repo: Repository,
) -> None:
    """An existing database that knew "Wae Rii" lists Wae Ri'i once, profiles and ideas too."""
    from dataclasses import replace

    workshop = load_workshop(DEFAULT_WORKSHOP)
    old = replace(
        workshop, kecamatan=tuple("Wae Rii" if k == "Wae Ri'i" else k for k in workshop.kecamatan)
    )
    await repo.sync_workshop(old)
    result = await repo.register_self(
        5, Profile("Yosef", "Kecamatan Wae Rii", "camat", kecamatan="Wae Rii"), 1, "online"
    )
    assert result.participant is not None
    await repo.sync_workshop(workshop)
    names = [i.name for i in await repo.institutions("kecamatan")]
    assert "Wae Ri'i" in names and "Wae Rii" not in names
    person = await repo.participant_by_telegram(5)
    assert person is not None
    assert (person.kecamatan, person.institution) == ("Wae Ri'i", "Kecamatan Wae Ri'i")
