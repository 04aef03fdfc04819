"""What every part of the emulator shares: the Bot API error, a parsed call, files.

Imports nothing else of the emulator.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

JSON = dict[str, Any]

#: A bot token in a Bot API or file download path.
TOKEN_RE = re.compile(r"(\d+):([A-Za-z0-9_\-]+)")


class ApiError(Exception):
    """A Bot API error answer; raised inside method handlers and turned into JSON."""

    def __init__(self, code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


class ControlError(Exception):
    """A control API error: ``{"error": message}`` with an HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def bad_request(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


@dataclass
class Upload:
    """A file part of a multipart request."""

    filename: str
    content_type: str | None
    data: bytes


@dataclass
class StoredFile:
    """A file known to the emulator: uploaded by the bot or sent by a simulated user."""

    file_id: str
    file_unique_id: str
    data: bytes
    file_name: str
    mime_type: str
    file_path: str


@dataclass
class Call:
    """One Bot API request, parsed."""

    method: str
    params: JSON
    files: dict[str, Upload]
    request: web.Request
    bot_user: JSON


MethodHandler = Callable[[Call], Awaitable[Any]]
