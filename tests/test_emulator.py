"""Tests of the Telegram Bot API emulator itself: shapes, errors, limits and faults.

Everything goes through real HTTP: a real ``telegram.Bot`` pointed at the emulator for the Bot
API side, ``EmulatorClient``/``SimUser`` for the control side, and raw aiohttp where the exact
JSON of an error answer matters. If the emulator is wrong, every end-to-end test of the bot is
wrong with it, so its Telegram fidelity is pinned down here.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Conflict, Forbidden, NetworkError, RetryAfter
from telegram.ext import Application, CommandHandler, ContextTypes
from telegram.helpers import escape_markdown
from telegram.request import HTTPXRequest

from bot.dev.emulator import Emulator, EmulatorClient, EmulatorControlError, FloodLimits
from bot.dev.emulator.limits import FloodControl
from bot.dev.emulator.markup import EntityParseError, parse_text

TOKEN = "123456789:TEST-emulator_token"


@pytest.fixture(autouse=True)
def _timedelta_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without PTB_TIMEDELTA, building RetryAfter emits a PTBDeprecationWarning, which the
    project's ``filterwarnings = error`` turns into an exception that replaces the RetryAfter."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


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
        yield control


def _make_bot(emulator: Emulator) -> Bot:
    return Bot(
        TOKEN,
        base_url=emulator.bot_api_base,
        base_file_url=emulator.file_api_base,
        request=HTTPXRequest(connection_pool_size=64, pool_timeout=5.0),
    )


@pytest.fixture
async def bot(emulator: Emulator) -> AsyncIterator[Bot]:
    tg = _make_bot(emulator)
    await tg.initialize()
    try:
        yield tg
    finally:
        await tg.shutdown()


async def _raw(emulator: Emulator, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
    """Call the Bot API with a JSON body and return the HTTP status and decoded answer."""
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{emulator.bot_api_base}{TOKEN}/{method}", json=params) as response,
    ):
        return response.status, await response.json()


# --------------------------------------------------------------------------- getMe, getUpdates


async def test_get_me_bad_token_and_unknown_method(emulator: Emulator, bot: Bot) -> None:
    assert bot.id == 123456789
    assert bot.username == "bimtek_demo_bot"
    me = await bot.get_me()
    assert me.is_bot and me.first_name == "Bimtek Bot" and me.can_join_groups
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{emulator.bot_api_base}not-a-token/getMe") as response,
    ):
        assert response.status == 401
        assert await response.json() == {
            "ok": False,
            "error_code": 401,
            "description": "Unauthorized",
        }
    status, body = await _raw(emulator, "sendSticker", chat_id=1)
    assert (status, body["description"]) == (404, "Not Found")


async def test_get_updates_long_poll_times_out_empty(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 <= time.monotonic() - started < 2.5


async def test_get_updates_wakes_on_new_update_and_offset_confirms(
    bot: Bot, client: EmulatorClient
) -> None:
    user = await client.user("Rina", username="rina_ntt")
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    started = time.monotonic()
    await user.send("/start@bimtek_demo_bot halo #SmartCity")
    updates = await poll
    assert time.monotonic() - started < 1.0
    assert len(updates) == 1
    message = updates[0].message
    assert message is not None and message.from_user is not None
    assert message.from_user.id == user.id and message.chat.type == "private"
    assert message.text == "/start@bimtek_demo_bot halo #SmartCity"
    assert message.entities[0].type == "bot_command" and message.entities[0].length == 22
    assert message.entities[1].type == "hashtag"
    assert message.parse_entities()[message.entities[1]] == "#SmartCity"
    await user.send("dua")
    assert (await client.stats())["pending_updates"] == 1
    updates2 = await bot.get_updates(offset=updates[0].update_id + 1, timeout=0)
    assert [u.message.text for u in updates2 if u.message] == ["dua"]
    assert await bot.get_updates(offset=updates2[-1].update_id + 1, timeout=0) == ()
    stats = await client.stats()
    assert stats["pending_updates"] == 0 and stats["unconfirmed_updates"] == 0


async def test_concurrent_get_updates_conflict(emulator: Emulator, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=1))
    await asyncio.sleep(0.1)
    second = _make_bot(emulator)
    async with second:
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await second.get_updates(timeout=0)
    assert await first == ()


async def test_ptb_application_polls_replies_and_restarts(
    emulator: Emulator, client: EmulatorClient
) -> None:
    """A real Application with run-polling machinery works, and a restart gets no 409."""

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None and update.effective_user is not None
        await update.effective_message.reply_text(f"Halo {update.effective_user.first_name}")

    user = await client.user("Rina")
    for _ in range(2):
        app = Application.builder().token(TOKEN).base_url(emulator.bot_api_base).build()
        app.add_handler(CommandHandler("start", start))
        async with app:
            await app.start()
            assert app.updater is not None
            await app.updater.start_polling(poll_interval=0, timeout=10)
            await user.send("/start")
            assert (await user.reply()).text == "Halo Rina"
            assert await client.wait_idle(quiet_ms=50, timeout=3)
            await app.updater.stop()
            await app.stop()
    stats = await client.stats()
    assert stats["responses_4xx"] == 0 and stats["pending_updates"] == 0


async def test_redeliver_gives_same_message_new_update_id(bot: Bot, client: EmulatorClient) -> None:
    user = await client.user("Budi")
    message_id, update_id = await user.send_update("ide: taman kota")
    first = await bot.get_updates(timeout=0)
    new_id = await client.redeliver(update_id)
    assert new_id > update_id
    again = await bot.get_updates(offset=first[-1].update_id + 1, timeout=0)
    assert len(again) == 1 and again[0].update_id == new_id
    assert again[0].message is not None and again[0].message.message_id == message_id


# --------------------------------------------------------------------------- sending and shapes


async def test_send_message_seen_by_user_with_keyboards(bot: Bot, client: EmulatorClient) -> None:
    await client.set_limits({"enabled": False})  # five messages to one chat in a row
    user = await client.user("Sari")
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Ya", callback_data="yes")],
            [InlineKeyboardButton("Tidak", callback_data="no")],
        ]
    )
    sent = await bot.send_message(
        user.chat_id, "<b>Halo</b> &amp; selamat", parse_mode=ParseMode.HTML, reply_markup=keyboard
    )
    assert isinstance(sent, Message) and sent.text == "Halo & selamat"
    assert sent.from_user is not None and sent.from_user.is_bot
    assert sent.entities[0].type == "bold" and sent.text_html == "<b>Halo</b> &amp; selamat"
    reply = await user.reply()
    assert reply.message_id == sent.message_id and reply.text == "Halo & selamat"
    assert reply.buttons == [["Ya"], ["Tidak"]] and reply.button("Tidak") == "no"
    contact = ReplyKeyboardMarkup([[KeyboardButton("Bagikan nomor", request_contact=True)]])
    await bot.send_message(user.chat_id, "Nomor?", reply_markup=contact)
    asked = await user.reply()
    assert asked.reply_keyboard == [["Bagikan nomor"]] and asked.buttons == []
    assert (await user.latest()).reply_keyboard == [["Bagikan nomor"]]
    await user.no_reply(within=0.2)
    await bot.send_message(user.chat_id, "lama")
    user.mark()
    await bot.send_message(user.chat_id, "baru")
    assert (await user.reply()).text == "baru"
    group_id = await client.group("Tahap I")
    in_group = user.in_chat(group_id)
    await in_group.send("/ide@bimtek_demo_bot")
    [update] = [u for u in await bot.get_updates(timeout=0) if u.message]
    assert update.message is not None and update.message.chat.type == "group"
    await bot.send_message(group_id, "Ide diterima", reply_to_message_id=update.message.message_id)
    answer = await in_group.reply()
    assert answer.raw["reply_to_message"]["text"] == "/ide@bimtek_demo_bot"


async def test_user_media_shapes_parse_with_ptb(bot: Bot, client: EmulatorClient) -> None:
    user = await client.user("Yohanes", last_name="Jehadu", username="yo_jehadu")
    await user.send_photo(caption="foto papan tulis")
    await user.send_voice(duration=4)
    await user.send_document("rencana.pdf", "application/pdf", b"%PDF-1.4 isi", caption="draf")
    await user.send_sticker()
    await user.share_contact("+6281234567890")
    await user.send_location(-8.61, 120.46)
    updates = await bot.get_updates(timeout=0)
    messages = [u.message for u in updates if u.message is not None]
    assert len(messages) == 6
    photo, voice, document, sticker, contact, location = messages
    assert photo.photo and photo.caption == "foto papan tulis" and photo.photo[-1].width > 0
    assert voice.voice is not None and voice.voice.mime_type == "audio/ogg"
    assert document.document is not None and document.document.file_name == "rencana.pdf"
    assert sticker.sticker is not None and sticker.sticker.emoji
    assert contact.contact is not None and contact.contact.user_id == user.id
    assert contact.contact.phone_number == "+6281234567890"
    assert location.location is not None
    assert all(m.date.year >= 2024 for m in messages)  # dates are unix seconds
    fetched = await bot.get_file(document.document.file_id)
    assert bytes(await fetched.download_as_bytearray()) == b"%PDF-1.4 isi"


async def test_callback_press_by_text_forged_data_and_answer(
    emulator: Emulator, bot: Bot, client: EmulatorClient
) -> None:
    user = await client.user("Maria")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Ya", callback_data="yes:1")]])
    sent = await bot.send_message(user.chat_id, "Setuju?", reply_markup=keyboard)
    query_id = await user.press("Ya")
    forged_id = await user.press_data(sent.message_id, "admin:delete:42")
    updates = await bot.get_updates(timeout=0)
    queries = [u.callback_query for u in updates if u.callback_query is not None]
    assert [q.data for q in queries] == ["yes:1", "admin:delete:42"]
    assert queries[0].id == query_id and queries[1].id == forged_id
    assert queries[0].chat_instance and queries[0].from_user.id == user.id
    assert isinstance(queries[0].message, Message)
    assert queries[0].message.message_id == sent.message_id
    assert await bot.answer_callback_query(query_id, text="Tercatat", show_alert=True)
    answer = await user.callback_answer(query_id)
    assert answer["text"] == "Tercatat" and answer["show_alert"] is True
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query_id)
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query("999")
    emulator.callback_query_ttl = 0.05
    late_id = await user.press("Ya")
    await asyncio.sleep(0.1)
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(late_id)
    with pytest.raises(EmulatorControlError) as missing:
        await user.press("Nope", message_id=sent.message_id)
    assert missing.value.status == 404


async def test_poll_and_poll_answer_shapes(bot: Bot, client: EmulatorClient) -> None:
    alice = await client.user("Alice")
    bob = await client.user("Bob")
    sent = await bot.send_poll(
        alice.chat_id, "Prioritas?", ["Kesehatan", "Pariwisata", "Sampah"], is_anonymous=False
    )
    assert sent.poll is not None and sent.poll.allows_revoting is not None
    poll_id = sent.poll.id
    await alice.answer_poll(poll_id, [2])
    await bob.answer_poll(poll_id, [2])
    await alice.answer_poll(poll_id, [])  # retract
    updates = await bot.get_updates(timeout=0)
    answers = [u.poll_answer for u in updates if u.poll_answer is not None]
    polls = [u.poll for u in updates if u.poll is not None]
    assert [(a.user.id if a.user else None, a.option_ids) for a in answers] == [
        (alice.id, (2,)),
        (bob.id, (2,)),
        (alice.id, ()),
    ]
    assert answers[0].option_persistent_ids == ("2",)
    assert [p.total_voter_count for p in polls] == [1, 2, 1]
    assert polls[-1].options[2].voter_count == 1
    stopped = await bot.stop_poll(alice.chat_id, sent.message_id)
    assert stopped.is_closed
    with pytest.raises(BadRequest, match=r"(?i)poll has already been closed"):
        await bot.stop_poll(alice.chat_id, sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)POLL_OPTION_INVALID"):
        await bot.send_poll(alice.chat_id, "Q", ["ok", "x" * 101])
    with pytest.raises(BadRequest, match=r"(?i)at most 12 options"):
        await bot.send_poll(alice.chat_id, "Q", [str(i) for i in range(13)])
    with pytest.raises(BadRequest, match=r"(?i)POLL_QUESTION_INVALID"):
        await bot.send_poll(alice.chat_id, "q" * 301, ["a", "b"])


async def test_document_upload_is_downloadable_byte_identical(
    bot: Bot, client: EmulatorClient
) -> None:
    user = await client.user("Sekretariat")
    payload = bytes(range(256)) * 40
    sent = await bot.send_document(
        user.chat_id,
        InputFile(payload, filename="rekap.xlsx"),
        caption="Rekap <b>ide</b>",
        parse_mode=ParseMode.HTML,
    )
    assert sent.document is not None and sent.document.file_name == "rekap.xlsx"
    assert sent.document.file_size == len(payload) and sent.caption == "Rekap ide"
    reply = await user.reply()
    assert reply.document is not None and reply.text == "Rekap ide"
    assert await client.download(reply.document["file_id"]) == payload
    again = await bot.send_document(user.chat_id, sent.document.file_id)
    assert again.document is not None and again.document.file_id == sent.document.file_id
    photo = await bot.send_photo(user.chat_id, InputFile(b"\xff\xd8jpeg", filename="a.jpg"))
    assert photo.photo and await client.download(photo.photo[-1].file_id) == b"\xff\xd8jpeg"


async def test_edit_delete_and_commands(bot: Bot, client: EmulatorClient) -> None:
    await client.set_limits({"enabled": False})  # many edits of one chat in a row
    user = await client.user("Edit")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a")]])
    sent = await bot.send_message(user.chat_id, "satu", reply_markup=keyboard)
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("satu", user.chat_id, sent.message_id, reply_markup=keyboard)
    edited = await bot.edit_message_text(
        "dua", user.chat_id, sent.message_id, reply_markup=keyboard
    )
    assert isinstance(edited, Message) and edited.edit_date is not None
    event = await user.next_event(types=("edit",))
    assert event["message"]["text"] == "dua"
    bare = await bot.edit_message_text("tiga", user.chat_id, sent.message_id)
    assert isinstance(bare, Message) and bare.reply_markup is None  # Telegram drops the keyboard
    assert await bot.edit_message_reply_markup(user.chat_id, sent.message_id, reply_markup=keyboard)
    assert (await user.latest()).buttons == [["A"]]
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", user.chat_id, 9999)
    assert await bot.delete_message(user.chat_id, sent.message_id)
    assert await user.messages() == []
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(user.chat_id, sent.message_id)
    commands = [BotCommand("start", "Mulai"), BotCommand("ide", "Kirim ide")]
    assert await bot.set_my_commands(commands, language_code="id")
    assert await bot.get_my_commands(language_code="id") == tuple(commands)
    assert await bot.get_my_commands() == ()
    stored = await client.commands()
    assert stored == [
        {
            "scope": {"type": "default"},
            "language_code": "id",
            "commands": [
                {"command": "start", "description": "Mulai"},
                {"command": "ide", "description": "Kirim ide"},
            ],
        }
    ]
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Start", "x")])
    assert await bot.send_chat_action(user.chat_id, "typing")
    assert await bot.delete_webhook()
    chat = await bot.get_chat(user.chat_id)
    assert chat.first_name == "Edit"


# --------------------------------------------------------------------------- 400 and 403 errors


async def test_bad_requests(emulator: Emulator, bot: Bot, client: EmulatorClient) -> None:
    user = await client.user("Error")
    chat = user.chat_id
    status, body = await _raw(emulator, "sendMessage", chat_id=424242, text="halo")
    assert (status, body["description"]) == (400, "Bad Request: chat not found")
    status, body = await _raw(emulator, "sendMessage", chat_id=chat, text="")
    assert body["description"] == "Bad Request: message text is empty"
    status, body = await _raw(emulator, "sendMessage", chat_id=chat, text="a" * 4097)
    assert body["description"] == "Bad Request: message is too long"
    status, body = await _raw(emulator, "sendMessage", chat_id=chat, text="😀" * 2049)
    assert body["description"] == "Bad Request: message is too long"  # 4098 UTF-16 units
    html_4096 = "<b>" + "a" * 4000 + "</b><i>" + "b" * 96 + "</i>"
    assert len(html_4096) > 4096
    ok = await bot.send_message(chat, html_4096, parse_mode=ParseMode.HTML)
    assert ok.text is not None and len(ok.text) == 4096
    cases = {
        "<foo>x</foo>": 'Unsupported start tag "foo" at byte offset 0',
        "<b>tebal": 'Can\'t find end tag corresponding to start tag "b"',
        "1 < 2": 'Unsupported start tag "" at byte offset 2',
        "Tom & Jerry": 'Unescaped "&" at byte offset 4',
        "<b><i>x</b></i>": "Unmatched end tag at byte offset 7",
    }
    for text, detail in cases.items():
        status, body = await _raw(
            emulator, "sendMessage", chat_id=chat, text=text, parse_mode="HTML"
        )
        assert status == 400
        assert body["description"].startswith("Bad Request: can't parse entities: " + detail)
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(chat, "Ide bagus.", parse_mode=ParseMode.MARKDOWN_V2)
    status, body = await _raw(
        emulator, "sendMessage", chat_id=chat, text="Ide bagus.", parse_mode="MarkdownV2"
    )
    assert body["description"] == (
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with "
        "the preceding '\\'"
    )
    raw_idea = "Taman (kota) #1 - 50% lebih hijau! a_b *c* [d]"
    escaped = await bot.send_message(
        chat, "*Ide:* " + escape_markdown(raw_idea, version=2), parse_mode=ParseMode.MARKDOWN_V2
    )
    assert escaped.text == "Ide: " + raw_idea
    status, body = await _raw(
        emulator,
        "sendMessage",
        chat_id=chat,
        text="x",
        reply_markup={"inline_keyboard": [[{"text": "A", "callback_data": "d" * 65}]]},
    )
    assert body["description"] == "Bad Request: BUTTON_DATA_INVALID"
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(
            chat,
            "x",
            reply_markup=InlineKeyboardMarkup(
                [[InlineKeyboardButton("A", callback_data="é" * 33)]]
            ),
        )
    await bot.send_message(
        chat,
        "x",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="d" * 64)]]),
    )
    status, body = await _raw(
        emulator,
        "sendMessage",
        chat_id=chat,
        text="x",
        reply_markup={"inline_keyboard": [[{"text": "A"}]]},
    )
    assert body["description"].startswith("Bad Request: can't parse inline keyboard button")
    status, body = await _raw(
        emulator, "sendDocument", chat_id=chat, document="x", caption="c" * 1025
    )
    assert body["description"] == "Bad Request: wrong file identifier/HTTP URL specified"
    stats = await client.stats()
    assert stats["responses_4xx"] >= 12 and stats["sent_messages"] == 3


async def test_blocked_user_gets_403(bot: Bot, client: EmulatorClient) -> None:
    user = await client.user("Blocker")
    sent = await bot.send_message(user.chat_id, "halo")
    await user.block()
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(user.chat_id, "lagi")
    with pytest.raises(Forbidden):
        await bot.edit_message_text("ubah", user.chat_id, sent.message_id)
    updates = await bot.get_updates(timeout=0)
    member = updates[-1].my_chat_member
    assert member is not None and member.new_chat_member.status == "kicked"
    await user.unblock()
    assert await bot.send_message(user.chat_id, "kembali")


# --------------------------------------------------------------------------- flood limits


async def test_overall_flood_limit_gives_429(emulator: Emulator, client: EmulatorClient) -> None:
    users = [await client.user(f"P{i}") for i in range(40)]
    results = await asyncio.gather(
        *(_raw(emulator, "sendMessage", chat_id=u.chat_id, text="pengingat") for u in users)
    )
    ok = [body for status, body in results if status == 200]
    limited = [body for status, body in results if status == 429]
    assert len(ok) == 30 and len(limited) == 10
    for body in limited:
        retry = body["parameters"]["retry_after"]
        assert isinstance(retry, int) and retry >= 1
        assert body["description"] == f"Too Many Requests: retry after {retry}"
    stats = await client.stats()
    assert stats["responses_429"] == 10 and stats["sent_messages"] == 30


async def test_per_chat_burst_and_group_limit(bot: Bot, client: EmulatorClient) -> None:
    user = await client.user("Burst")
    for i in range(3):
        await bot.send_message(user.chat_id, f"pesan {i}")
    with pytest.raises(RetryAfter, match="0:00:01"):
        await bot.send_message(user.chat_id, "terlalu cepat")
    await asyncio.sleep(1.05)
    assert await bot.send_message(user.chat_id, "sudah boleh")
    await client.set_limits(FloodLimits(group_per_minute=3))
    group = await client.group("Bimtek Manggarai")
    for i in range(3):
        await bot.send_message(group, f"grup {i}")
    with pytest.raises(RetryAfter):
        await bot.send_message(group, "grup lagi")
    assert (await client.stats())["responses_429"] == 2


async def test_limits_disabled_gives_no_429(bot: Bot, client: EmulatorClient) -> None:
    await client.set_limits({"enabled": False})
    user = await client.user("NoLimit")
    sent = await asyncio.gather(*(bot.send_message(user.chat_id, str(i)) for i in range(40)))
    assert len({m.message_id for m in sent}) == 40
    assert (await client.stats())["responses_429"] == 0
    assert len(await user.replies(40)) == 40


def test_flood_control_windows_with_fake_clock() -> None:
    now = [100.0]

    def clock() -> float:
        return now[0]

    overall = FloodControl(FloodLimits(overall_per_second=2), clock=clock)
    assert overall.acquire(1, False) is None
    assert overall.acquire(2, False) is None
    assert overall.acquire(3, False) == 1  # window full
    now[0] += 0.5
    assert overall.acquire(3, False) == 1  # 0.5 s left, rounded up
    now[0] += 0.5
    assert overall.acquire(3, False) is None

    bucket = FloodControl(FloodLimits(per_chat_burst=2, per_chat_per_second=0.5), clock=clock)
    assert bucket.acquire(1, False) is None
    assert bucket.acquire(1, False) is None  # a burst of 2 is fine
    assert bucket.acquire(1, False) == 2  # then one token per 2 s
    assert bucket.acquire(2, False) is None  # other chats are unaffected
    now[0] += 1.0
    assert bucket.acquire(1, False) == 1  # the rejected call above consumed nothing
    now[0] += 1.0
    assert bucket.acquire(1, False) is None

    group = FloodControl(FloodLimits(group_per_minute=2), clock=clock)
    assert group.acquire(-5, True) is None
    now[0] += 10.0
    assert group.acquire(-5, True) is None
    now[0] += 10.0
    assert group.acquire(-5, True) == 40  # the first slot frees 60 s after it was taken
    group.reset(FloodLimits(enabled=False))
    assert all(group.acquire(-5, True) is None for _ in range(100))


# --------------------------------------------------------------------------- faults and idle


async def test_faults_error_rate_and_fail_next(bot: Bot, client: EmulatorClient) -> None:
    user = await client.user("Fault")
    await client.set_faults(error_rate=1.0)
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(user.chat_id, "hilang")
    assert await bot.get_updates(timeout=0) == ()  # getUpdates is exempt unless listed
    assert await user.messages() == []
    await client.clear_faults()
    await client.fail_next("sendMessage", count=2)
    for _ in range(2):
        with pytest.raises(NetworkError):
            await bot.send_message(user.chat_id, "gagal")
    assert await bot.send_message(user.chat_id, "berhasil")
    await client.fail_next("sendMessage", mode="hang", hang_seconds=0.3)
    started = time.monotonic()
    with pytest.raises(NetworkError):
        await bot.send_message(user.chat_id, "menggantung")
    assert time.monotonic() - started >= 0.3
    assert [m.text for m in await user.messages()] == ["berhasil"]
    stats = await client.stats()
    assert stats["responses_500"] == 4 and stats["sent_messages"] == 1


async def test_random_faults_are_deterministic_per_seed() -> None:
    outcomes: list[list[int]] = []
    for _ in range(2):
        async with Emulator(seed=3) as emu, emu.client() as control:
            user = await control.user("Seeded")
            await control.set_limits({"enabled": False})
            await control.set_faults(error_rate=0.5, methods=["sendMessage"])
            statuses = [
                (await _raw(emu, "sendMessage", chat_id=user.chat_id, text=str(i)))[0]
                for i in range(12)
            ]
            outcomes.append(statuses)
    assert outcomes[0] == outcomes[1]
    assert {200, 500} == set(outcomes[0])


async def test_idle_waits_for_delivery(bot: Bot, client: EmulatorClient) -> None:
    assert await client.wait_idle(quiet_ms=50, timeout=2)
    user = await client.user("Idle")
    await user.send("halo")
    assert not await client.wait_idle(quiet_ms=50, timeout=0.3)  # nobody fetched it yet
    await bot.get_updates(timeout=0)
    assert await client.wait_idle(quiet_ms=50, timeout=2)


# --------------------------------------------------------------------------- markup unit checks


@pytest.mark.parametrize(
    ("text", "mode", "plain"),
    [
        ('<a href="https://a.id/?x=1&amp;y=2">tautan</a>', "HTML", "tautan"),
        ('<span class="tg-spoiler">rahasia</span> <tg-spoiler>x</tg-spoiler>', "HTML", "rahasia x"),
        ('<pre><code class="language-python">a &lt; b</code></pre>', "HTML", "a < b"),
        ("<blockquote expandable>kutip</blockquote> &#65;&#x42;", "HTML", "kutip AB"),
        ("*tebal* _miring_ __garis__ ~coret~ ||spoiler|| `kode\\.`", "MarkdownV2", None),
        ("[tautan](https://a.id/x\\))", "MarkdownV2", "tautan"),
        ("*tebal* _miring_ `kode` [t](https://a.id)", "Markdown", "tebal miring kode t"),
    ],
)
def test_markup_accepts_valid_text(text: str, mode: str, plain: str | None) -> None:
    result, entities = parse_text(text, mode)
    assert entities
    if plain is not None:
        assert result == plain


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ('<span class="x">a</span>', "HTML"),
        ("</b>", "HTML"),
        ("*tebal", "MarkdownV2"),
        ("a-b", "MarkdownV2"),
        ("`kode", "Markdown"),
    ],
)
def test_markup_rejects_invalid_text(text: str, mode: str) -> None:
    with pytest.raises(EntityParseError):
        parse_text(text, mode)
