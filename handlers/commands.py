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
    handler: str  # the callback of its top-level or entry CommandHandler, "module.function"
    help_key: str  # the /bantuan section that explains it (one of HELP_SECTIONS[role])
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
    def menu_key(self) -> str:
        return f"menu_{self.id_name}"

    def name(self, lang: str) -> str:
        return self.en_name if lang == "en" else self.id_name


P, F, S = Role.PARTICIPANT, Role.FACILITATOR, Role.SECRETARIAT

# Within each role, rows are in the order of that role's command menu.
COMMANDS: tuple[Command, ...] = (
    # Participants (everyone).
    Command("start", "start", P, "handlers.registration.start", "help_participant", in_forms=True),
    Command("ide", "idea", P, "handlers.ideas.submit.start_idea", "help_ideas"),
    Command("ideku", "myideas", P, "handlers.ideas.mine.my_ideas", "help_ideas"),
    Command("jadwal", "schedule", P, "handlers.schedule.show_schedule", "help_schedule"),
    Command("hadir", "checkin", P, "handlers.checkin.checkin_command", "help_schedule"),
    Command("profil", "profile", P, "handlers.registration.show_profile", "help_participant"),
    Command(
        "bahasa",
        "language",
        P,
        "handlers.language.choose_language",
        "help_participant",
        passes_forms=True,
    ),
    Command("dataku", "mydata", P, "handlers.privacy.my_data", "help_privacy"),
    Command(
        "batal",
        "cancel",
        P,
        "handlers.general.nothing_to_cancel",
        "help_participant",
        in_forms=True,
    ),
    Command(
        "bantuan", "help", P, "handlers.general.show_help", "help_participant", passes_forms=True
    ),
    Command(
        "hapusdata", "deletemydata", P, "handlers.privacy.ask_erase", "help_privacy", in_menu=False
    ),
    # Facilitators (and the secretariat).
    Command("rekapide", "ideas", F, "handlers.ideas.review.review", "help_facilitator"),
    Command("pengingat", "remind", F, "handlers.reminders.new_reminder", "help_schedule_staff"),
    Command(
        "daftarpengingat",
        "reminders",
        F,
        "handlers.reminders.list_reminders",
        "help_schedule_staff",
    ),
    Command("polling", "poll", F, "handlers.polls.form.start_poll", "help_polls"),
    Command("hasil", "results", F, "handlers.polls.results.results_command", "help_polls"),
    Command(
        "suaratangan", "handvotes", F, "handlers.polls.hand_votes.start_hand_command", "help_polls"
    ),
    Command(
        "prioritas",
        "prioritise",
        F,
        "handlers.polls.prioritisation.start",
        "help_polls",
        aliases=("prioritize",),
    ),
    # The secretariat.
    Command("ekspor", "export", S, "handlers.export.start_export", "help_secretariat_export"),
    Command("tahap", "stages", S, "handlers.secretariat.list_stages", "help_secretariat"),
    Command(
        "peserta", "participants", S, "handlers.secretariat.list_participants", "help_secretariat"
    ),
    Command(
        "impor",
        "importroster",
        S,
        "handlers.roster_import.start_import",
        "help_secretariat_export",
        in_forms=True,
    ),
    Command(
        "templatpeserta",
        "rostertemplate",
        S,
        "handlers.roster_import.send_template",
        "help_secretariat_export",
    ),
    Command(
        "daftarluring",
        "addoffline",
        S,
        "handlers.registration.start_offline_entry",
        "help_secretariat",
    ),
    Command(
        "idekertas",
        "paperidea",
        S,
        "handlers.ideas.paper.start_paper_idea",
        "help_secretariat_ideas",
    ),
    Command(
        "kehadiran",
        "attendance",
        S,
        "handlers.checkin.attendance_summary",
        "help_schedule_secretariat",
    ),
    Command(
        "catathadir",
        "markattendance",
        S,
        "handlers.checkin.mark_attendance",
        "help_schedule_secretariat",
    ),
    Command("qr", "qr", S, "handlers.checkin.send_qr", "help_schedule_secretariat"),
    Command("ubahtahap", "editstage", S, "handlers.secretariat.edit_stage", "help_secretariat"),
    Command(
        "ubahsesi", "editsession", S, "handlers.schedule.edit_session", "help_schedule_secretariat"
    ),
    Command(
        "tambahsesi", "addsession", S, "handlers.schedule.add_session", "help_schedule_secretariat"
    ),
    Command("peran", "roles", S, "handlers.roles.manage_roles", "help_secretariat_admin"),
    Command("audit", "audit", S, "handlers.roles.show_audit", "help_secretariat_admin"),
    Command("status", "status", S, "handlers.status.show_status", "help_secretariat_ops"),
)

# /bantuan shows, for each role up to the user's own, these sections in this order.
HELP_SECTIONS: dict[Role, tuple[str, ...]] = {
    P: ("help_participant", "help_ideas", "help_schedule", "help_privacy"),
    F: ("help_facilitator", "help_schedule_staff", "help_polls"),
    S: (
        "help_secretariat",
        "help_secretariat_ideas",
        "help_schedule_secretariat",
        "help_secretariat_export",
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
