"""Bot API methods on text messages: sendMessage, editMessage*, deleteMessage.

Also the checks every sent message shares (text and entities, reply markup, reply_to) and
``_send`` / ``_apply_edit``, which store a bot message and log it as an event.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

from bot.dev.emulator.api import (
    JSON,
    Call,
    bad_request,
)
from bot.dev.emulator.markup import EntityParseError, parse_text, utf16_len
from bot.dev.emulator.state import EmulatorState

_INLINE_BUTTON_KINDS = frozenset(
    {
        "url",
        "callback_data",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    }
)

_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)


class MessageMethods(EmulatorState):
    """sendMessage, the edits and deleteMessage."""

    def _text(
        self, text: Any, parse_mode: Any, entities: Any, *, caption: bool
    ) -> tuple[str, list[JSON]]:
        """Parse text per parse_mode and enforce Telegram's limits on the result."""
        raw = "" if text is None else str(text)
        try:
            plain, parsed = parse_text(raw, parse_mode if isinstance(parse_mode, str) else None)
        except EntityParseError as err:
            raise bad_request(f"can't parse entities: {err}") from err
        except ValueError as err:
            raise bad_request(f"unsupported parse_mode {parse_mode}") from err
        if not parse_mode and entities:
            if not isinstance(entities, list) or not all(isinstance(e, dict) for e in entities):
                raise bad_request("can't parse entities JSON object")
            parsed = entities
        if caption:
            if utf16_len(plain) > 1024:
                raise bad_request("message caption is too long")
        else:
            if not plain.strip():
                raise bad_request("message text is empty")
            if utf16_len(plain) > 4096:
                raise bad_request("message is too long")
        return plain, parsed

    def _reply_markup(self, value: Any, *, inline_only: bool = False) -> JSON | None:
        """Validate reply_markup like Telegram; returns the markup dict or None."""
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError as err:
                raise bad_request("can't parse reply keyboard markup JSON object") from err
        if not isinstance(value, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in value:
            rows = value["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise bad_request(
                    'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of '
                    "Arrays"
                )
            count = 0
            for row in rows:
                for button in row:
                    count += 1
                    self._check_inline_button(button)
            if count > 100:
                raise bad_request("reply markup is too long")
            return value
        if inline_only:
            raise bad_request("inline keyboard expected")
        if "keyboard" in value:
            rows = value["keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise bad_request(
                    'field "keyboard" of ReplyKeyboardMarkup should be an Array of Arrays'
                )
            for row in rows:
                for button in row:
                    text = button.get("text") if isinstance(button, dict) else button
                    if not isinstance(text, str) or not text:
                        raise bad_request("can't parse keyboard button: Text must be non-empty")
            return value
        if value.get("remove_keyboard") is True or value.get("force_reply") is True:
            return value
        raise bad_request("can't parse reply keyboard markup JSON object")

    @staticmethod
    def _check_inline_button(button: Any) -> None:
        if not isinstance(button, dict):
            raise bad_request(
                "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
            )
        text = button.get("text")
        if not isinstance(text, str) or not text:
            raise bad_request(
                'can\'t parse inline keyboard button: Field "text" must be of type String'
            )
        kinds = _INLINE_BUTTON_KINDS.intersection(button)
        if not kinds:
            raise bad_request(
                "can't parse inline keyboard button: Text buttons are unallowed in the inline "
                "keyboard"
            )
        if "callback_data" in button:
            data = button["callback_data"]
            if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
                raise bad_request("BUTTON_DATA_INVALID")
        if "url" in button:
            url = button["url"]
            if not isinstance(url, str) or not re.match(r"(https?|tg)://\S+", url):
                raise bad_request("BUTTON_URL_INVALID")

    def _reply_to(self, call: Call, chat: JSON) -> JSON | None:
        """Resolve reply_parameters / reply_to_message_id to the replied message."""
        target: Any = None
        allow_missing = self._bool(call, "allow_sending_without_reply")
        params = call.params.get("reply_parameters")
        if isinstance(params, dict):
            target = params.get("message_id")
            allow_missing = bool(params.get("allow_sending_without_reply", allow_missing))
        elif call.params.get("reply_to_message_id") not in (None, ""):
            target = self._int(call, "reply_to_message_id")
        if target is None:
            return None
        message = self._messages.get(chat["id"], {}).get(int(target))
        if message is None:
            if allow_missing:
                return None
            raise bad_request("message to be replied not found")
        replied = dict(message)
        replied.pop("reply_to_message", None)
        return replied

    def _send(
        self,
        call: Call,
        chat: JSON,
        content: JSON,
        markup: JSON | None,
        reply: JSON | None,
        *,
        flood: bool = True,
    ) -> JSON:
        """Store a bot message after every check passed, and log it.

        ``flood=False`` is for callers that took their flood slot before storing a file, so a
        rejected upload leaves nothing behind.
        """
        if flood:
            self._acquire_flood(chat)
        if reply is not None:
            content["reply_to_message"] = reply
        if markup is not None and "inline_keyboard" in markup:
            content["reply_markup"] = markup
        message = self._store_message(chat, call.bot_user, content)
        if markup is not None:
            self._markups[(chat["id"], message["message_id"])] = markup
        self._sent_messages += 1
        self._event(
            chat["id"],
            "message",
            call.method,
            message=message,
            message_id=message["message_id"],
            reply_markup=markup,
        )
        return message

    def _own_message(self, call: Call, chat: JSON, *, action: str) -> JSON:
        if call.params.get("inline_message_id"):
            raise bad_request(f"message to {action} not found")
        message_id = self._int(call, "message_id")
        message = self._messages.get(chat["id"], {}).get(message_id)
        if message is None:
            raise bad_request(f"message to {action} not found")
        if not self._is_bot_message(message):
            raise bad_request("message can't be edited")
        return message

    def _apply_edit(self, call: Call, chat: JSON, message: JSON, changes: JSON) -> JSON:
        self._acquire_flood(chat)
        edited = {k: v for k, v in message.items() if k not in changes or changes[k] is not None}
        for key, value in changes.items():
            if value is not None:
                edited[key] = value
            else:
                edited.pop(key, None)
        edited["edit_date"] = int(time.time())
        self._messages[chat["id"]][message["message_id"]] = edited
        markup = edited.get("reply_markup")
        if markup is None:
            self._markups.pop((chat["id"], message["message_id"]), None)
        else:
            self._markups[(chat["id"], message["message_id"])] = markup
        self._event(
            chat["id"],
            "edit",
            call.method,
            message=edited,
            message_id=edited["message_id"],
            reply_markup=markup,
        )
        return edited

    async def _m_send_message(self, call: Call) -> JSON:
        chat = self._resolve_chat(call)
        self._check_blocked(chat)
        text, entities = self._text(
            call.params.get("text"),
            call.params.get("parse_mode"),
            call.params.get("entities"),
            caption=False,
        )
        markup = self._reply_markup(call.params.get("reply_markup"))
        reply = self._reply_to(call, chat)
        content: JSON = {"text": text}
        if entities:
            content["entities"] = entities
        return self._send(call, chat, content, markup, reply)

    async def _m_edit_message_text(self, call: Call) -> JSON:
        return self._edit_text_or_caption(call, caption=False)

    async def _m_edit_message_caption(self, call: Call) -> JSON:
        return self._edit_text_or_caption(call, caption=True)

    def _edit_text_or_caption(self, call: Call, *, caption: bool) -> JSON:
        """editMessageText (``caption=False``) or editMessageCaption: the same checks, in order."""
        field, entities_field = ("caption", "caption_entities") if caption else ("text", "entities")
        chat = self._resolve_chat(call)
        self._check_blocked(chat)
        message = self._own_message(call, chat, action="edit")
        value, entities = self._text(
            call.params.get(field),
            call.params.get("parse_mode"),
            call.params.get(entities_field),
            caption=caption,
        )
        markup = self._reply_markup(call.params.get("reply_markup"), inline_only=True)
        if caption:
            if not any(k in message for k in ("document", "photo", "voice", "video", "audio")):
                raise bad_request("there is no caption in the message to edit")
        elif "text" not in message:
            raise bad_request("there is no text in the message to edit")
        if (
            message.get(field, "") == value
            and message.get(entities_field, []) == entities
            and message.get("reply_markup") == markup
        ):
            raise bad_request(_NOT_MODIFIED)
        # Like Telegram, an edit without reply_markup removes the inline keyboard. A new text is
        # never empty (``_text`` refuses it), so ``or None`` only ever drops an empty caption.
        return self._apply_edit(
            call,
            chat,
            message,
            {field: value or None, entities_field: entities or None, "reply_markup": markup},
        )

    async def _m_edit_message_reply_markup(self, call: Call) -> JSON:
        chat = self._resolve_chat(call)
        self._check_blocked(chat)
        message = self._own_message(call, chat, action="edit")
        markup = self._reply_markup(call.params.get("reply_markup"), inline_only=True)
        if message.get("reply_markup") == markup:
            raise bad_request(_NOT_MODIFIED)
        return self._apply_edit(call, chat, message, {"reply_markup": markup})

    async def _m_delete_message(self, call: Call) -> bool:
        chat = self._resolve_chat(call)
        message_id = self._int(call, "message_id")
        messages = self._messages.get(chat["id"], {})
        if message_id not in messages:
            raise bad_request("message to delete not found")
        del messages[message_id]
        self._markups.pop((chat["id"], message_id), None)
        self._event(chat["id"], "delete", call.method, message_id=message_id)
        return True
