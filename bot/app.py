"""Wiring: `build_application(settings)` is the only place that knows every handler."""

from __future__ import annotations

import logging
from typing import Any

from telegram import (
    Update,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ContextTypes,
    TypeHandler,
)

from bot.core import logfmt
from bot.core.config import Settings
from bot.core.context import SERVICES_KEY, BotApplication, BotContext, Services
from bot.core.inbox import Inbox, InboxApplication, InboxQueue
from bot.core.jobs import JOBS_KEY, Jobs
from bot.core.persistence import SQLitePersistence
from bot.core.ratelimit import PacedRateLimiter
from bot.core.roles import Role
from bot.core.updates import PerUserUpdateProcessor
from bot.core.workshop import Workshop, load_workshop
from bot.jobs import notes, ops, polling, scheduling
from bot.jobs.start import arm_all
from handlers import (
    checkin,
    decisions,
    forms,
    general,
    guards,
    ideas,
    language,
    menus,
    polls,
    privacy,
    reach,
    registration,
    reminders,
    roles,
    roster_import,
    schedule,
    secretariat,
)
from handlers import errors as error_handling
from handlers import export as export_handlers
from handlers import status as status_handlers
from handlers.errors import on_error
from handlers.ideas import review as idea_review
from storage.db import LazyDatabase
from storage.repository import Repository

log = logging.getLogger(__name__)


def file_base_url(api_base_url: str) -> str:
    """Telegram serves files beside its API: `.../bot` → `.../file/bot` (also self-hosted)."""
    base = api_base_url.rstrip("/")
    if base.endswith("/bot"):
        return base[: -len("/bot")] + "/file/bot"
    return "https://api.telegram.org/file/bot"


def build_application(
    settings: Settings, *, workshop: Workshop | None = None, poll_timeout: float = 10.0
) -> BotApplication:
    """Build the bot: services, rate limiting, persistence and every handler in order."""
    workshop = workshop or load_workshop(settings.workshop_path)
    # However logging is set up, libraries never log what people sent unless a setting says so.
    logfmt.keep_personal_data_out(settings.log_personal_data)
    opener = LazyDatabase(settings.db_path, clock=settings.clock)
    processor = PerUserUpdateProcessor()

    async def post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        db = await opener.get()
        repo = Repository(db)
        await repo.sync_workshop(workshop)
        services = Services(settings, workshop, repo)
        await services.load()
        app.bot_data[SERVICES_KEY] = services
        await reach.load(app, services)
        # Staff are never slowed down; read at each update, so a granted role counts at once.
        processor.exempt = lambda user_id: services.roles.role_of(user_id) >= Role.FACILITATOR
        # Reminders, polls and the daily backup: armed one way (bot/jobs/start.py).
        await arm_all(app)
        await menus.publish_all(app, services.roles)

    async def post_shutdown(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        app.bot_data.pop(SERVICES_KEY, None)
        await opener.close()

    # Updates go through the inbox (bot/core/inbox.py): stored, then processed, then acknowledged.
    queue = InboxQueue()
    app: BotApplication = (
        ApplicationBuilder()
        .application_class(InboxApplication)
        .update_queue(queue)
        .token(settings.token)
        .base_url(settings.api_base_url)
        # Files users send (a roster to import) are downloaded from the file server beside the API.
        .base_file_url(file_base_url(settings.api_base_url))
        .context_types(ContextTypes(context=BotContext))
        .persistence(SQLitePersistence(opener))
        .concurrent_updates(processor)
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
    # -4. Whoever writes (or presses a button) in their private chat can be reached again,
    #     even if a broadcast had found them blocking the bot.
    app.add_handler(TypeHandler(Update, reach.note_contact), group=-4)
    # -3, -2. Guards before anything: only private chats; the "slow down" notice for a flood
    #     (the flood's excess never gets this far: bot/core/updates.py drops it on arrival).
    for group, guard in guards.handlers():
        app.add_handler(guard, group=group)
    # 0. Before anything (group -1, never stops the update): a secretariat member who had not
    #    opened the bot when it started gets their command menu on their first message.
    app.add_handler(TypeHandler(Update, menus.publish_on_first_contact), group=-1)
    # 1. Help answers everywhere, even in the middle of a form.
    app.add_handlers(general.handlers())
    # 2. The registration conversation (also profile edits and offline entry) and /profil.
    app.add_handlers(registration.handlers())
    # 3. Language and the secretariat's commands.
    app.add_handlers(language.handlers())
    app.add_handlers(secretariat.handlers())
    # The drafting team's decisions (issue 14): before the ideas, so a workbook sent with the
    # caption /keputusan is never taken for an idea's document.
    app.add_handlers(decisions.handlers())
    # Ideas: the /ide conversation, the #hashtag fast path, /ideku; then the facilitators' view.
    app.add_handlers(ideas.handlers())
    app.add_handlers(idea_review.handlers())
    # Privacy (/dataku, /hapusdata, the contact button) and the secretariat's roles and audit log.
    app.add_handlers(privacy.handlers())
    app.add_handlers(roles.handlers())
    app.add_handlers(status_handlers.handlers())
    # Excel export for the drafting team; roster import and its template.
    app.add_handlers(export_handlers.handlers())
    app.add_handlers(roster_import.handlers())
    # @export-handlers
    # Sessions and check-in (/jadwal, /hadir, QR), reminders (/pengingat).
    app.add_handlers(schedule.handlers())
    app.add_handlers(checkin.handlers())
    app.add_handlers(reminders.handlers())
    # @schedule-handlers
    # Polls (/polling, /hasil, hand votes, /prioritas) and the counting of poll answers; the
    # polls' deadlines are re-armed (and cut-short sending or closing resumed) by `arm_all`.
    app.add_handlers(polls.handlers())
    # The background jobs as the features call them (bot.core.jobs): these modules implement them.
    app.bot_data[JOBS_KEY] = Jobs(polls=polling, schedule=scheduling, ops=ops, notes=notes)
    # @polls-handlers
    # 4. Last: unknown commands, stray messages and buttons nobody claimed.
    app.add_handlers(general.catch_all_handlers())
    # Entry points that start only for a user in no form see every form (handlers/forms.py).
    forms.watch_forms(app)
    # 5. After the update was handled (group 1): an idea kept while a form was open, or sent
    #    before registering, is offered once the user is free and registered.
    app.add_handlers(ideas.after_handlers(), group=1)
    # 6. After everything: the inbox writes the form's new step and its draft to SQLite in one
    #    transaction before it marks the update done, so a kill before that replays the update
    #    and a kill after it resumes the form (bot/core/inbox.py `_process`).
    app.add_error_handler(on_error)
    queue.inbox = Inbox(
        app,
        opener,
        after=error_handling.tell_storage_failure,
        wants_retry=error_handling.take_retry,
    )
    return app
