"""The check-in QR code of a session: a signed deep link, drawn as a PNG.

The payload `in_<session>_<token>` fits Telegram's 64 characters of `A-Z a-z 0-9 _ -`; the token
is an HMAC of the session id under a key derived from the bot token, so nobody can print a QR code
(or type a /start payload) that checks people in to a session the secretariat did not print.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import re

import segno

PAYLOAD_PREFIX = "in_"
_TOKEN_CHARS = 16  # 96 bits of HMAC-SHA256, base64url
_PAYLOAD = re.compile(rf"^in_(\d{{1,9}})_([A-Za-z0-9_-]{{{_TOKEN_CHARS}}})$", re.ASCII)


def _key(bot_token: str) -> bytes:
    # A key of its own, so the bot token itself never signs anything users see.
    return hashlib.sha256(b"bimtek-checkin-qr\x00" + bot_token.encode()).digest()


def _token(session_id: int, bot_token: str) -> str:
    mac = hmac.new(_key(bot_token), f"session:{session_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode("ascii")[:_TOKEN_CHARS]


def checkin_payload(session_id: int, bot_token: str) -> str:
    """The /start payload that checks its holder in to `session_id` (as in the room)."""
    return f"{PAYLOAD_PREFIX}{session_id}_{_token(session_id, bot_token)}"


def parse_checkin_payload(payload: str, bot_token: str) -> int | None:
    """The session id of a genuine payload; None for anything forged or malformed."""
    match = _PAYLOAD.match(payload)
    if match is None:
        return None
    session_id = int(match.group(1))
    if not hmac.compare_digest(match.group(2), _token(session_id, bot_token)):
        return None
    return session_id


def deep_link(bot_username: str, payload: str) -> str:
    return f"https://t.me/{bot_username.lstrip('@')}?start={payload}"


def qr_png(url: str, *, scale: int = 10) -> bytes:
    """A PNG big enough to be scanned from the back of a room when printed or projected."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
