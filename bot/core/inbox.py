"""The inbox: an update is confirmed to Telegram only once it is stored.

python-telegram-bot's `Updater` confirms a batch (the next `getUpdates` offset) as soon as it is
fetched, so a bot killed mid-burst loses what it had fetched but not processed. Here the fetch
loop writes each batch to the `inbox` table in one transaction and only then asks for the next
batch with the offset that confirms it. Webhook mode stores the update before the HTTP 200
(`accept`). Each update is processed from there through the application (the update processor
keeps one user's updates in order) and marked done only after its handlers ran and the
persistence (form state and draft, in one transaction) was written. At start, updates stored but
not done are processed again first: handlers are idempotent for such a replay (ideas by chat and
message id, poll answers per poll and person, registrations per person and stage).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.error import (
    Conflict,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import Application

from bot.core.context import SERVICES_KEY, BotApplication, BotContext, Services
from bot.core.persistence import SQLitePersistence
from bot.core.updates import PerUserUpdateProcessor
from storage.db import LazyDatabase
from storage.inbox import InboxEntry, InboxStore

log = logging.getLogger(__name__)

MAX_BACKOFF = 30.0
AfterUpdate = Callable[[Any, Update], Awaitable[None]]
WantsRetry = Callable[[Any, Update], bool]
# An update during which Telegram failed (a 500) is handled again after 2, 4, 8, 16 s.
RETRY_DELAY = 2.0
RETRIES = 4
# Dropped updates (a flood's excess) are acknowledged in one statement per this many seconds.
DROPPED_ACK_DELAY = 0.2


class InboxApplication(Application[Any, BotContext, Any, Any, Any, Any]):
    """The application whose persistence writes each round of changes in one transaction

    (`ApplicationBuilder.application_class`); the inbox acknowledges its updates in it.
    """

    async def update_persistence(self) -> None:
        await self.persist(None)

    async def persist(self, done: tuple[str, tuple[object, ...]] | None) -> bool:
        """Hand PTB's changes to the persistence and write them, with `done`, in one transaction.

        The inbox passes the statement that marks its update done: a form's new state, its
        draft and the update's acknowledgement are written together or not at all. Returns
        False when the disk refused (the changes stay staged for the next round).
        """
        await super().update_persistence()
        persistence = self.persistence
        if not isinstance(persistence, SQLitePersistence):
            return True
        if done is not None:
            persistence.stage_statement(*done)
        try:
            await persistence.commit()
        except sqlite3.Error as exc:
            log.error("persistence not written: %s", type(exc).__name__)
            return False
        return True


class Inbox:
    """Fetch (or accept), store, process, acknowledge."""

    def __init__(
        self,
        app: BotApplication,
        opener: LazyDatabase,
        *,
        after: AfterUpdate | None = None,
        wants_retry: WantsRetry | None = None,
    ) -> None:
        self._app = app
        self._opener = opener
        # From the error handler (handlers/errors.py, wired in bot/app.py): tell a person what
        # a failing disk did not save; whether Telegram failed while an update was handled.
        self._after = after
        self._wants_retry = wants_retry
        self._store: InboxStore | None = None
        self._fetch_task: asyncio.Task[None] | None = None
        self._processing: set[asyncio.Task[None]] = set()
        self._waiting: set[asyncio.Task[None]] = set()  # retries, not due yet
        self._stopping = False
        self._in_poll = False
        self._offset: int | None = None
        self._dropped_done: list[int] = []  # dropped floods' ids, acknowledged together
        self._ack_task: asyncio.Task[None] | None = None

    async def store(self) -> InboxStore:
        if self._store is None:
            self._store = InboxStore(await self._opener.get())
        return self._store

    # --- the front doors ---------------------------------------------------------------------

    async def accept(self, update_json: dict[str, Any]) -> None:
        """Store one update received by the webhook, then process it; return means "say 200".

        Raises if the update cannot be parsed (the front door answers 400). The webhook's front
        door calls this after it has checked the secret and the size.
        """
        update = Update.de_json(update_json, self._app.bot)
        await self._take([update], json_bodies=[json.dumps(update_json, ensure_ascii=False)])

    async def accept_update(self, update: Update) -> None:
        """Same as `accept` for an update already parsed (PTB's webhook handler)."""
        await self._take([update])

    async def _take(self, updates: list[Update], json_bodies: list[str] | None = None) -> None:
        processor = self._app.update_processor
        if isinstance(processor, PerUserUpdateProcessor):
            # A flood's excess is dropped before it costs a write (bot.core.updates).
            kept = [not processor.drop_on_arrival(u) for u in updates]
            if json_bodies is not None:
                json_bodies = [b for b, keep in zip(json_bodies, kept, strict=True) if keep]
            updates = [u for u, keep in zip(updates, kept, strict=True) if keep]
            if not updates:
                return
        bodies = json_bodies or [json.dumps(u.to_dict(), ensure_ascii=False) for u in updates]
        entries = [InboxEntry(u.update_id, b) for u, b in zip(updates, bodies, strict=True)]
        try:
            new = await (await self.store()).add(entries)
        except sqlite3.Error as exc:
            # The disk is full or read-only: nothing can be made durable. Process the updates
            # anyway so each person is told that what they sent was not saved (handlers/errors.py);
            # waiting would leave them without any answer.
            log.error("inbox not writable, processing without it: %s", type(exc).__name__)
            for update in updates:
                self._dispatch(update, stored=False)
            return
        for update in updates:
            if update.update_id in new:
                self._dispatch(update, stored=True)
            elif isinstance(processor, PerUserUpdateProcessor):
                processor.forget_verdict(update)  # a copy of one stored before

    # --- processing --------------------------------------------------------------------------

    def _dispatch(self, update: Update, *, stored: bool, attempt: int = 0) -> None:
        task = asyncio.create_task(self._process(update, stored=stored, attempt=attempt))
        self._processing.add(task)
        task.add_done_callback(self._processing.discard)

    def _ack_dropped(self, update_id: int) -> None:
        """Acknowledge a dropped update with the others dropped meanwhile, in one statement.

        A kill before it is written replays the update at the next start, where it is judged
        again: nothing it could have changed was changed.
        """
        self._dropped_done.append(update_id)
        if self._ack_task is None or self._ack_task.done():
            self._ack_task = asyncio.create_task(self._flush_dropped(), name="inbox:ack-dropped")
            self._processing.add(self._ack_task)
            self._ack_task.add_done_callback(self._processing.discard)

    async def _flush_dropped(self) -> None:
        await asyncio.sleep(DROPPED_ACK_DELAY)
        while self._dropped_done:
            ids, self._dropped_done = self._dropped_done, []
            with contextlib.suppress(sqlite3.Error):
                await (await self.store()).mark_done(ids)

    def _retry_later(self, update: Update, attempt: int) -> None:
        async def later() -> None:
            await asyncio.sleep(RETRY_DELAY * 2 ** (attempt - 1))
            self._dispatch(update, stored=True, attempt=attempt)

        task = asyncio.create_task(later())
        self._waiting.add(task)
        task.add_done_callback(self._waiting.discard)

    async def _process(self, update: Update, *, stored: bool, attempt: int = 0) -> None:
        app = self._app
        try:
            processor = app.update_processor
            await processor.process_update(update, app.process_update(update))
            if isinstance(processor, PerUserUpdateProcessor) and processor.forget_dropped(update):
                if stored:
                    self._ack_dropped(update.update_id)
                return
            # A write the disk refused: the person hears once that what they sent is not saved.
            if self._after is not None:
                await self._after(app, update)
            wants_retry = self._wants_retry is not None and self._wants_retry(app, update)
            if wants_retry and stored and attempt < RETRIES:
                # Telegram failed mid-way (the answer was not sent): the row stays, and the
                # update is handled again soon (or at the next start).
                log.info("update %s: Telegram failed; again in a moment", update.update_id)
                if isinstance(app, InboxApplication):
                    await app.persist(None)
                self._retry_later(update, attempt + 1)
                return
            # The form's new state, its draft and the row's "done" in one transaction: a kill
            # before it replays the update from the state before it; a kill after, nothing.
            user = update.effective_user
            chat = update.effective_chat
            app.mark_data_for_update_persistence(
                chat_ids=chat.id if chat else None, user_ids=user.id if user else None
            )
            done = (await self.store()).done_statement(update.update_id) if stored else None
            if isinstance(app, InboxApplication):
                await app.persist(done)
                return
            await app.update_persistence()
        except Exception:
            # Handlers' errors went to the error handler already; this is the persistence.
            log.exception("update %s: processing or persistence failed", update.update_id)
            return
        if stored:
            with contextlib.suppress(sqlite3.Error):
                await (await self.store()).mark_done([update.update_id])

    async def replay(self) -> int:
        """Process what was stored but not done (a kill, a crash), oldest first."""
        store = await self.store()
        pending = await store.pending()
        for entry in pending:
            try:
                update = Update.de_json(json.loads(entry.body), self._app.bot)
            except Exception:  # a body this version cannot read: skip it, do not stop the start
                log.exception("update %s: stored body unreadable, skipped", entry.update_id)
                await store.mark_done([entry.update_id])
                continue
            self._dispatch(update, stored=True)
        if pending:
            log.info("replaying %s stored updates", len(pending))
        with contextlib.suppress(sqlite3.Error):
            await store.prune(self._now())
        return len(pending)

    async def drain(self) -> None:
        """Wait until every update taken so far is processed."""
        while self._processing:
            await asyncio.gather(*list(self._processing), return_exceptions=True)

    def _now(self) -> dt.datetime:
        services = self._app.bot_data.get(SERVICES_KEY)
        if isinstance(services, Services):
            return services.settings.clock()
        return dt.datetime.now(dt.UTC)

    # --- polling -----------------------------------------------------------------------------

    async def start(self, *, polling: bool, timeout: float = 10.0) -> None:
        """Replay stored updates, then (polling) fetch new ones until `stop`."""
        self._stopping = False
        await self.replay()
        if polling:
            self._offset = await (await self.store()).next_offset()
            with contextlib.suppress(NetworkError):
                # Telegram refuses getUpdates while a webhook is set.
                await self._app.bot.delete_webhook()
            self._fetch_task = asyncio.create_task(self._fetch_loop(timeout), name="inbox:fetch")

    async def _fetch_loop(self, timeout: float) -> None:
        backoff = 1.0
        bot = self._app.bot
        while not self._stopping:
            self._in_poll = True
            try:
                updates = await bot.get_updates(
                    offset=self._offset,
                    timeout=int(timeout),
                    allowed_updates=Update.ALL_TYPES,
                )
            except InvalidToken:
                log.critical("Telegram refused the token; stopping the fetch loop")
                raise
            except RetryAfter as exc:
                wait = exc.retry_after
                await self._pause(wait if isinstance(wait, int) else wait.total_seconds())
                continue
            except TimedOut:
                continue  # a long poll that outlived its read timeout: just poll again
            except (Conflict, NetworkError) as exc:
                # Conflict: another instance polls (or a webhook is set); NetworkError: no
                # Telegram right now. Either way try again, later and later.
                log.warning(
                    "getUpdates failed (%s); retrying in %.0f s", type(exc).__name__, backoff
                )
                await self._pause(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF)
                continue
            finally:
                self._in_poll = False
            backoff = 1.0
            if not updates:
                continue
            # Stored in one transaction; the next getUpdates carries the offset that confirms it.
            await self._take(list(updates))
            self._offset = updates[-1].update_id + 1

    async def _pause(self, seconds: float) -> None:
        self._in_poll = True
        try:
            await asyncio.sleep(seconds)
        finally:
            self._in_poll = False

    async def stop(self) -> None:
        """Stop fetching, finish processing, confirm what was stored."""
        self._stopping = True
        task, self._fetch_task = self._fetch_task, None
        if task is not None:
            if self._in_poll:
                task.cancel()
            with contextlib.suppress(asyncio.CancelledError, InvalidToken):
                await task
        for waiting in list(self._waiting):
            waiting.cancel()  # their rows stay: handled again at the next start
        await self.drain()
        if task is not None and self._offset is not None:
            # Tell Telegram what is stored; an update that arrives in this call is stored too
            # and processed at the next start.
            with contextlib.suppress(NetworkError, Conflict):
                late = await self._app.bot.get_updates(offset=self._offset, timeout=0, limit=1)
                if late:
                    await (await self.store()).add(
                        [InboxEntry(u.update_id, json.dumps(u.to_dict())) for u in late]
                    )


class InboxQueue(asyncio.Queue[object]):
    """The application's update queue; updates put here (PTB's webhook) go to the inbox."""

    inbox: Inbox | None = None

    async def put(self, item: object) -> None:
        if isinstance(item, Update) and self.inbox is not None:
            await self.inbox.accept_update(item)
            return
        await super().put(item)  # the application's stop signal


def find_inbox(app: BotApplication) -> Inbox | None:
    """The application's inbox, if it was built with one (`bot.app.build_application`)."""
    queue = app.update_queue
    return queue.inbox if isinstance(queue, InboxQueue) else None


def inbox_of(app: BotApplication) -> Inbox:
    inbox = find_inbox(app)
    if inbox is None:
        raise RuntimeError("the application was not built with an inbox")
    return inbox
