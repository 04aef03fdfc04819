"""Bot API methods on polls: sendPoll and stopPoll, and closing a poll when its time is up.

Simulated users' answers arrive through the control API (``control.py``).
"""

from __future__ import annotations

import asyncio
import copy
import time

from telegram.constants import PollLimit

from bot.dev.emulator.api import (
    JSON,
    Call,
    bad_request,
)
from bot.dev.emulator.methods_messages import MessageMethods


class PollMethods(MessageMethods):
    """sendPoll, stopPoll and the poll bookkeeping the control API's answers use."""

    async def _m_send_poll(self, call: Call) -> JSON:
        chat = self._resolve_chat(call)
        self._check_blocked(chat)
        question = self._str(call, "question") or ""
        if (
            not PollLimit.MIN_QUESTION_LENGTH
            <= len(question.strip())
            <= (PollLimit.MAX_QUESTION_LENGTH)
        ):
            raise bad_request("POLL_QUESTION_INVALID")
        raw_options = call.params.get("options")
        if not isinstance(raw_options, list):
            raise bad_request("can't parse options JSON object")
        texts: list[str] = []
        for option in raw_options:
            text = option.get("text") if isinstance(option, dict) else option
            if not isinstance(text, str) or not (
                PollLimit.MIN_OPTION_LENGTH <= len(text.strip()) <= PollLimit.MAX_OPTION_LENGTH
            ):
                raise bad_request("POLL_OPTION_INVALID")
            texts.append(text)
        if len(texts) < PollLimit.MIN_OPTION_NUMBER:
            raise bad_request(f"poll must have at least {PollLimit.MIN_OPTION_NUMBER} option")
        if len(texts) > PollLimit.MAX_OPTION_NUMBER:
            raise bad_request(f"poll can have at most {PollLimit.MAX_OPTION_NUMBER} options")
        poll_type = self._str(call, "type") or "regular"
        if poll_type not in ("regular", "quiz"):
            raise bad_request("POLL_TYPE_INVALID")
        open_period = self._int(call, "open_period", required=False, default=0)
        if open_period and not (
            PollLimit.MIN_OPEN_PERIOD <= open_period <= PollLimit.MAX_OPEN_PERIOD
        ):
            raise bad_request("POLL_OPEN_PERIOD_INVALID")
        correct: list[int] = []
        if poll_type == "quiz":
            raw_correct = call.params.get("correct_option_ids")
            if raw_correct is None and call.params.get("correct_option_id") is not None:
                raw_correct = [self._int(call, "correct_option_id")]
            if not isinstance(raw_correct, list) or not raw_correct:
                raise bad_request("wrong correct option specified")
            correct = [int(c) for c in raw_correct]
            if any(not 0 <= c < len(texts) for c in correct):
                raise bad_request("wrong correct option specified")
        markup = self._reply_markup(call.params.get("reply_markup"))
        reply = self._reply_to(call, chat)
        self._acquire_flood(chat)
        poll_id = str(5_300_000_000_000_000_000 + len(self._polls) + 1)
        poll: JSON = {
            "id": poll_id,
            "question": question,
            "options": [
                {"text": text, "voter_count": 0, "persistent_id": str(index)}
                for index, text in enumerate(texts)
            ],
            "total_voter_count": 0,
            "is_closed": self._bool(call, "is_closed"),
            "is_anonymous": self._bool(call, "is_anonymous", default=True),
            "type": poll_type,
            "allows_multiple_answers": self._bool(call, "allows_multiple_answers"),
            "allows_revoting": self._bool(call, "allows_revoting", default=poll_type != "quiz"),
            "members_only": self._bool(call, "members_only"),
        }
        if correct:
            poll["correct_option_ids"] = correct
        if open_period:
            poll["open_period"] = open_period
            poll["close_date"] = int(time.time()) + open_period
        message = self._send(call, chat, {"poll": poll}, markup, reply, flood=False)
        self._polls[poll_id] = {
            "chat_id": chat["id"],
            "message_id": message["message_id"],
            "votes": {},
        }
        if open_period:
            loop = asyncio.get_running_loop()
            self._poll_timers[poll_id] = loop.call_later(
                open_period, self._close_poll, poll_id, "openPeriod"
            )
        return message

    def _poll_message(self, poll_id: str) -> JSON | None:
        info = self._polls.get(poll_id)
        if info is None:
            return None
        return self._messages.get(info["chat_id"], {}).get(info["message_id"])

    def _close_poll(self, poll_id: str, method: str) -> JSON | None:
        """Close a poll (stopPoll or open_period expiry) and tell the bot, as Telegram does."""
        timer = self._poll_timers.pop(poll_id, None)
        if timer is not None:
            timer.cancel()
        message = self._poll_message(poll_id)
        if message is None or message["poll"]["is_closed"]:
            return None
        message["poll"]["is_closed"] = True
        self._event(
            message["chat"]["id"],
            "edit",
            method,
            message=message,
            message_id=message["message_id"],
            reply_markup=message.get("reply_markup"),
        )
        self._enqueue({"poll": copy.deepcopy(message["poll"])})
        return message

    async def _m_stop_poll(self, call: Call) -> JSON:
        chat = self._resolve_chat(call)
        self._check_blocked(chat)
        message = self._own_message(call, chat, action="edit")
        if "poll" not in message:
            raise bad_request("message with poll to stop not found")
        if message["poll"]["is_closed"]:
            raise bad_request("poll has already been closed")
        markup = self._reply_markup(call.params.get("reply_markup"), inline_only=True)
        self._acquire_flood(chat)
        if markup is not None:
            message["reply_markup"] = markup
            self._markups[(chat["id"], message["message_id"])] = markup
        self._close_poll(message["poll"]["id"], call.method)
        return copy.deepcopy(message["poll"])
