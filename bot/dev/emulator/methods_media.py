"""Bot API methods on files: sendDocument, sendPhoto, sendVoice, getFile and file downloads."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from typing import Any

from aiohttp import web

from bot.dev.emulator.api import (
    JSON,
    TOKEN_RE,
    Call,
    StoredFile,
    Upload,
    bad_request,
)
from bot.dev.emulator.methods_messages import MessageMethods


class MediaMethods(MessageMethods):
    """Uploads by the bot, files by id, and the ``/file/bot<token>/<path>`` download route."""

    def _input_file(self, call: Call, name: str) -> tuple[StoredFile | None, Upload | None]:
        """Resolve a file parameter to a stored file (by id) or a fresh upload."""
        upload = call.files.get(name)
        value = call.params.get(name)
        if upload is None and isinstance(value, str) and value.startswith("attach://"):
            upload = call.files.get(value[len("attach://") :])
        if upload is not None:
            return None, upload
        if not isinstance(value, str) or not value:
            raise bad_request(f"there is no {name} in the request")
        stored = self._files.get(value)
        if stored is not None:
            return stored, None
        if value.startswith(("http://", "https://")):
            name_part = value.rstrip("/").rsplit("/", 1)[-1] or "file"
            mime = mimetypes.guess_type(name_part)[0] or "application/octet-stream"
            return None, Upload(filename=name_part, content_type=mime, data=b"")
        raise bad_request("wrong file identifier/HTTP URL specified")

    def _caption_content(self, call: Call) -> JSON:
        caption, entities = self._text(
            call.params.get("caption"),
            call.params.get("parse_mode"),
            call.params.get("caption_entities"),
            caption=True,
        )
        content: JSON = {}
        if caption:
            content["caption"] = caption
        if entities:
            content["caption_entities"] = entities
        return content

    def _send_file(
        self,
        call: Call,
        field: str,
        store: Callable[[Upload], StoredFile],
        describe: Callable[[StoredFile], Any],
    ) -> JSON:
        """Send the file in ``field``: every check, then the flood slot, and only then store it.

        ``store`` keeps a fresh upload; ``describe`` gives the message's ``field`` object.
        """
        chat = self._resolve_chat(call)
        self._check_blocked(chat)
        stored, upload = self._input_file(call, field)
        content = self._caption_content(call)
        markup = self._reply_markup(call.params.get("reply_markup"))
        reply = self._reply_to(call, chat)
        self._acquire_flood(chat)
        if upload is not None:
            stored = store(upload)
        assert stored is not None
        content[field] = describe(stored)
        return self._send(call, chat, content, markup, reply, flood=False)

    async def _m_send_document(self, call: Call) -> JSON:
        def store(upload: Upload) -> StoredFile:
            mime = (
                upload.content_type
                if upload.content_type and upload.content_type != "application/octet-stream"
                else mimetypes.guess_type(upload.filename)[0] or "application/octet-stream"
            )
            return self._new_file(upload.data, upload.filename, mime, "documents")

        def describe(stored: StoredFile) -> JSON:
            return {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_name": stored.file_name,
                "mime_type": stored.mime_type,
                "file_size": len(stored.data),
            }

        return self._send_file(call, "document", store, describe)

    def _photo_sizes(self, stored: StoredFile) -> list[JSON]:
        return [
            {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "width": width,
                "height": width * 3 // 4,
                "file_size": len(stored.data) * width // 1280 or 1,
            }
            for width in (90, 320, 1280)
        ]

    async def _m_send_photo(self, call: Call) -> JSON:
        def store(upload: Upload) -> StoredFile:
            return self._new_file(upload.data, upload.filename, "image/jpeg", "photos", "AgAC")

        return self._send_file(call, "photo", store, self._photo_sizes)

    async def _m_send_voice(self, call: Call) -> JSON:
        def store(upload: Upload) -> StoredFile:
            return self._new_file(upload.data, upload.filename, "audio/ogg", "voice", "AwAC")

        def describe(stored: StoredFile) -> JSON:
            return {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "duration": int(call.params.get("duration") or 1),
                "mime_type": stored.mime_type or "audio/ogg",
                "file_size": len(stored.data),
            }

        return self._send_file(call, "voice", store, describe)

    async def _m_get_file(self, call: Call) -> JSON:
        file_id = self._str(call, "file_id") or ""
        stored = self._files.get(file_id)
        if stored is None:
            raise bad_request("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": stored.file_path,
        }

    async def _handle_file_download(self, request: web.Request) -> web.Response:
        if TOKEN_RE.fullmatch(request.match_info["token"]) is None:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        file_id = self._file_paths.get(request.match_info["path"])
        if file_id is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        stored = self._files[file_id]
        return web.Response(body=stored.data, content_type=stored.mime_type)
