"""The webhook refuses a request without the right secret before reading its body, caps bodies at
a size no update reaches, and hands a valid update to the bot (issue 11, finding 6)."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiohttp

from bot.app import build_application
from bot.core import webhook
from bot.core.config import DEFAULT_WORKSHOP, Settings
from bot.core.workshop import load_workshop
from bot.dev.emulator import Emulator
from bot.dev.sandbox import ADMIN_ID, TEST_TOKEN, BotHarness

SECRET = "rahasia-kominfo-123"
PATH = "/telegram/hook"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Door:
    """The front door alone, with a receiver that records what it is handed."""

    def __init__(self) -> None:
        self.port = free_port()
        self.received: list[dict[str, Any]] = []
        self.seen: list[int] = []
        settings = replace(
            Settings(token=TEST_TOKEN, admin_ids=frozenset({ADMIN_ID})),
            webhook_url=f"https://bot.example.go.id{PATH}",
            webhook_secret=SECRET,
            webhook_port=self.port,
        )
        self.server = webhook.start_server(settings, self.receive)

    async def receive(self, data: dict[str, Any]) -> None:
        self.received.append(data)

    async def close(self) -> None:
        self.server.stop()
        await self.server.close_all_connections()


async def raw_post(
    port: int, headers: dict[str, str], body_size: int, *, chunk: int = 64 * 1024
) -> tuple[int | None, int, float]:
    """POST a body of `body_size` bytes slowly; (status, bytes sent before the answer, seconds).

    The answer is read while sending: a server that refuses at the headers answers long before
    the body is through, and closes the connection."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = [f"POST {PATH} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {body_size}"]
    head += [f"{k}: {v}" for k, v in headers.items()]
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode())
    await writer.drain()
    started = time.monotonic()
    answer = asyncio.ensure_future(reader.readline())
    sent = 0
    try:
        while sent < body_size and not answer.done():
            part = b"x" * min(chunk, body_size - sent)
            writer.write(part)
            await writer.drain()
            sent += len(part)
            await asyncio.sleep(0.01)
        line = await asyncio.wait_for(answer, 5)
    except (ConnectionError, OSError):
        line = await asyncio.wait_for(answer, 5)
    finally:
        writer.close()
    status = int(line.split()[1]) if line else None
    return status, sent, time.monotonic() - started


async def test_no_secret_is_refused_before_the_body_is_read() -> None:
    door = Door()
    try:
        big = 90 * 2**20
        for headers in ({}, {webhook.SECRET_HEADER: "salah"}, {webhook.SECRET_HEADER: "x" * 300}):
            status, sent, seconds = await raw_post(door.port, headers, big)
            assert status == 403
            # At 64 kB per 10 ms the 90 MB body would take 15 s; the answer came at the headers.
            assert sent < 2 * 2**20 and seconds < 2.0, (sent, seconds)
        assert door.received == []
    finally:
        await door.close()


async def test_a_body_larger_than_any_update_is_refused() -> None:
    door = Door()
    try:
        status, sent, _ = await raw_post(
            door.port, {webhook.SECRET_HEADER: SECRET}, webhook.MAX_BODY_BYTES + 1
        )
        assert status == 413 and sent < webhook.MAX_BODY_BYTES
        # Chunked (no Content-Length) past the cap: cut off, never handed over.
        async with aiohttp.ClientSession() as http:

            async def chunks() -> Any:
                for _ in range(40):
                    yield b"x" * 64 * 1024

            try:
                async with http.post(
                    f"http://127.0.0.1:{door.port}{PATH}",
                    data=chunks(),
                    headers={webhook.SECRET_HEADER: SECRET},
                ) as answer:
                    assert answer.status >= 400
            except aiohttp.ClientError:
                pass  # the server closed the connection mid-body
        assert door.received == []
    finally:
        await door.close()


async def test_only_a_json_update_is_handed_over() -> None:
    door = Door()
    url = f"http://127.0.0.1:{door.port}{PATH}"
    ok = {webhook.SECRET_HEADER: SECRET}
    try:
        async with aiohttp.ClientSession() as http:
            for body in (b"not json", b"[1, 2]", b'{"no_update_id": 1}'):
                async with http.post(url, data=body, headers=ok) as answer:
                    assert answer.status == 400
            async with http.get(url, headers=ok) as answer:
                assert answer.status == 405
            async with http.post(url, data=json.dumps({"update_id": 7}), headers=ok) as answer:
                assert answer.status == 200
        assert door.received == [{"update_id": 7}]
    finally:
        await door.close()


def _help_update(update_id: int, user_id: int) -> dict[str, Any]:
    sender = {"id": user_id, "is_bot": False, "first_name": "Yosef", "language_code": "id"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": "Yosef"},
            "from": sender,
            "text": "/bantuan",
            "entities": [{"type": "bot_command", "offset": 0, "length": 8}],
        },
    }


async def test_the_bot_answers_an_update_through_the_front_door(
    emulator: Emulator, tmp_path: Path
) -> None:
    """`run --webhook` end to end: setWebhook with the secret, then updates through the door."""
    settings = replace(
        BotHarness.settings_for(emulator, tmp_path / "bot.db", fast=True),
        webhook_url=f"https://bot.example.go.id{PATH}",
        webhook_secret=SECRET,
        webhook_port=free_port(),
    )
    app = build_application(settings, workshop=load_workshop(DEFAULT_WORKSHOP))
    client = emulator.client()
    stop = asyncio.Event()
    running = asyncio.create_task(webhook.run_webhook(app, settings, stop=stop))
    try:
        user = await client.user("Yosef")
        url = f"http://127.0.0.1:{settings.webhook_port}{PATH}"
        for _ in range(100):
            if app.running:
                break
            await asyncio.sleep(0.05)
        assert app.running, "the bot did not start in webhook mode within 5 s"
        info = await app.bot.get_webhook_info()
        assert info.url == settings.webhook_url
        async with aiohttp.ClientSession() as http:
            async with http.post(url, json=_help_update(1, user.id)) as refused:
                assert refused.status == 403
            await user.no_reply(0.3)
            headers = {webhook.SECRET_HEADER: SECRET}
            async with http.post(url, json=_help_update(2, user.id), headers=headers) as ok:
                assert ok.status == 200
        assert "/ide" in ((await user.reply()).text or "")
    finally:
        stop.set()
        await running
        await client.close()
    assert not app.running
