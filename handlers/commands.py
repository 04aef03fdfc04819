"""The one table of commands: names in both languages, role, handler, menu and help texts.

Every command the bot answers is a row here. From the table are built: each feature's
`CommandHandler` (`command_handler("ide", start_idea)` takes the names from the row), every
role's command menu in both languages (`handlers/menus.py`), `/bantuan` per role
(`handlers/general.py`), and the permission test's matrix. `tests/test_command_table.py` fails
if a command is registered outside the table, if a row is not registered, or if a row's role,
handler or texts disagree with the code.

Adding a command: one row here, its callback (with `@requires(row.role)` when privileged) registered
through `command_handler`, its menu text `menu_<id_name>` in `handlers/texts/id.py` and `en.py`,
its line in the help section `help_key` (both languages), and its line in the README's tables.

Imports only `bot.core.roles` and `bot.core.context` (no feature module), so every handler
module and `handlers/menus.py` can import it without a cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.core.context import BotContext
from bot.core.roles import Role

MENU_LANGUAGES: tuple[str, ...] = ("id", "en")  # Indonesian is the default menu, English by client


@dataclass(frozen=True)
class Command:
    """One command: `/id_name` in Indonesian, `/en_name` in English, for `role` and above."""

    id_name: str
    en_name: str
    role: Role  # the least role that may use it; also the menu it appears in
    handler: str  # its top-level or entry callback, "module.function" inside `handlers`
    help: str  # the /bantuan section that explains it: text key `help_<help>`
    in_menu: bool = True  # listed in the role's Telegram command menu (text key `menu_<id_name>`)
    aliases: tuple[str, ...] = ()  # further accepted spellings, never in a menu
    # Also registered inside forms (a fallback such as /batal leaving a form, or /start
    # restarting one), there with the form's own callback.
    in_forms: bool = False
    # Answered by its own handler even in the middle of any form: forms let it through.
    passes_forms: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """Every spelling a CommandHandler for this row accepts, Indonesian first."""
        return tuple(dict.fromkeys((self.id_name, self.en_name, *self.aliases)))

    @property
    def callback_path(self) -> str:
        """The callback's qualified name, "handlers.module.function"."""
        return f"handlers.{self.handler}"

    @property
    def help_key(self) -> str:
        """The text key of its /bantuan section (one of HELP_SECTIONS[role])."""
        return f"help_{self.help}"

    @property
    def menu_key(self) -> str:
        return f"menu_{self.id_name}"

    def name(self, lang: str) -> str:
        return self.en_name if lang == "en" else self.id_name


P, F, S = Role.PARTICIPANT, Role.FACILITATOR, Role.SECRETARIAT

# Within each role, rows are in the order of that role's command menu.
COMMANDS: tuple[Command, ...] = (
    # Participants (everyone).
    Command(
        "start",
        "start",
        P,
        "registration.register.start",
        "participant",
        in_forms=True,
        aliases=("daftar", "register"),
    ),
    Command("ide", "idea", P, "ideas.submit.start_idea", "ideas"),
    Command("ideku", "myideas", P, "ideas.mine.my_ideas", "ideas"),
    Command("jadwal", "schedule", P, "schedule.show_schedule", "schedule"),
    Command("hadir", "checkin", P, "checkin.checkin_command", "schedule"),
    Command("profil", "profile", P, "registration.profile.show_profile", "participant"),
    Command("bahasa", "language", P, "language.choose_language", "participant", passes_forms=True),
    Command("dataku", "mydata", P, "privacy.my_data", "privacy"),
    Command("batal", "cancel", P, "general.nothing_to_cancel", "participant", in_forms=True),
    Command("bantuan", "help", P, "general.show_help", "participant", passes_forms=True),
    Command("hapusdata", "deletemydata", P, "privacy.ask_erase", "privacy", in_menu=False),
    # Facilitators (and the secretariat).
    Command("rekapide", "ideas", F, "ideas.review.review", "facilitator"),
    Command("pengingat", "remind", F, "reminders.new_reminder", "schedule_staff"),
    Command("daftarpengingat", "reminders", F, "reminders.list_reminders", "schedule_staff"),
    Command("polling", "poll", F, "polls.form.start_poll", "polls"),
    Command("hasil", "results", F, "polls.results.results_command", "polls"),
    Command("suaratangan", "handvotes", F, "polls.hand_votes.start_hand_command", "polls"),
    Command(
        "prioritas", "prioritise", F, "polls.prioritisation.start", "polls", aliases=("prioritize",)
    ),
    # The secretariat.
    Command("ekspor", "export", S, "export.start_export", "secretariat_export"),
    Command("tahap", "stages", S, "secretariat.list_stages", "secretariat"),
    Command("peserta", "participants", S, "secretariat.list_participants", "secretariat"),
    Command(
        "impor",
        "importroster",
        S,
        "roster_import.start_import",
        "secretariat_export",
        in_forms=True,
    ),
    Command(
        "templatpeserta", "rostertemplate", S, "roster_import.send_template", "secretariat_export"
    ),
    Command(
        "daftarluring", "addoffline", S, "registration.offline.start_offline_entry", "secretariat"
    ),
    Command("idekertas", "paperidea", S, "ideas.paper.start_paper_idea", "secretariat_ideas"),
    Command(
        "ubahpeserta",
        "editparticipant",
        S,
        "registration.edit.start_edit",
        "secretariat_registrations",
    ),
    # issue 14: the drafting team's decisions in, notes of them to idea authors out.
    Command(
        "keputusan",
        "decisions",
        S,
        "decisions.start_decisions",
        "secretariat_decisions",
        in_forms=True,
    ),
    Command(
        "kabarkeputusan", "notifydecisions", S, "decisions.confirm_notes", "secretariat_decisions"
    ),
    Command("kehadiran", "attendance", S, "checkin.attendance_summary", "schedule_secretariat"),
    Command("catathadir", "markattendance", S, "checkin.mark_attendance", "schedule_secretariat"),
    Command("qr", "qr", S, "checkin.send_qr", "schedule_secretariat"),
    Command("ubahtahap", "editstage", S, "secretariat.edit_stage", "secretariat"),
    Command("ubahsesi", "editsession", S, "schedule.edit_session", "schedule_secretariat"),
    Command("tambahsesi", "addsession", S, "schedule.add_session", "schedule_secretariat"),
    Command("peran", "roles", S, "roles.manage_roles", "secretariat_admin"),
    Command("audit", "audit", S, "roles.show_audit", "secretariat_admin"),
    Command("status", "status", S, "status.show_status", "secretariat_ops"),
)

# /bantuan shows, for each role up to the user's own, these sections in this order.
HELP_SECTIONS: dict[Role, tuple[str, ...]] = {
    P: ("help_participant", "help_ideas", "help_schedule", "help_privacy"),
    F: ("help_facilitator", "help_schedule_staff", "help_polls"),
    S: (
        "help_secretariat",
        "help_secretariat_registrations",
        "help_secretariat_ideas",
        "help_schedule_secretariat",
        "help_secretariat_export",
        "help_secretariat_decisions",
        "help_secretariat_admin",
        "help_secretariat_ops",
    ),
}

BY_NAME: dict[str, Command] = {row.id_name: row for row in COMMANDS}


def command(id_name: str) -> Command:
    """The row of `/id_name`; a KeyError names a command missing from the table."""
    try:
        return BY_NAME[id_name]
    except KeyError:
        raise KeyError(f"/{id_name} is not in the command table (handlers/commands.py)") from None


def command_handler(
    id_name: str, callback: Callable[[Update, BotContext], Coroutine[Any, Any, Any]]
) -> CommandHandler[BotContext, Any]:
    """A CommandHandler answering every spelling of `/id_name` from the table."""
    return CommandHandler(list(command(id_name).names), callback)


def pass_through(*also: str) -> filters.Regex:
    """The commands a form lets through (`passes_forms`, and the rows `also` names)."""
    rows = [row for row in COMMANDS if row.passes_forms] + [command(name) for name in also]
    names = "|".join(name for row in rows for name in row.names)
    return filters.Regex(rf"^/({names})(@\w+)?\b")


def menu(role: Role) -> tuple[Command, ...]:
    """The commands of `role`'s menu: everyone's first, then each higher role's own."""
    rows = [row for row in COMMANDS if row.in_menu and row.role <= role]
    return tuple(sorted(rows, key=lambda row: row.role))  # stable: table order within a role


def help_sections(role: Role) -> list[tuple[str, ...]]:
    """The /bantuan sections for `role`: one group per role up to it, lowest first."""
    return [sections for tier, sections in HELP_SECTIONS.items() if tier <= role]
