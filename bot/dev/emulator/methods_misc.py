"""The remaining Bot API methods: getMe, logOut/close, answerCallbackQuery, the command menus
(set/get/deleteMyCommands, set/getChatMenuButton), sendChatAction and getChat.
"""

from __future__ import annotations

import copy
import json
import re
import time

from bot.dev.emulator.api import (
    JSON,
    Call,
    bad_request,
)
from bot.dev.emulator.state import EmulatorState

_BOT_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)

_QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"


class MiscMethods(EmulatorState):
    """Bot API methods that neither send messages nor hand out updates."""

    async def _m_true(self, call: Call) -> bool:
        return True

    async def _m_get_me(self, call: Call) -> JSON:
        return {
            **call.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _m_answer_callback_query(self, call: Call) -> bool:
        query_id = self._str(call, "callback_query_id")
        query = self._callbacks.get(query_id or "")
        if (
            query is None
            or query["answered"]
            or time.monotonic() - query["created"] > self.callback_query_ttl
        ):
            raise bad_request(_QUERY_TOO_OLD)
        text = self._str(call, "text")
        if text is not None and len(text) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        query["answered"] = True
        self._event(
            query["chat_id"],
            "callback_answer",
            call.method,
            callback_query_id=query_id,
            message_id=query["message_id"],
            text=text,
            show_alert=self._bool(call, "show_alert"),
            url=self._str(call, "url"),
        )
        return True

    def _commands_key(self, call: Call) -> tuple[str, str]:
        scope = call.params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or "type" not in scope:
            raise bad_request("can't parse BotCommandScope JSON object")
        if (
            scope["type"] in ("chat", "chat_administrators", "chat_member")
            and scope.get("chat_id") not in self._chats
        ):
            raise bad_request("chat not found")
        language = self._str(call, "language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise bad_request("invalid language code specified")
        return json.dumps(scope, sort_keys=True), language

    async def _m_set_my_commands(self, call: Call) -> bool:
        commands = call.params.get("commands")
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad_request("too many commands specified")
        for command in commands:
            if not isinstance(command, dict):
                raise bad_request("can't parse BotCommand JSON object")
            name = command.get("command")
            description = command.get("description")
            if not isinstance(name, str) or not _BOT_COMMAND_RE.fullmatch(name):
                raise bad_request("BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not 1 <= len(description) <= 256:
                raise bad_request("command description must be non-empty")
        scope, language = self._commands_key(call)
        key = (scope, language)
        if commands:
            self._commands[key] = {
                "scope": json.loads(scope),
                "language_code": language,
                "commands": [
                    {"command": c["command"], "description": c["description"]} for c in commands
                ],
            }
        else:
            self._commands.pop(key, None)
        return True

    async def _m_get_my_commands(self, call: Call) -> list[JSON]:
        entry = self._commands.get(self._commands_key(call))
        return copy.deepcopy(entry["commands"]) if entry else []

    async def _m_delete_my_commands(self, call: Call) -> bool:
        self._commands.pop(self._commands_key(call), None)
        return True

    async def _m_set_chat_menu_button(self, call: Call) -> bool:
        key = "default"
        if call.params.get("chat_id") not in (None, ""):
            key = str(self._resolve_chat(call)["id"])
        button = call.params.get("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or "type" not in button:
            raise bad_request("can't parse menu button JSON object")
        self._menu_buttons[key] = button
        return True

    async def _m_get_chat_menu_button(self, call: Call) -> JSON:
        key = "default"
        if call.params.get("chat_id") not in (None, ""):
            key = str(self._resolve_chat(call)["id"])
        return (
            self._menu_buttons.get(key) or self._menu_buttons.get("default") or {"type": "commands"}
        )

    async def _m_send_chat_action(self, call: Call) -> bool:
        chat = self._resolve_chat(call)
        self._check_blocked(chat)
        action = self._str(call, "action")
        if action not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        self._event(chat["id"], "chat_action", call.method, action=action)
        return True

    async def _m_get_chat(self, call: Call) -> JSON:
        chat = dict(self._resolve_chat(call))
        chat.update(
            {
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": True,
                    "limited_gifts": True,
                    "unique_gifts": True,
                    "premium_subscription": True,
                    "gifts_from_channels": True,
                },
            }
        )
        return chat
