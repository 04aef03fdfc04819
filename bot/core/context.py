"""The typed context every handler receives: repository, settings and workshop at hand."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.core.config import Settings
from bot.core.jobs import Jobs, jobs
from bot.core.roles import ROLE_BY_NAME, Role, RoleBook
from bot.core.workshop import Workshop
from bot.rules.idea_rules import decide_submission
from storage.admin import AdminRepository
from storage.decisions import DecisionRepository
from storage.ideas import IdeaRepository
from storage.polls import PollRepository
from storage.privacy import PrivacyRepository
from storage.repository import Repository
from storage.schedule import ScheduleRepository
from storage.supports import SupportRepository

SERVICES_KEY = "services"


class Services:
    """What `post_init` opens and `post_shutdown` closes, shared by every handler."""

    def __init__(self, settings: Settings, workshop: Workshop, repo: Repository) -> None:
        self.settings = settings
        self.workshop = workshop
        self.repo = repo
        self.ideas = IdeaRepository(repo.db, settings.clock, rule=decide_submission)
        self.schedule = ScheduleRepository(repo.db)
        self.admin = AdminRepository(repo.db)
        self.privacy = PrivacyRepository(repo.db)
        self.polls = PollRepository(repo.db, settings.clock)
        self.supports = SupportRepository(repo.db)
        self.decisions = DecisionRepository(repo.db)
        self.roles = RoleBook(settings)

    async def load(self) -> None:
        """Read what is kept in memory (granted roles) from the database."""
        grants = await self.admin.grants()
        self.roles = RoleBook(self.settings, {g.telegram_id: ROLE_BY_NAME[g.role] for g in grants})


class BotContext(CallbackContext[ExtBot[None], dict[str, Any], dict[str, Any], dict[str, Any]]):
    """`CallbackContext` with typed access to the bot's services."""

    @property
    def services(self) -> Services:
        services = self.application.bot_data.get(SERVICES_KEY)
        if not isinstance(services, Services):
            raise RuntimeError("services are not open (post_init has not run)")
        return services

    @property
    def jobs(self) -> Jobs:
        """The background jobs a feature may call (polls, reminders, /status)."""
        return jobs(self.application)

    @property
    def user_state(self) -> dict[str, Any]:
        """`user_data`, which is always present for updates that come from a user."""
        data = self.user_data
        if data is None:
            raise RuntimeError("this update has no user")
        return data

    def role(self, user_id: int | None) -> Role:
        """The role of a user, by configuration or by grant."""
        return self.services.roles.role_of(user_id)

    @property
    def repo(self) -> Repository:
        return self.services.repo

    @property
    def ideas(self) -> IdeaRepository:
        return self.services.ideas

    @property
    def supports(self) -> SupportRepository:
        return self.services.supports

    @property
    def decisions(self) -> DecisionRepository:
        return self.services.decisions

    @property
    def schedule(self) -> ScheduleRepository:
        return self.services.schedule

    @property
    def settings(self) -> Settings:
        return self.services.settings

    @property
    def workshop(self) -> Workshop:
        return self.services.workshop


BotApplication = Application[Any, BotContext, Any, Any, Any, Any]
