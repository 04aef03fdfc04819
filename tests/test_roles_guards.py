"""Roles granted from the chat, the audit log, group chats, floods and the error handler."""

from __future__ import annotations

from bot.core.roles import Role, RoleBook, role_of
from bot.dev.sandbox import ADMIN_ID, FACILITATOR_ID, BotHarness
from bot.rules.flood import FloodGuard
from handlers.roles import parse_role_command
from tests.schedule_support import wait_for
from tests.test_ideas import participant


def test_role_rules() -> None:
    from bot.core.config import Settings

    settings = Settings(token="1:x", admin_ids=frozenset({1}), facilitator_ids=frozenset({2}))
    assert role_of(1, settings) is Role.SECRETARIAT
    assert role_of(2, settings, {2: Role.SECRETARIAT}) is Role.SECRETARIAT
    assert role_of(3, settings, {3: Role.FACILITATOR}) is Role.FACILITATOR
    assert role_of(None, settings) is Role.PARTICIPANT
    book = RoleBook(settings, {3: Role.FACILITATOR})
    assert book.staff() == {1: Role.SECRETARIAT, 2: Role.FACILITATOR, 3: Role.FACILITATOR}
    assert book.is_configured(1) and not book.is_configured(3)


def test_role_command_parsing() -> None:
    assert parse_role_command(["tambah", "42", "Fasilitator"]) == ("add", 42, "facilitator")
    assert parse_role_command(["remove", "42"]) == ("remove", 42, None)
    for bad in (["tambah", "42"], ["tambah", "x", "fasilitator"], ["hapus"], ["naik", "1"]):
        assert parse_role_command(bad) is None


def test_flood_guard_window() -> None:
    guard = FloodGuard(limit=3, window=10)
    assert [guard.allow(1, t)[0] for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert guard.allow(1, 4) == (False, False)  # warned once per window
    assert guard.allow(2, 4) == (True, False)  # other users are not affected
    assert guard.allow(1, 11)[0] is True


async def test_secretariat_grants_and_removes_a_facilitator(harness: BotHarness) -> None:
    admin = await harness.admin()
    helper = await harness.user("Calon Fasilitator")
    await helper.send("/rekapide")
    assert "fasilitator dan sekretariat" in ((await helper.reply()).text or "")

    await admin.send(f"/peran tambah {helper.id} fasilitator")
    assert "sekarang fasilitator" in ((await admin.reply()).text or "")
    await helper.send("/rekapide")
    assert "Rekap ide" in ((await helper.reply()).text or "")
    menus = await harness.client.commands()
    own = [m for m in menus if m["scope"].get("chat_id") == helper.id]
    assert own and any(c["command"] == "rekapide" for c in own[0]["commands"])

    await admin.send("/peran")
    listing = (await admin.reply()).text or ""
    assert f"{helper.id} — fasilitator" in listing
    assert f"{ADMIN_ID} — sekretariat (konfigurasi)" in listing

    await harness.restart()  # granted roles are kept in the database
    await helper.send("/rekapide")
    assert "Rekap ide" in ((await helper.reply()).text or "")

    await admin.send(f"/peran hapus {helper.id}")
    assert "dicabut" in ((await admin.reply()).text or "")
    await helper.send("/rekapide")
    assert "fasilitator dan sekretariat" in ((await helper.reply()).text or "")

    await admin.send("/audit")
    audit = (await admin.reply()).text or ""
    assert "role.grant" in audit and "role.revoke" in audit


async def test_role_changes_refused(harness: BotHarness) -> None:
    admin = await harness.admin()
    for command, expected in (
        (f"/peran hapus {ADMIN_ID}", "sendiri"),
        (f"/peran hapus {FACILITATOR_ID}", "konfigurasi"),
        ("/peran tambah 777 raja", "Cara pakai"),
        ("/peran hapus 777", "tidak punya peran"),
    ):
        await admin.send(command)
        assert expected in ((await admin.reply()).text or ""), command
    facilitator = await harness.user("Fasil", user_id=FACILITATOR_ID)
    await facilitator.send("/peran tambah 777 sekretariat")
    assert "hanya untuk sekretariat" in ((await facilitator.reply()).text or "")
    await facilitator.send("/audit")
    assert "hanya untuk sekretariat" in ((await facilitator.reply()).text or "")
    assert await harness.services.admin.grants() == []


async def test_group_chats_get_only_a_pointer(harness: BotHarness) -> None:
    user = await participant(harness)
    group_id = await harness.client.group("Bimtek Manggarai")
    in_group = user.in_chat(group_id)
    await in_group.send("/bantuan")
    pointer = await in_group.reply()
    assert "chat pribadi" in (pointer.text or "") and "@bimtek_demo_bot" in (pointer.text or "")
    for text in ("#ekonomi Pasar desa online untuk kopi", "/ide", "/peserta", "halo"):
        await in_group.send(text)
    await in_group.no_reply(0.5)
    assert await harness.ideas.count() == 0


async def test_flood_is_slowed_down_once(harness: BotHarness) -> None:
    user = await participant(harness)
    for _ in range(45):
        await user.send("/bantuan")

    async def told_to_slow_down() -> bool:
        return any("Terlalu banyak pesan" in (m.text or "") for m in await user.messages())

    # The quiet the emulator sees between storing the burst and the first reply is no proof
    # that the bot is done (a loaded machine): wait for the notice, then for quiet.
    await wait_for(told_to_slow_down, what="the 'slow down' notice")
    await harness.client.wait_idle()
    # Over 40 a minute: one notice, and the rest (also what was still waiting) dropped.
    replies = [m.text or "" for m in await user.messages()]
    assert 1 <= sum("Perintah peserta" in r for r in replies) <= 40
    assert sum("Terlalu banyak pesan" in r for r in replies) == 1
    user.mark()
    await user.no_reply(0.3)


async def test_unexpected_error_reassures_the_user_and_tells_the_secretariat(
    harness: BotHarness,
) -> None:
    user = await participant(harness)
    admin = await harness.admin()
    ideas = harness.ideas

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    ideas.submit = broken  # type: ignore[method-assign,assignment]
    await user.send("#ekonomi Pasar desa online untuk kopi Manggarai")
    assert "Data Anda aman" in ((await user.reply()).text or "")
    report = (await admin.reply()).text or ""
    assert "RuntimeError" in report and "Yosef" not in report and "kopi" not in report


async def test_every_menu_command_has_a_handler(harness: BotHarness) -> None:
    from telegram.ext import CommandHandler, ConversationHandler

    from handlers.menus import commands_for

    assert harness.app is not None
    known: set[str] = set()
    for handlers in harness.app.handlers.values():
        for handler in handlers:
            inner = [handler]
            if isinstance(handler, ConversationHandler):
                inner = list(handler.entry_points) + list(handler.fallbacks)
            for h in inner:
                if isinstance(h, CommandHandler):
                    known |= set(h.commands)
    for lang in ("id", "en"):
        menu = {c.command for c in commands_for(Role.SECRETARIAT, lang)}
        assert menu <= known, menu - known
        assert len(menu) <= 100  # Telegram's limit per scope
