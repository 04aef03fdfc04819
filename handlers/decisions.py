"""/keputusan and /kabarkeputusan: the drafting team's decisions in, notes to authors out.

/keputusan waits for the workbook (a document); a document sent with the caption /keputusan does
the same in one message. The role is checked again when the file arrives. The file's size is
checked before it is downloaded, its parts before it is parsed (storage/decisions.py, with the
roster reader's limits), and it is read off the event loop. Every row with a problem is reported
by sheet and row and nothing is applied; otherwise all rows are applied in one transaction.

/kabarkeputusan shows the counts first (authors to tell, already told this version, unreachable)
and sends only after "Kirim", the role checked again at the tap; the sending itself is a
background job (`context.jobs.notes`), paced and restart-safe like reminders.
"""

from __future__ import annotations

import asyncio
import enum
import secrets
import warnings
from typing import Any

from telegram import Document, Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, ConversationHandler, MessageHandler
from telegram.ext import filters as tg_filters

from bot.core.context import BotContext
from bot.core.roles import Role
from handlers import buttons
from handlers.commands import command, command_handler, pass_through
from handlers.common import (
    END,
    answer_alert,
    chunk_lines,
    edit_or_send,
    esc,
    in_private_chat,
    keyboard,
    requires,
    say,
    send_html,
    user_lang,
)
from handlers.forms import guard_form
from handlers.texts import t
from storage.decisions import (
    NOTE_MAX,
    PROGRAMME_MAX,
    ApplyReport,
    DecisionFileError,
    Problem,
    read_decision_file,
)

CONVERSATION_NAME = "decisions_import"
PREFIX = "kep"
DRAFT = "decisions_import"
NOTES_TOKEN = "decision_notes_token"
BUTTONS: dict[str, tuple[buttons.Arg, ...]] = {"send": (buttons.token,), "no": ()}
MAX_FILE_MB = 20  # what a bot may download from Telegram


class State(enum.IntEnum):
    FILE = 1


def describe_problem(lang: str, problem: Problem, *, html: bool = True) -> str:
    """'Ide, baris 14: keputusan “diterma” tidak dikenal …', in the user's language."""
    value = esc(problem.value) if html else problem.value
    limit = NOTE_MAX if problem.reason.startswith("note") else PROGRAMME_MAX
    reason = t(lang, f"decisions_problem_{problem.reason}", value=value, max=limit)
    return t(lang, "decisions_problem_line", sheet=problem.sheet, row=problem.row, reason=reason)


def report_lines(lang: str, name: str, report: ApplyReport, *, html: bool = True) -> list[str]:
    """What an import did, or every problem that stopped it."""
    shown = esc(name) if html else name
    if report.problems:
        return [t(lang, "decisions_problems_header", count=len(report.problems))] + [
            describe_problem(lang, p, html=html) for p in report.problems
        ]
    return [
        t(
            lang,
            "decisions_report",
            name=shown,
            applied=report.applied,
            changed=report.changed,
            unchanged=report.unchanged,
        )
    ]


# --- /keputusan ------------------------------------------------------------------------------


@requires(Role.SECRETARIAT, refused=END)
async def start_decisions(update: Update, context: BotContext) -> int:
    """Ask for the workbook with the decisions filled in."""
    if not await in_private_chat(update, context):
        return END
    context.user_state[DRAFT] = {"waiting": True}
    await say(update, context, "decisions_start")
    return State.FILE


@requires(Role.SECRETARIAT, refused=END)
async def document_with_command(update: Update, context: BotContext) -> int:
    """A workbook sent with the caption /keputusan: import it at once."""
    if await in_private_chat(update, context):
        await _import(update, context)
    context.user_state.pop(DRAFT, None)
    return END


async def on_document(update: Update, context: BotContext) -> int | None:
    """The workbook arrived (the role was checked again by the form's guard): import it."""
    if await _import(update, context):
        context.user_state.pop(DRAFT, None)
        return END
    return None


async def _import(update: Update, context: BotContext) -> bool:
    """Check, download, read and apply the document; False if the user should send another."""
    lang = await user_lang(update, context)
    message = update.effective_message
    assert message is not None and update.effective_user is not None
    document: Document | None = message.document
    assert document is not None
    name = document.file_name or ""
    if not name.lower().endswith(".xlsx"):
        await say(update, context, "decisions_wrong_type", lang=lang, name=esc(name[:80] or "?"))
        return False
    if document.file_size and document.file_size > MAX_FILE_MB * 1024 * 1024:
        size = f"{document.file_size / 1024 / 1024:.1f}"
        await say(update, context, "decisions_too_big", lang=lang, size=size, max=MAX_FILE_MB)
        return False
    try:
        file = await context.bot.get_file(document.file_id)
        data = bytes(await file.download_as_bytearray())
    except TelegramError:
        await say(update, context, "decisions_download_failed", lang=lang)
        return False
    try:
        sheet = await asyncio.to_thread(read_decision_file, data)
    except DecisionFileError as error:
        await say(
            update,
            context,
            f"decisions_error_{error.reason}",
            lang=lang,
            name=esc(name[:80]),
            sheet=error.values.get("sheet", "Ide"),
        )
        return False
    report = await context.decisions.apply(sheet, by=update.effective_user.id)
    for chunk in chunk_lines(report_lines(lang, name[:80], report)):
        await send_html(update, context, chunk)
    return report.ok


async def file_expected(update: Update, context: BotContext) -> None:
    """Answer anything but a document while the workbook is awaited."""
    await say(update, context, "decisions_file_expected")


async def cancel(update: Update, context: BotContext) -> int:
    """Leave the import; nothing was changed."""
    context.user_state.pop(DRAFT, None)
    await say(update, context, "decisions_cancelled")
    return END


async def command_in_import(update: Update, context: BotContext) -> None:
    """Another command while importing: finish or cancel first."""
    await say(update, context, "decisions_in_progress")


# --- /kabarkeputusan -------------------------------------------------------------------------


@requires(Role.SECRETARIAT)
async def confirm_notes(update: Update, context: BotContext) -> None:
    """Show how many authors a sending would tell, with "Kirim"."""
    lang = await user_lang(update, context)
    plan = await context.decisions.note_plan()
    if plan.to_send == 0:
        context.user_state.pop(NOTES_TOKEN, None)
        await say(
            update,
            context,
            "notes_nothing",
            lang=lang,
            already=plan.already,
            unreachable=plan.unreachable,
        )
        return
    token = secrets.token_hex(3)
    context.user_state[NOTES_TOKEN] = token
    markup = keyboard(
        [
            [
                (t(lang, "btn_notes_send"), buttons.make(PREFIX, "send", token)),
                (t(lang, "btn_notes_cancel"), buttons.make(PREFIX, "no")),
            ]
        ]
    )
    await say(
        update,
        context,
        "notes_confirm",
        lang=lang,
        markup=markup,
        to_send=plan.to_send,
        already=plan.already,
        unreachable=plan.unreachable,
    )


@requires(Role.SECRETARIAT)
async def on_notes_button(update: Update, context: BotContext) -> None:
    """Send the notes (once per confirmation), or drop the confirmation."""
    lang = await user_lang(update, context)
    button = buttons.parse(
        update.callback_query.data if update.callback_query else None, PREFIX, BUTTONS
    )
    if button is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return
    expected = context.user_state.pop(NOTES_TOKEN, None)
    if button.action == "no":
        await edit_or_send(update, context, t(lang, "notes_cancelled_confirm"))
        return
    if expected is None or button.str_arg() != expected:
        await answer_alert(update, t(lang, "stale_button"))
        return
    assert update.effective_user is not None
    clock = context.settings.clock
    note_id = await context.decisions.start_notes(by=update.effective_user.id, now=clock())
    if note_id is None:
        plan = await context.decisions.note_plan()
        text = t(lang, "notes_nothing", already=plan.already, unreachable=plan.unreachable)
        await edit_or_send(update, context, text)
        return
    counts = await context.decisions.note_counts(note_id)
    await edit_or_send(update, context, t(lang, "notes_started", count=counts.pending))
    await context.jobs.notes.wake(context.application)


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """The import form, a workbook sent with the command as caption, the notes' command and
    buttons."""
    document = tg_filters.Document.ALL
    other = ~tg_filters.COMMAND & ~tg_filters.Document.ALL & ~tg_filters.StatusUpdate.ALL
    names = "|".join(command("keputusan").names)
    captioned = (
        tg_filters.ChatType.PRIVATE
        & document
        & tg_filters.CaptionRegex(rf"^\s*/({names})(@\w+)?(\s|$)")
    )
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="If 'per_message=False'")
        conversation: ConversationHandler[BotContext] = ConversationHandler(
            entry_points=[
                command_handler("keputusan", start_decisions),
                MessageHandler(captioned, document_with_command),
            ],
            states={
                State.FILE: [
                    MessageHandler(document, on_document),
                    MessageHandler(other, file_expected),
                ],
            },
            fallbacks=[
                command_handler("batal", cancel),
                command_handler("keputusan", start_decisions),
                MessageHandler(tg_filters.COMMAND & ~pass_through(), command_in_import),
            ],
            name=CONVERSATION_NAME,
            persistent=True,
            allow_reentry=True,
        )
    guard_form(conversation, draft_key=DRAFT, role=Role.SECRETARIAT)
    return [
        conversation,
        command_handler("kabarkeputusan", confirm_notes),
        CallbackQueryHandler(on_notes_button, pattern=buttons.pattern(PREFIX)),
    ]
