"""/impor: the secretariat sends a list of offline participants (.xlsx or .csv) and picks a stage.

A small persistent conversation: wait for the file, then for the stage button. The file is read
once, when it arrives (so a broken one is refused at once), off the event loop; its rows wait in
memory for the stage button, and only its file_id in the persisted user data (a restarted bot
reads it again from Telegram). Files larger than any roster are refused before they are parsed
(storage/roster.py).
"""

from __future__ import annotations

import asyncio
import enum
import warnings
from typing import Any

from telegram import Document, Update
from telegram.error import TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.core.context import BotContext
from bot.core.roles import Role
from handlers import buttons
from handlers.buttons import small_int
from handlers.commands import command_handler, pass_through
from handlers.common import (
    END,
    answer_alert,
    answer_button,
    chunk_lines,
    edit_or_send,
    esc,
    in_columns,
    in_private_chat,
    keyboard,
    requires,
    say,
    send_html,
    user_lang,
)
from handlers.forms import guard_form, keep_or_point
from handlers.texts import LANGUAGES, t
from handlers.validation import INSTITUTION_MAX, NAME_MAX, NAME_MIN
from storage.models import POSITIONS
from storage.roster import (
    ROSTER_EXTENSIONS,
    ParsedRoster,
    RosterError,
    RosterRules,
    RowProblem,
    import_roster,
    position_words,
    read_roster,
    roster_template,
)

CONVERSATION_NAME = "roster_import"
PREFIX = "imp"
DRAFT = "roster"
PARSED = "roster_parsed"
BUTTONS: dict[str, tuple[buttons.Arg, ...]] = {"stage": (small_int,)}
MAX_FILE_MB = 5
TEMPLATE_NAME = "templat_peserta_luring.xlsx"


class State(enum.IntEnum):
    FILE = 1
    STAGE = 2


async def roster_rules(context: BotContext) -> RosterRules:
    """The bot's own limits and words: positions in both languages, the region's kecamatan."""
    kecamatan = [i.name for i in await context.repo.institutions("kecamatan")]
    return rules_for(kecamatan)


# Position labels the bot showed before they were shortened for buttons: lists typed from an
# older template still use them.
FORMER_POSITION_LABELS = (
    ("opd_staff", "Staf Perangkat Daerah"),
    ("ministry_expert", "Narasumber/Tenaga Ahli"),
    ("camat", "Camat (sub-district head)"),
)


def rules_for(kecamatan: list[str]) -> RosterRules:
    labels = [(p, t(lang, f"position_{p}")) for p in POSITIONS for lang in LANGUAGES]
    labels.extend(FORMER_POSITION_LABELS)
    return RosterRules(
        positions=position_words(labels),
        kecamatan=kecamatan,
        name_min=NAME_MIN,
        name_max=NAME_MAX,
        institution_max=INSTITUTION_MAX,
    )


def describe_problem(lang: str, problem: RowProblem, *, html: bool = True) -> str:
    """'Baris 5: jabatan “Bupati” tidak dikenal', in the user's language."""
    value = esc(problem.value) if html else problem.value
    limit = INSTITUTION_MAX if problem.reason.startswith("institution") else NAME_MAX
    reason = t(lang, f"roster_problem_{problem.reason}", value=value, max=limit)
    return t(lang, "roster_problem_line", row=problem.row, reason=reason)


def template_for(kecamatan: list[str]) -> bytes:
    """The roster template, with the Indonesian position names the secretariat picks from."""
    return roster_template([t("id", f"position_{p}") for p in POSITIONS], kecamatan)


@requires(Role.SECRETARIAT, refused=END)
async def start_import(update: Update, context: BotContext) -> int:
    """Ask for the roster file."""
    if not await in_private_chat(update, context):
        return END
    context.user_state.pop(DRAFT, None)
    await say(update, context, "roster_start")
    return State.FILE


@requires(Role.SECRETARIAT)
async def send_template(update: Update, context: BotContext) -> None:
    """Send the roster template (.xlsx)."""
    chat = update.effective_chat
    assert chat is not None
    lang = await user_lang(update, context)
    kecamatan = [i.name for i in await context.repo.institutions("kecamatan")]
    data = await asyncio.to_thread(template_for, kecamatan)
    await context.bot.send_document(
        chat.id, data, filename=TEMPLATE_NAME, caption=t(lang, "roster_template_caption")
    )


def _parsed(context: BotContext) -> dict[int, tuple[str, ParsedRoster]]:
    """Rosters read and waiting for their stage, per user, in memory only."""
    kept: dict[int, tuple[str, ParsedRoster]] = context.bot_data.setdefault(PARSED, {})
    return kept


def _user_id(update: Update) -> int:
    assert update.effective_user is not None
    return update.effective_user.id


async def _download(context: BotContext, file_id: str) -> bytes | None:
    try:
        file = await context.bot.get_file(file_id)
        return bytes(await file.download_as_bytearray())
    except TelegramError:
        return None


async def _read(
    update: Update, context: BotContext, lang: str, file_id: str, name: str
) -> ParsedRoster | None:
    """Download and read the roster; on failure tell the user why and return None."""
    data = await _download(context, file_id)
    if data is None:
        await say(update, context, "roster_download_failed", lang=lang)
        return None
    rules = await roster_rules(context)
    try:
        return await asyncio.to_thread(read_roster, data, name, rules)
    except RosterError as error:
        await say(
            update,
            context,
            f"roster_error_{error.reason}",
            lang=lang,
            name=esc(name),
            max=error.values.get("max", rules.max_rows),
        )
        return None


async def on_document(update: Update, context: BotContext) -> int | None:
    """Take the roster file: check its type and size, read it, then ask for the stage."""
    lang = await user_lang(update, context)
    message = update.effective_message
    assert message is not None
    document: Document | None = message.document
    assert document is not None
    name = document.file_name or ""
    if not name.lower().endswith(ROSTER_EXTENSIONS):
        await say(update, context, "roster_wrong_type", lang=lang, name=esc(name[:80] or "?"))
        return None
    if document.file_size and document.file_size > MAX_FILE_MB * 1024 * 1024:
        size = f"{document.file_size / 1024 / 1024:.1f}"
        await say(update, context, "roster_too_big", lang=lang, size=size, max=MAX_FILE_MB)
        return None
    parsed = await _read(update, context, lang, document.file_id, name)
    if parsed is None:
        return None
    if not parsed.rows:
        await _send_problems(update, context, lang, parsed.problems)
        await say(update, context, "roster_nothing_good", lang=lang, name=esc(name))
        return None
    context.user_state[DRAFT] = {"file_id": document.file_id, "name": name}
    # Read once: the rows wait in memory (never in the persisted user data) for the stage button.
    _parsed(context)[_user_id(update)] = (document.file_id, parsed)
    stages = await context.repo.list_stages()
    rows = in_columns(
        [(s.title_in(lang)[:60], buttons.make(PREFIX, "stage", s.number)) for s in stages], 1
    )
    await say(
        update,
        context,
        "roster_preview",
        lang=lang,
        markup=keyboard(rows),
        name=esc(name),
        good=len(parsed.rows),
        bad=len(parsed.problems),
    )
    return State.STAGE


async def on_stage(update: Update, context: BotContext) -> int | None:
    """Import the file's good rows for the chosen stage and report row by row."""
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    button = buttons.parse(query.data, PREFIX, BUTTONS)
    stage = await context.repo.get_stage(button.int_arg()) if button else None
    if stage is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return None
    draft = context.user_state.get(DRAFT)
    if not isinstance(draft, dict) or "file_id" not in draft:
        await answer_alert(update, t(lang, "stale_button"))
        return END
    title = esc(stage.title_in(lang))
    kept = _parsed(context).pop(_user_id(update), None)
    parsed = (
        kept[1]
        if kept is not None and kept[0] == draft["file_id"]
        # The bot restarted since the file came: read it again.
        else await _read(update, context, lang, str(draft["file_id"]), str(draft["name"]))
    )
    if parsed is None:
        await answer_button(update)
        return State.FILE
    await edit_or_send(
        update, context, t(lang, "roster_importing", count=len(parsed.rows), stage=title)
    )
    report = await import_roster(
        context.repo, parsed, stage.number, entered_by=update.effective_user.id
    )
    context.user_state.pop(DRAFT, None)
    await say(
        update,
        context,
        "roster_report",
        lang=lang,
        stage=title,
        imported=report.imported,
        already=report.already,
        bad=len(report.problems),
    )
    await _send_problems(update, context, lang, report.problems)
    return END


async def _send_problems(
    update: Update, context: BotContext, lang: str, problems: tuple[RowProblem, ...]
) -> None:
    if not problems:
        return
    lines = [t(lang, "roster_problems_header")]
    lines += [describe_problem(lang, p) for p in problems]
    for chunk in chunk_lines(lines):
        await send_html(update, context, chunk)


async def file_expected(update: Update, context: BotContext) -> None:
    """Answer anything but a document while the file is awaited."""
    await say(update, context, "roster_file_expected")


async def cancel(update: Update, context: BotContext) -> int:
    """Leave the import; nothing was saved."""
    context.user_state.pop(DRAFT, None)
    _parsed(context).pop(_user_id(update), None)
    await say(update, context, "roster_cancelled")
    return END


async def command_in_import(update: Update, context: BotContext) -> None:
    """Another command while importing: finish or cancel first."""
    await say(update, context, "roster_in_progress")


async def stale_stage_button(update: Update, context: BotContext) -> None:
    """A stage button of an import that is over."""
    lang = await user_lang(update, context)
    await answer_alert(update, t(lang, "stale_button"))


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """The import conversation, the template command, and stale import buttons."""
    document = filters.Document.ALL
    other = ~filters.COMMAND & ~filters.Document.ALL & ~filters.StatusUpdate.ALL
    with warnings.catch_warnings():
        # The stage buttons are tracked per chat and user on purpose: stale presses are caught.
        warnings.filterwarnings("ignore", message="If 'per_message=False'")
        conversation: ConversationHandler[BotContext] = ConversationHandler(
            entry_points=[command_handler("impor", start_import)],
            states={
                State.FILE: [
                    MessageHandler(document, on_document),
                    MessageHandler(other, file_expected),
                ],
                State.STAGE: [
                    CallbackQueryHandler(on_stage, pattern=buttons.pattern(PREFIX)),
                    MessageHandler(document, on_document),
                    MessageHandler(other, keep_or_point),  # an idea sent meanwhile is kept
                ],
            },
            fallbacks=[
                command_handler("batal", cancel),
                command_handler("impor", start_import),
                MessageHandler(filters.COMMAND & ~pass_through(), command_in_import),
            ],
            name=CONVERSATION_NAME,
            persistent=True,
            allow_reentry=True,
        )
    guard_form(conversation, draft_key=DRAFT, role=Role.SECRETARIAT)
    return [
        conversation,
        command_handler("templatpeserta", send_template),
        CallbackQueryHandler(stale_stage_button, pattern=buttons.pattern(PREFIX)),
    ]
