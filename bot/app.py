"""Wiring: `build_application(settings)` is the only place that knows every handler."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Awaitable
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    Update,
)
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    ContextTypes,
    TypeHandler,
)

from bot.config import Settings
from bot.context import SERVICES_KEY, BotApplication, BotContext, Services
from bot.errors import on_error
from bot.ratelimit import PacedRateLimiter
from bot.workshop import Workshop, load_workshop
from handlers import general, language, registration, secretariat
from storage.db import LazyDatabase
from storage.persistence import SQLitePersistence
from storage.repository import Repository

log = logging.getLogger(__name__)

PARTICIPANT_COMMANDS = {
    "id": [
        ("start", "Daftar untuk tahap yang berjalan"),
        ("profil", "Lihat dan ubah profil"),
        ("bahasa", "Ganti bahasa"),
        ("batal", "Hentikan proses"),
        ("bantuan", "Bantuan"),
    ],
    "en": [
        ("start", "Register for the current stage"),
        ("profile", "See and edit your profile"),
        ("language", "Change language"),
        ("cancel", "Stop what is in progress"),
        ("help", "Help"),
    ],
}
SECRETARIAT_COMMANDS = {
    "id": [
        ("tahap", "Tahap dan pendaftaran"),
        ("peserta", "Peserta tahap"),
        ("daftarluring", "Daftarkan peserta luring"),
        ("ubahtahap", "Ubah data tahap"),
    ],
    "en": [
        ("stages", "Stages and registration"),
        ("participants", "Participants of a stage"),
        ("addoffline", "Register an offline participant"),
        ("editstage", "Edit a stage"),
    ],
}


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Process different users' updates concurrently, one user's strictly in order.

    A conversation must see a user's messages one at a time (PTB warns that concurrent updates
    and ConversationHandler do not mix), but one slow reply must not hold up 300 other users.
    """

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._waiting: defaultdict[int, int] = defaultdict(int)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = 0
        if isinstance(update, Update):
            if update.effective_user is not None:
                key = update.effective_user.id
            elif update.effective_chat is not None:
                key = update.effective_chat.id
        self._waiting[key] += 1
        try:
            async with self._locks[key]:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if self._waiting[key] == 0:
                del self._waiting[key]
                self._locks.pop(key, None)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def build_application(
    settings: Settings, *, workshop: Workshop | None = None, poll_timeout: float = 10.0
) -> BotApplication:
    """Build the bot: services, rate limiting, persistence and every handler in order."""
    workshop = workshop or load_workshop(settings.workshop_path)
    opener = LazyDatabase(settings.db_path)

    async def post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        db = await opener.get()
        repo = Repository(db)
        await repo.sync_workshop(workshop)
        app.bot_data[SERVICES_KEY] = Services(settings, workshop, repo)
        await _publish_commands(app, settings)

    async def post_shutdown(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        app.bot_data.pop(SERVICES_KEY, None)
        await opener.close()

    app: BotApplication = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.api_base_url)
        .context_types(ContextTypes(context=BotContext))
        .persistence(SQLitePersistence(opener))
        .concurrent_updates(PerUserUpdateProcessor())
        # Even pacing under Telegram's limits, per chat too; a 429 is waited out, not dropped.
        .rate_limiter(
            PacedRateLimiter(chat_rate=settings.chat_rate, chat_burst=settings.chat_burst)
        )
        .get_updates_read_timeout(poll_timeout + 5)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )

    # Order matters: the first matching handler in a group wins.
    # 0. Before anything (group -1, never stops the update): a secretariat member who had not
    #    opened the bot when it started gets their command menu on their first message.
    app.add_handler(TypeHandler(Update, _admin_menu_on_first_contact), group=-1)
    # 1. Help answers everywhere, even in the middle of a form.
    app.add_handlers(general.handlers())
    # 2. The registration conversation (also profile edits and offline entry) and /profil.
    app.add_handlers(registration.handlers())
    # 3. Language and the secretariat's commands.
    app.add_handlers(language.handlers())
    app.add_handlers(secretariat.handlers())
    # @ideas-handlers
    # @export-handlers
    # @schedule-handlers
    # 4. Last: unknown commands, stray messages and buttons nobody claimed.
    app.add_handlers(general.catch_all_handlers())
    app.add_error_handler(on_error)
    return app


MENUS_PUBLISHED = "admin_menus_published"


async def _admin_menu_on_first_contact(update: Update, context: BotContext) -> None:
    user = update.effective_user
    if user is None or user.id not in context.settings.admin_ids:
        return
    published: set[int] = context.bot_data.setdefault(MENUS_PUBLISHED, set())
    if user.id not in published:
        await _publish_admin_menu(context.application, user.id)
        published.add(user.id)


async def _publish_admin_menu(
    app: Application[Any, Any, Any, Any, Any, Any], admin_id: int
) -> bool:
    for lang in PARTICIPANT_COMMANDS:
        commands = PARTICIPANT_COMMANDS[lang] + SECRETARIAT_COMMANDS[lang]
        try:
            await app.bot.set_my_commands(
                [BotCommand(c, d) for c, d in commands],
                scope=BotCommandScopeChat(admin_id),
                language_code=None if lang == "id" else lang,
            )
        except TelegramError as exc:
            # The admin has not opened a chat with the bot yet; the menu comes on first contact.
            log.info("no command menu for admin %s yet: %s", admin_id, exc)
            return False
    return True


async def _publish_commands(
    app: Application[Any, Any, Any, Any, Any, Any], settings: Settings
) -> None:
    """Give each role its own command menu, in Indonesian by default and in English."""
    for lang, commands in PARTICIPANT_COMMANDS.items():
        await app.bot.set_my_commands(
            [BotCommand(c, d) for c, d in commands],
            scope=BotCommandScopeDefault(),
            language_code=None if lang == "id" else lang,
        )
    published = {a for a in sorted(settings.admin_ids) if await _publish_admin_menu(app, a)}
    app.bot_data[MENUS_PUBLISHED] = published
