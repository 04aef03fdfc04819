"""Every privileged command and button, as every role: allowed, or refused changing nothing."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from bot.core.roles import Role, role_of
from bot.dev.emulator import Emulator, SimUser
from bot.dev.sandbox import ADMIN_ID, FACILITATOR_ID, BotHarness
from bot.jobs import scheduling
from handlers.commands import COMMANDS as TABLE
from handlers.menus import commands_for

REFUSALS = (
    "Maaf, perintah ini hanya untuk sekretariat.",
    "Maaf, perintah ini hanya untuk fasilitator dan sekretariat.",
)
# Arguments that would change something, for the privileged commands that take them.
ARGUMENTS: dict[str, str] = {
    "ubahtahap": "1 tempat Aula Bappeda",
    "peserta": "1",
    "peran": "tambah 4242 fasilitator",
    "ubahsesi": "1 ruang Aula Bappeda",
    "tambahsesi": "3 2021-11-08 08:00-12:00 Pembukaan",
    "qr": "1",
    "catathadir": "1 Yosef",
    "kehadiran": "1",
    "pengingat": "+30m Sesi siang dimulai",
    "suaratangan": "1 1 5",
}
# Every privileged command of the command table → the least role that may use it.
COMMANDS: list[tuple[str, Role]] = [
    (f"/{row.id_name} {ARGUMENTS.get(row.id_name, '')}".strip(), row.role)
    for row in sorted(TABLE, key=lambda row: -row.role)
    if row.role > Role.PARTICIPANT
]
# Button data a participant could forge → the least role that may press it.
BUTTONS: list[tuple[str, Role]] = [
    ("stg:cur:2", Role.SECRETARIAT),
    ("stg:reg:2:1", Role.SECRETARIAT),
    ("stg:ideas:1:0", Role.SECRETARIAT),
    ("rev:dim:economy", Role.FACILITATOR),
    ("rev:sum", Role.FACILITATOR),
    ("exp:st:1", Role.SECRETARIAT),
    ("exp:go:1:full:1", Role.SECRETARIAT),
    ("rem:cx:1", Role.FACILITATOR),
    ("hdr:mk:1:1", Role.SECRETARIAT),
    ("hdr:qr:1", Role.SECRETARIAT),
    ("pol:res:1", Role.FACILITATOR),
    ("pol:clsok:1", Role.FACILITATOR),
]
# The inbox records every update (bot/core/inbox.py): bookkeeping, not a change an update makes.
SKIP_TABLES = {"users", "ptb_user_data", "ptb_conversations", "audit_log", "inbox"}


async def snapshot(harness: BotHarness) -> dict[str, list[Any]]:
    """Every row of every table that holds the workshop's data."""
    db = harness.repo.db
    tables = [
        r["name"]
        for r in await db.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: [tuple(r) for r in await db.fetchall(f"SELECT * FROM {name} ORDER BY rowid")]
        for name in tables
        if name not in SKIP_TABLES
    }


async def settled(harness: BotHarness) -> None:
    """Let the start-up pass over the reminders finish (it marks 2021's reminders missed)."""
    assert harness.app is not None
    runner = scheduling.runner(harness.app)
    for _ in range(100):
        if runner.task is not None:
            await runner.idle()
            return
        await asyncio.sleep(0.02)


async def as_role(harness: BotHarness, role: Role) -> SimUser:
    await settled(harness)
    if role is Role.SECRETARIAT:
        return await harness.admin()
    if role is Role.FACILITATOR:
        return await harness.user("Fasilitator", user_id=FACILITATOR_ID)
    return await harness.user("Peserta")


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name.lower())
async def test_every_privileged_command(harness: BotHarness, role: Role) -> None:
    user = await as_role(harness, role)
    for command, needed in COMMANDS:
        if role is Role.PARTICIPANT:
            # A fresh participant each time: one person typing all of these would rightly be
            # slowed down by the flood guard first.
            user = await harness.user(f"Peserta {command.split()[0][1:]}")
        before = await snapshot(harness)
        user.mark()
        await user.send(command)
        reply = (await user.reply()).text or ""
        if role >= needed:
            assert reply not in REFUSALS, (command, role)
        else:
            assert reply in REFUSALS, (command, role, reply)
            assert await snapshot(harness) == before, (command, role)
        await user.send("/batal")  # leave any form the command opened
        await user.reply()


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name.lower())
async def test_every_privileged_button(harness: BotHarness, role: Role) -> None:
    user = await as_role(harness, role)
    await user.send("/bantuan")
    anchor = await user.reply()
    for data, needed in BUTTONS:
        before = await snapshot(harness)
        answer = await user.callback_answer(await user.press_data(anchor.message_id, data))
        if role >= needed:
            assert answer.get("text") not in REFUSALS, (data, role)
        else:
            assert answer.get("text") in REFUSALS, (data, role, answer)
            assert await snapshot(harness) == before, (data, role)


async def test_the_table_knows_the_roles(emulator: Emulator, tmp_path: Path) -> None:
    # The users these tests act as hold the roles the tables assume.
    settings = BotHarness.settings_for(emulator, tmp_path / "bot.db")
    assert role_of(ADMIN_ID, settings, {}) is Role.SECRETARIAT
    assert role_of(FACILITATOR_ID, settings, {}) is Role.FACILITATOR
    assert {needed for _, needed in COMMANDS} == {Role.SECRETARIAT, Role.FACILITATOR}
    assert set(ARGUMENTS) <= {command.split()[0][1:] for command, _ in COMMANDS}
    # Every command of the staff menus is tried, with the role its menu gives it.
    table = {command.split()[0][1:]: needed for command, needed in COMMANDS}
    for role in (Role.FACILITATOR, Role.SECRETARIAT):
        below = {c.command for c in commands_for(Role(role - 1), "id")}
        for name in {c.command for c in commands_for(role, "id")} - below:
            assert table.get(name) is role, f"/{name} ({role.name}) is missing from COMMANDS"
