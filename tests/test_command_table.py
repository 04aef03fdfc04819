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
from bot.emulator import Emulator
from bot.menus import commands_for
from bot.roles import Role
from bot.sandbox import BotHarness
from handlers.commands import COMMANDS, HELP_SECTIONS, MENU_LANGUAGES, Command, help_sections
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
        assert qualified(callback) == row.handler, (row.id_name, qualified(callback))
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
