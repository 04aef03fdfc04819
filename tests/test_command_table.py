"""The command table (handlers/commands.py) is the only list of commands; the code agrees with it.

Every CommandHandler on the built application (top level, and inside every conversation's entry
points, states and fallbacks) answers exactly the spellings of one row; every row is registered
once as a command of its own, with the callback and the role check the row names; menus, /bantuan
and the README follow the table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import BaseHandler, CommandHandler, ConversationHandler

from bot.app import build_application
from bot.core.roles import Role
from bot.dev.emulator import Emulator, SimUser
from bot.dev.sandbox import FACILITATOR_ID, BotHarness, until_name_question
from handlers.commands import COMMANDS, HELP_SECTIONS, MENU_LANGUAGES, Command, help_sections
from handlers.menus import commands_for
from handlers.texts import en, t
from handlers.texts import id as indonesian

README = Path(__file__).resolve().parent.parent / "README.md"
# Where a CommandHandler sits: on its own ("top"), starting a form ("entry"), or inside one.
TOP, ENTRY, STATE, FALLBACK = "top", "entry", "state", "fallback"


def walk(handlers: list[BaseHandler[Any, Any, Any]], place: str = TOP) -> Iterator[tuple[str, Any]]:
    """Every handler with where it sits, looking inside conversations (also nested ones)."""
    for handler in handlers:
        if isinstance(handler, ConversationHandler):
            yield from walk(list(handler.entry_points), ENTRY)
            for state_handlers in handler.states.values():
                yield from walk(list(state_handlers), STATE)
            yield from walk(list(handler.fallbacks), FALLBACK)
        else:
            yield place, handler


def qualified(callback: Any) -> str:
    return f"{callback.__module__}.{callback.__qualname__}"


@pytest.fixture
async def registered(
    emulator: Emulator, tmp_path: Path
) -> list[tuple[str, CommandHandler[Any, Any]]]:
    """Every CommandHandler of the application as built for production, with its place."""
    app = build_application(BotHarness.settings_for(emulator, tmp_path / "bot.db"))
    everything = [handler for group in sorted(app.handlers) for handler in app.handlers[group]]
    return [(place, h) for place, h in walk(everything) if isinstance(h, CommandHandler)]


def row_of(handler: CommandHandler[Any, Any]) -> Command | None:
    return next((row for row in COMMANDS if set(row.names) == set(handler.commands)), None)


async def test_no_command_outside_the_table(
    registered: list[tuple[str, CommandHandler[Any, Any]]],
) -> None:
    assert len(registered) >= len(COMMANDS)
    for place, handler in registered:
        row = row_of(handler)
        assert row is not None, (
            f"/{sorted(handler.commands)} ({place}, {qualified(handler.callback)}) is not a row "
            "of handlers/commands.py: add the row and register it with command_handler()"
        )
        if place in (STATE, FALLBACK):
            assert row.in_forms, (
                f"/{row.id_name} is used inside a form but its row says in_forms=False"
            )


async def test_every_row_is_registered_once_with_its_handler_and_role(
    registered: list[tuple[str, CommandHandler[Any, Any]]],
) -> None:
    for row in COMMANDS:
        own = [h for place, h in registered if place in (TOP, ENTRY) and row_of(h) == row]
        assert len(own) == 1, f"/{row.id_name} is registered {len(own)} times on its own, not once"
        callback = own[0].callback
        assert qualified(callback) == row.callback_path, (row.id_name, qualified(callback))
        # The role check on the callback (`@requires`) is the row's role: no more, no less.
        required = getattr(callback, "required_role", Role.PARTICIPANT)
        assert required is row.role, f"/{row.id_name}: @requires({required.name}), row {row.role}"
        inside = [h for place, h in registered if place in (STATE, FALLBACK) and row_of(h) == row]
        assert bool(inside) == row.in_forms, f"/{row.id_name}: in_forms={row.in_forms}"


def test_rows_are_distinct_and_valid() -> None:
    spellings = [name for row in COMMANDS for name in row.names]
    assert len(spellings) == len(set(spellings)), "a spelling belongs to two rows"
    for row in COMMANDS:
        for name in row.names:
            # Telegram's rule for a command in a menu: 1-32 of a-z, 0-9, _.
            assert re.fullmatch(r"[a-z0-9_]{1,32}", name), name


def test_menus_come_from_the_table() -> None:
    for role in Role:
        for lang in MENU_LANGUAGES:
            menu = [(c.command, c.description) for c in commands_for(role, lang)]
            expected = [
                (row.name(lang), t(lang, row.menu_key))
                for row in COMMANDS
                if row.in_menu and row.role <= role
            ]
            # Everyone's commands first, then each higher role's, in table order.
            assert sorted(menu) == sorted(expected) and len(menu) <= 100, (role, lang)
            assert [c for c, _ in menu[: len(commands_for(Role.PARTICIPANT, lang))]] == [
                row.name(lang) for row in COMMANDS if row.in_menu and row.role is Role.PARTICIPANT
            ]
            for _, description in menu:
                assert 1 <= len(description) <= 256, description
    # A menu text exists for exactly the rows in a menu, in both languages.
    for catalogue in (indonesian.TEXTS, en.TEXTS):
        menu_keys = {key for key in catalogue if key.startswith("menu_")}
        assert menu_keys == {row.menu_key for row in COMMANDS if row.in_menu}


def mentions(text: str, name: str) -> bool:
    return re.search(rf"/{name}(?![a-z0-9_])", text) is not None


@pytest.mark.parametrize("lang", MENU_LANGUAGES)
def test_help_comes_from_the_table(lang: str) -> None:
    used = {row.help_key for row in COMMANDS}
    for tier, sections in HELP_SECTIONS.items():
        assert set(sections) <= used, f"a help section of {tier.name} explains no command"
    for row in COMMANDS:
        assert row.help_key in HELP_SECTIONS[row.role], f"/{row.id_name}: {row.help_key}"
        assert mentions(t(lang, row.help_key), row.name(lang)), (row.help_key, row.name(lang))
    # /bantuan shows a role every command it may use, and none of the roles above it.
    for role in Role:
        shown = "\n".join(t(lang, key) for keys in help_sections(role) for key in keys)
        for row in COMMANDS:
            assert mentions(shown, row.name(lang)) == (row.role <= role), (role, row.id_name)


def test_the_readme_lists_every_command() -> None:
    commands = README.read_text(encoding="utf-8").split("## Commands", 1)[1]
    for row in COMMANDS:
        assert mentions(commands, row.id_name) and mentions(commands, row.en_name), row.id_name


# A form of each kind (its first command, who opens it), what it says to a command it catches,
# and the commands it lets through besides help and language.
FORMS = [
    ("/start", Role.PARTICIPANT, "command_in_conversation", set()),
    ("/polling", Role.FACILITATOR, "poll_command_in_form", {"hasil"}),
    ("/impor", Role.SECRETARIAT, "roster_in_progress", set()),
]
# The promise: help and the language switch work in the middle of any form.
EVERYWHERE = {"bantuan", "bahasa"}


async def answer(user: SimUser, text: str) -> str:
    """The bot's first answer to `text`, after every answer to what came before."""
    await user.client.wait_idle()
    user.mark()
    await user.send(text)
    return (await user.reply()).text or ""


def test_help_and_language_pass_every_form() -> None:
    assert {row.id_name for row in COMMANDS if row.passes_forms} == EVERYWHERE


@pytest.mark.parametrize(("opening", "role", "caught", "also"), FORMS, ids=lambda v: str(v))
async def test_forms_let_through_exactly_the_rows_that_pass(
    harness: BotHarness, opening: str, role: Role, caught: str, also: set[str]
) -> None:
    if role is Role.SECRETARIAT:
        user = await harness.admin()
    elif role is Role.FACILITATOR:
        user = await harness.user("Fasilitator", user_id=FACILITATOR_ID)
    else:
        user = await harness.user("Peserta")
    refusal = t("id", caught)
    assert await answer(user, opening) != refusal
    if opening == "/start":
        # The form opens once the privacy notice is accepted: nothing is kept before that.
        await until_name_question(user, "id")
    passing = EVERYWHERE | also | {row.id_name for row in COMMANDS if row.passes_forms}
    for name in sorted(passing):
        assert await answer(user, f"/{name}") != refusal, f"{opening} caught /{name}"
    # The form is still open and catches other commands (an unknown one: a command registered
    # before the form's conversation is answered by its own handler first).
    assert await answer(user, "/tidakada") == refusal, opening
    if opening == "/start":
        # Registration comes right after help: it catches every other command of the table
        # but its own entry points (/daftarluring, refused to a participant, re-enters it).
        for row in COMMANDS:
            own = row.callback_path.startswith("handlers.registration.")
            if not (row.passes_forms or row.in_forms or own):
                assert await answer(user, f"/{row.id_name}") == refusal, row.id_name
