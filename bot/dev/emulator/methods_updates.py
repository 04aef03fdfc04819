"""Bot API methods that hand updates to the bot: getUpdates and the webhook methods.

Delivery accounting: an update counts as *pending* until a ``getUpdates`` call has returned
it, and is forgotten only when a later call's ``offset`` passes it (see ``server.py``).
"""

from __future__ import annotations

import copy
import time

from bot.dev.emulator.api import (
    JSON,
    ApiError,
    Call,
    bad_request,
)
from bot.dev.emulator.state import EmulatorState

#: Update types delivered when ``allowed_updates`` is empty (Telegram's default).
_DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

_GET_UPDATES_CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is "
    "running"
)


class UpdateMethods(EmulatorState):
    """getUpdates (long polling, offsets, allowed_updates) and set/delete/getWebhookInfo."""

    async def _m_delete_webhook(self, call: Call) -> bool:
        self._webhook = {"url": ""}
        if self._bool(call, "drop_pending_updates"):
            self._updates.clear()
            self._notify()
        return True

    async def _m_set_webhook(self, call: Call) -> bool:
        url = self._str(call, "url") or ""
        if url and not url.startswith("https://"):
            raise bad_request("bad webhook: HTTPS url must be provided for webhook")
        self._webhook = {"url": url}
        if self._bool(call, "drop_pending_updates"):
            self._updates.clear()
        return True

    async def _m_get_webhook_info(self, call: Call) -> JSON:
        return {
            "url": self._webhook["url"],
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    def _polling_alive(self) -> bool:
        request = self._polling
        if request is None:
            return False
        transport = request.transport
        return transport is not None and not transport.is_closing()

    def _confirm(self, offset: int | None) -> None:
        if offset is None:
            return
        if offset < 0:
            keep = -offset
            self._updates = self._updates[-keep:] if keep else []
            return
        if self._updates and self._updates[0]["update_id"] < offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            self._notify()

    def _filter_allowed(self) -> None:
        allowed = self._allowed_updates
        kept = []
        for update in self._updates:
            kind = next(k for k in update if k != "update_id")
            if (allowed is None and kind in _DEFAULT_EXCLUDED_UPDATES) or (
                allowed is not None and kind not in allowed
            ):
                continue
            kept.append(update)
        self._updates = kept

    async def _m_get_updates(self, call: Call) -> list[JSON]:
        if self._webhook["url"]:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first",
            )
        if self._polling_alive():
            # A bot that cancels its long poll and polls again at once (PTB does so on
            # stop) races the server noticing the dropped connection; allow it a moment.
            grace = time.monotonic() + 0.2
            while True:
                changed = self._changed
                remaining = grace - time.monotonic()
                if not self._polling_alive() or remaining <= 0:
                    break
                await self._wait_change(changed, remaining)
            if self._polling_alive():
                raise ApiError(409, _GET_UPDATES_CONFLICT)
        offset = self._int(call, "offset", required=False, default=0) or None
        limit = min(100, max(1, self._int(call, "limit", required=False, default=100)))
        timeout = max(0, self._int(call, "timeout", required=False, default=0))
        allowed = call.params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = set(allowed) if allowed else None
        self._polling = call.request
        try:
            deadline = time.monotonic() + timeout
            while True:
                changed = self._changed
                self._confirm(offset)
                self._filter_allowed()
                batch = [u for u in self._updates if offset is None or u["update_id"] >= offset]
                batch = batch[:limit]
                remaining = deadline - time.monotonic()
                if batch or remaining <= 0 or self._stopping.is_set():
                    break
                await self._wait_change(changed, remaining)
            if batch:
                self._delivered.update(u["update_id"] for u in batch)
                self._touch()
                self._notify()
            return copy.deepcopy(batch)
        finally:
            if self._polling is call.request:
                self._polling = None
                self._notify()
