"""Forged buttons and odd command arguments, as every role: no unhandled error, no change.

Button data is generated from every feature's declared shapes (each prefix, each action) with
hostile arguments ('²', '٣', '-1', '0', 20-digit numbers, empty parts, overlong data, unknown
prefixes) and seeded random garbage; every command gets the same arguments. Every press must be
answered (its spinner stopped), nothing may reach the error handler and no table may change.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from telegram.ext import CommandHandler

from bot.core.context import BotContext
from bot.dev.emulator import Emulator, SimUser
from bot.dev.sandbox import ADMIN_ID, FACILITATOR_ID, TEST_TOKEN, BotHarness
from handlers import (
    checkin,
    export,
    ideas,
    language,
    polls,
    privacy,
    registration,
    reminders,
    roster_import,
    secretariat,
)
from handlers.buttons import MAX_CALLBACK_BYTES
from handlers.ideas import review as idea_review
from storage.models import Profile
from tests.test_permissions import REFUSALS, settled, snapshot

SPECS: dict[str, dict[str, tuple[Any, ...]]] = {
    registration.PREFIX: registration.BUTTONS,
    registration.PROFILE_PREFIX: registration.PROFILE_BUTTONS,
    ideas.PREFIX: {**ideas.BUTTONS},
    ideas.MINE: ideas.MINE_BUTTONS,
    idea_review.PREFIX: idea_review.BUTTONS,
    export.PREFIX: export.BUTTONS,
    roster_import.PREFIX: roster_import.BUTTONS,
    secretariat.PREFIX: secretariat.BUTTONS,
    language.PREFIX: language.BUTTONS,
    privacy.PREFIX: privacy.BUTTONS,
    checkin.PREFIX: checkin.BUTTONS,
    reminders.PREFIX: reminders.BUTTONS,
    polls.PREFIX: {**polls.FORM_BUTTONS, **polls.RESULT_BUTTONS, **polls.HAND_BUTTON},
}
BOT_ID = int(TEST_TOKEN.split(":")[0])
HOSTILE = ["²", "٣", "-1", "0", "9" * 20, "18446744073709551616", "", "x" * 40, "#²", "1e3"]


def garbage(rng: random.Random) -> str:
    """A random argument that is never a small valid number nor a word a button uses."""
    alphabet = "²³٣٤０１abcXYZ:-_#+. 🙂" + "0123456789"
    while True:
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        if not (raw.isascii() and raw.isdigit() and int(raw) < 10**12):
            return raw


def button_data(rng: random.Random, turn: int) -> Iterator[str]:
    """Forged callback data for every prefix and action: a hostile argument and a random one.

    The hostile argument rotates with the action and with `turn` (one per role), so that every
    hostile value meets every prefix, and each action meets four of them, in a short run.
    """
    yield from ("", ":", "::", "zzz:yyy", "nope:x:1", "x" * 64, "reg:" + "9" * 60)
    actions = [(prefix, action, spec[action]) for prefix, spec in SPECS.items() for action in spec]
    for prefix in SPECS:
        yield f"{prefix}:{garbage(rng)}"
    for j, (prefix, action, checks) in enumerate(actions):
        arity = len(checks)
        hostile = HOSTILE[(j + 3 * turn) % len(HOSTILE)]
        # A valid zero-argument button (priv:erase) would act: give it one argument too many.
        for arg in (hostile, garbage(rng)) if j % 2 == turn % 2 else (hostile,):
            yield ":".join([prefix, action, *[arg] * max(arity, 1)])[:MAX_CALLBACK_BYTES]
        if arity > 1:
            yield ":".join([prefix, action, "1", *["²"] * (arity - 1)])


def commands(harness: BotHarness) -> list[str]:
    assert harness.app is not None
    names: set[str] = set()
    for group in harness.app.handlers.values():
        for handler in group:
            if isinstance(handler, CommandHandler):
                names |= set(handler.commands)
            for inner in getattr(handler, "entry_points", []):
                if isinstance(inner, CommandHandler):
                    names |= set(inner.commands)
    return sorted(names - {"hapusdata", "deletemydata"})  # asks first; tested on its own


def form_commands(harness: BotHarness) -> set[str]:
    assert harness.app is not None
    names: set[str] = set()
    for group in harness.app.handlers.values():
        for handler in group:
            for inner in getattr(handler, "entry_points", []):
                if isinstance(inner, CommandHandler):
                    names |= set(inner.commands)
    return names


def odd_arguments(rng: random.Random) -> list[str]:
    """An odd argument list for a command: hostile numbers, random, or shaped like its usage."""
    shaped = ["1 ²", "² tempat Aula", "tambah 0 fasilitator", f"tambah {BOT_ID} fasilitator"]
    shaped += [f"hapus {'9' * 20}", "tambah ² sekretariat", "² 2021-11-08 08:00-12:00 X"]
    pool = [a for a in HOSTILE if a] + shaped + [garbage(rng)]
    return rng.sample(pool, 1)


async def roles_users(harness: BotHarness, role: str, count: int) -> list[SimUser]:
    """`count` users of a role (participants rotate: one person is slowed by the flood guard)."""
    if role == "secretariat":
        return [await harness.admin()]
    if role == "facilitator":
        return [await harness.user("Fasilitator", user_id=FACILITATOR_ID)]
    users = [await harness.user(f"{role} {i}") for i in range(count)]
    if role == "participant":
        for user in users:
            profile = Profile(f"Peserta {user.id}", "Kecamatan Cibal", "camat", "Cibal")
            await harness.repo.register_self(user.id, profile, 1, "online")
    return users


ROLES = ["secretariat", "facilitator", "participant", "unregistered"]
PER_USER = 30  # well under the flood guard's 40 updates a minute


@pytest.mark.parametrize("role", ROLES)
async def test_forged_buttons_and_odd_arguments_change_nothing(
    harness: BotHarness, role: str
) -> None:
    await settled(harness)
    assert harness.app is not None
    errors: list[BaseException] = []

    async def count_error(update: object, context: BotContext) -> None:
        assert context.error is not None
        errors.append(context.error)

    harness.app.add_error_handler(count_error)
    rng = random.Random(f"fuzz-{role}")
    data = list(button_data(rng, ROLES.index(role)))
    typed = [f"/{c} {a}" for c in commands(harness) for a in odd_arguments(rng)]
    typed += [f"/peran {a}" for a in ("tambah 0 fasilitator", f"hapus {'9' * 20}")]
    forms = form_commands(harness)
    staff = role in ("secretariat", "facilitator")
    users = await roles_users(harness, role, 1 if staff else (len(data) + len(typed)) // 15 + 1)
    anchors = {}
    for user in users:
        await user.send("/bantuan")
        anchors[user.id] = (await user.reply()).message_id
    before = await snapshot(harness)

    pressed: dict[int, int] = {}
    for i, raw in enumerate(data):
        user = users[0] if staff else users[i // PER_USER]
        await user.press_data(anchors[user.id], raw)
        pressed[user.id] = pressed.get(user.id, 0) + 1
    offset = len(data) // PER_USER + 1
    for i, text in enumerate(typed):
        user = users[0] if staff else users[offset + i // (PER_USER // 2)]
        await user.send(text)
        if text.split()[0][1:] in forms:
            await user.send("/batal")  # leave the form the command opened
    assert await harness.client.wait_idle(quiet_ms=300, timeout=30), "the bot did not settle"

    assert not errors, f"{len(errors)} unhandled errors as {role}: {errors[:5]!r}"
    assert await snapshot(harness) == before, f"forged input as {role} changed the database"
    for user in users:
        events, _ = await harness.client.events(user.chat_id, types=["callback_answer"])
        assert len(events) == pressed.get(user.id, 0), (
            f"{pressed.get(user.id, 0) - len(events)} presses of {role} were never answered"
        )


async def test_role_ids_out_of_range_and_the_bot_itself_are_refused(harness: BotHarness) -> None:
    admin = await harness.admin()
    for args, expected in (
        ("tambah 0 fasilitator", "bukan ID Telegram yang valid"),
        (f"tambah {'9' * 20} fasilitator", "bukan ID Telegram yang valid"),
        (f"hapus {2**63}", "bukan ID Telegram yang valid"),
        (f"tambah {BOT_ID} fasilitator", "ID bot ini sendiri"),
        ("tambah ² fasilitator", "Cara pakai"),
        ("tambah ٣ fasilitator", "Cara pakai"),
    ):
        await admin.send(f"/peran {args}")
        assert expected in ((await admin.reply()).text or ""), args
    assert harness.services.roles.granted == {}
    assert ADMIN_ID not in harness.services.roles.granted


async def test_a_double_tap_on_the_same_screen_is_not_an_error(harness: BotHarness) -> None:
    assert harness.app is not None
    errors: list[object] = []

    async def count_error(update: object, context: BotContext) -> None:
        errors.append(context.error)

    harness.app.add_error_handler(count_error)
    admin = await harness.admin()
    await admin.send("/tahap")
    screen = await admin.reply()
    data = screen.button_data[0][0]
    assert data is not None
    for _ in range(2):  # the second tap re-renders exactly the same screen
        answer = await admin.callback_answer(await admin.press_data(screen.message_id, data))
        assert answer is not None
    assert await harness.client.wait_idle(quiet_ms=200)
    assert errors == []


async def test_a_button_in_a_group_is_answered(harness: BotHarness) -> None:
    group_id = await harness.client.group("Grup Bimtek")
    user = await harness.user("Yosef")
    in_group = user.in_chat(group_id)
    await in_group.send("/bantuan")
    pointer = await in_group.reply()
    answer = await in_group.callback_answer(
        await in_group.press_data(pointer.message_id, "stg:cur:1")
    )
    assert "chat pribadi" in (answer.get("text") or "")


def test_every_form_rechecks_its_role_at_every_step() -> None:
    """A new form cannot forget the re-check: every state and fallback of every form has it."""
    from dataclasses import replace
    from pathlib import Path

    from telegram.ext import ConversationHandler

    from bot.app import build_application
    from bot.core.config import DEFAULT_WORKSHOP, Settings
    from handlers.forms import RECHECKED

    settings = Settings(token=TEST_TOKEN, admin_ids=frozenset({1}), workshop_path=DEFAULT_WORKSHOP)
    app = build_application(replace(settings, db_path=Path("/nonexistent/never-opened.db")))
    forms = [
        h for group in app.handlers.values() for h in group if isinstance(h, ConversationHandler)
    ]
    assert len(forms) >= 4
    for form in forms:
        starts = {h.callback for h in form.entry_points}  # they check the role themselves
        steps = [h for handlers in form.states.values() for h in handlers] + form.fallbacks
        unchecked = [
            h.callback.__name__
            for h in steps
            if h.callback not in starts and not getattr(h.callback, RECHECKED, False)
        ]
        assert not unchecked, f"form {form.name}: steps without the role re-check: {unchecked}"


# The commands that read a number (a stage, session, poll, idea or user id), with the shape of
# their other arguments; each gets every hostile number, as the secretariat.
NUMERIC_COMMANDS = [
    "/peserta {n}",
    "/ubahtahap {n} tempat Aula",
    "/peran hapus {n}",
    "/peran tambah {n} fasilitator",
    "/hasil {n}",
    "/suaratangan {n} 1 5",
    "/ubahsesi {n} ruang Aula",
    "/qr {n}",
    "/catathadir {n} Yosef",
    "/kehadiran {n}",
    "/prioritas #I-{n}, I-1",
    "/tambahsesi {n} 2021-11-08 08:00-12:00 Pembukaan",
]


async def test_hostile_numbers_in_every_numeric_command(harness: BotHarness) -> None:
    await settled(harness)
    assert harness.app is not None
    errors: list[object] = []

    async def count_error(update: object, context: BotContext) -> None:
        errors.append(context.error)

    harness.app.add_error_handler(count_error)
    admin = await harness.admin()
    before = await snapshot(harness)
    for template in NUMERIC_COMMANDS:
        for number in ("²", "٣", "9" * 20, str(2**63), "-1"):
            await admin.send(template.format(n=number))
            await admin.send("/batal")
    assert await harness.client.wait_idle(quiet_ms=200, timeout=20), "the bot did not settle"
    assert errors == [], f"unhandled errors: {errors[:5]!r}"
    assert await snapshot(harness) == before


async def test_a_refused_paper_idea_button_is_answered_with_the_refusal(
    harness: BotHarness,
) -> None:
    user = await harness.user("Yosef")
    await user.send("/bantuan")
    anchor = await user.reply()
    answer = await user.callback_answer(
        await user.press_data(anchor.message_id, "idea:again:paper")
    )
    assert answer.get("text") == REFUSALS[0], answer


async def test_a_refusal_too_late_for_a_pop_up_comes_as_a_message(
    harness: BotHarness, emulator: Emulator
) -> None:
    """A press Telegram no longer lets the bot answer (queued while it was down) still hears no."""
    user = await harness.user("Yosef")
    await user.send("/bantuan")
    anchor = await user.reply()
    emulator.callback_query_ttl = 0.0  # every answer now comes too late
    await user.press_data(anchor.message_id, "stg:cur:1")
    assert (await user.reply()).text == REFUSALS[0]


def test_numbers_are_ascii_digits_in_range() -> None:
    from bot.rules.poll_rules import parse_hand_votes, parse_idea_refs
    from handlers.registration.register import parse_deep_link
    from handlers.validation import SQLITE_INTEGER_MAX, TELEGRAM_ID_MAX, parse_id

    for raw in ("²", "٣", "１", "-1", "+1", " 1", "1 ", "", "1e3", "9" * 20, str(2**63)):
        assert parse_id(raw, max_value=SQLITE_INTEGER_MAX) is None, raw
    assert parse_id("0") == 0 and parse_id("0", min_value=1) is None
    assert parse_id("007") == 7 and parse_id("999999999") == 999_999_999
    assert parse_id("1000000000") is None  # a row id has at most nine digits
    assert parse_id(str(TELEGRAM_ID_MAX), max_value=TELEGRAM_ID_MAX) == TELEGRAM_ID_MAX
    assert parse_id(str(TELEGRAM_ID_MAX + 1), max_value=TELEGRAM_ID_MAX) is None
    assert parse_idea_refs("#I-٣") is None and parse_idea_refs("#I-3") == [3]
    assert parse_deep_link("reg_٣") is None and parse_deep_link("reg_3") == (3, None)
    assert not isinstance(parse_hand_votes("١ ٥", 3), list)
    from bot.core.qr import checkin_payload, parse_checkin_payload

    payload = checkin_payload(3, TEST_TOKEN)
    assert parse_checkin_payload(payload, TEST_TOKEN) == 3
    assert parse_checkin_payload(payload.replace("_3_", "_٣_"), TEST_TOKEN) is None
