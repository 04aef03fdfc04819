"""The real bot against the local Bot API emulator, for end-to-end tests and the demo.

Both run in one event loop: the emulator serves HTTP on 127.0.0.1, the bot long-polls it exactly
as it would poll Telegram, and simulated users act through the emulator's control API.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from bot.app import build_application
from bot.core import runner
from bot.core.config import DEFAULT_WORKSHOP, Settings
from bot.core.context import SERVICES_KEY, BotApplication, Services
from bot.core.workshop import load_workshop
from bot.dev.emulator import Emulator, EmulatorClient, SimUser
from bot.dev.emulator.client import BotMessage
from bot.dev.emulator.limits import FloodLimits
from handlers.texts import t
from storage.ideas import IdeaRepository
from storage.repository import Repository

TEST_TOKEN = "123456789:TEST-token-for-the-local-emulator"
ADMIN_ID = 900001
FACILITATOR_ID = 900002


class BotHarness:
    """One emulator, one bot (restartable) and the users that talk to it."""

    def __init__(self, emulator: Emulator, settings: Settings) -> None:
        self.emulator = emulator
        self.settings = settings
        self.client: EmulatorClient = emulator.client()
        self.app: BotApplication | None = None

    @classmethod
    def settings_for(
        cls, emulator: Emulator, db_path: Path, *, fast: bool = False, **overrides: object
    ) -> Settings:
        """Settings for a bot talking to `emulator`; `fast` lifts the per-chat pacing."""
        base = Settings(
            token=TEST_TOKEN,
            admin_ids=frozenset({ADMIN_ID}),
            facilitator_ids=frozenset({FACILITATOR_ID}),
            db_path=db_path,
            workshop_path=DEFAULT_WORKSHOP,
            export_dir=db_path.parent / "exports",
            api_base_url=emulator.bot_api_base,
        )
        if fast:
            base = replace(base, chat_rate=1000.0, chat_burst=1000)
        return replace(base, **overrides)  # type: ignore[arg-type]

    async def start(self) -> None:
        self.app = build_application(
            self.settings, workshop=load_workshop(self.settings.workshop_path), poll_timeout=1
        )
        await runner.start(self.app, poll_timeout=1)

    async def stop(self) -> None:
        if self.app is not None:
            await runner.stop(self.app)
            self.app = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    @property
    def repo(self) -> Repository:
        assert self.app is not None, "the bot is not running"
        services = self.app.bot_data[SERVICES_KEY]
        assert isinstance(services, Services)
        return services.repo

    @property
    def services(self) -> Services:
        assert self.app is not None, "the bot is not running"
        services = self.app.bot_data[SERVICES_KEY]
        assert isinstance(services, Services)
        return services

    @property
    def ideas(self) -> IdeaRepository:
        return self.services.ideas

    async def user(
        self,
        first_name: str,
        *,
        language_code: str | None = "id",
        user_id: int | None = None,
        last_name: str | None = None,
    ) -> SimUser:
        return await self.client.user(
            first_name, last_name=last_name, language_code=language_code, user_id=user_id
        )

    async def admin(self, language_code: str = "id") -> SimUser:
        return await self.user("Sekretariat", user_id=ADMIN_ID, language_code=language_code)

    async def close(self) -> None:
        await self.stop()
        await self.client.close()


def distinct(number: int) -> str:
    """An idea text no other number's shares: load tests and benchmarks send many ideas by many
    people, which the similar-idea step would otherwise offer as one idea to support."""
    return hashlib.sha256(str(number).encode()).hexdigest()[:24]


def no_limits() -> FloodLimits:
    return FloodLimits(enabled=False)


async def screen(user: SimUser, timeout: float = 5.0) -> BotMessage:
    """The next thing the user sees: a new message, or the edit of the one they tapped."""
    event = await user.next_event(("message", "edit"), timeout)
    return BotMessage.from_message(event["message"], event.get("reply_markup"))


async def until_name_question(user: SimUser, lang: str) -> None:
    """Read the greeting, accept the privacy notice if it is shown, up to "your full name?"."""
    question, agree = t(lang, "ask_name"), t(lang, "btn_agree")
    while (message := await user.reply()).text != question:
        if any(agree in row for row in message.buttons):
            await user.press(agree, message.message_id)


async def register_by_chat(
    user: SimUser,
    *,
    lang: str,
    name: str,
    kind: str,
    institution: str,
    position: str,
    mode: str | None,
    payload: str | None = None,
) -> BotMessage:
    """Walk the registration form as a person would; returns the last screen.

    `kind` is opd, kecamatan or other (then `institution` is typed); `mode` is None when the
    deep link `payload` already says it.
    """
    await user.send(f"/start {payload}" if payload else "/start")
    await until_name_question(user, lang)
    await user.send(name)
    await user.reply()
    await user.press(t(lang, f"inst_kind_{kind}"))
    await screen(user)
    if kind == "other":
        await user.send(institution)
        await user.reply()
    else:
        await user.press(institution)
        await screen(user)
    await user.press(t(lang, f"position_{position}"))
    await screen(user)
    if mode is not None:
        await user.press(t(lang, f"mode_{mode}"))
        await screen(user)
    await user.press(t(lang, "btn_confirm"))
    return await screen(user)
