"""The emulator's editMessageCaption and editMessageText on file messages, like Telegram.

Both edits share one code path in the emulator (``methods_messages._edit_text_or_caption``);
these checks pin down what differs between them: which field is edited, and which message
has something to edit.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InputFile, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.request import HTTPXRequest

from bot.dev.emulator import Emulator, EmulatorClient

TOKEN = "123456789:TEST-emulator_token"


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    emu = Emulator(seed=7)
    await emu.start()
    try:
        yield emu
    finally:
        await emu.stop()


@pytest.fixture
async def client(emulator: Emulator) -> AsyncIterator[EmulatorClient]:
    async with emulator.client() as control:
        await control.set_limits({"enabled": False})  # several edits of one chat in a row
        yield control


@pytest.fixture
async def bot(emulator: Emulator) -> AsyncIterator[Bot]:
    tg = Bot(
        TOKEN,
        base_url=emulator.bot_api_base,
        base_file_url=emulator.file_api_base,
        request=HTTPXRequest(connection_pool_size=8, pool_timeout=5.0),
    )
    await tg.initialize()
    try:
        yield tg
    finally:
        await tg.shutdown()


async def test_caption_edit_of_a_document(bot: Bot, client: EmulatorClient) -> None:
    user = await client.user("Caption")
    sent = await bot.send_document(
        user.chat_id, InputFile(b"data", filename="rekap.xlsx"), caption="Rekap"
    )
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_caption(user.chat_id, sent.message_id, caption="Rekap")
    edited = await bot.edit_message_caption(
        user.chat_id, sent.message_id, caption="Rekap <b>baru</b>", parse_mode=ParseMode.HTML
    )
    assert isinstance(edited, Message) and edited.edit_date is not None
    assert edited.caption == "Rekap baru" and edited.text is None
    assert [e.type for e in edited.caption_entities] == ["bold"]
    event = await user.next_event(types=("edit",))
    assert event["message"]["caption"] == "Rekap baru" and "text" not in event["message"]
    # An empty caption removes it, as on Telegram.
    bare = await bot.edit_message_caption(user.chat_id, sent.message_id, caption="")
    assert isinstance(bare, Message) and bare.caption is None and bare.document is not None
    with pytest.raises(BadRequest, match=r"(?i)there is no text in the message to edit"):
        await bot.edit_message_text("teks", user.chat_id, sent.message_id)


async def test_caption_edit_of_a_text_message_is_refused(bot: Bot, client: EmulatorClient) -> None:
    user = await client.user("Text")
    sent = await bot.send_message(user.chat_id, "satu")
    with pytest.raises(BadRequest, match=r"(?i)there is no caption in the message to edit"):
        await bot.edit_message_caption(user.chat_id, sent.message_id, caption="dua")
    edited = await bot.edit_message_text("dua", user.chat_id, sent.message_id)
    assert isinstance(edited, Message) and edited.text == "dua" and edited.caption is None
