"""/ekspor: the secretariat's Excel workbook for the drafting team, sent as a document.

The workbook is built by `storage.export.write_export` in a worker thread (`asyncio.to_thread`)
through its own read-only connection, so while a big export runs the bot keeps answering
everyone else. One export runs at a time; a second one waits its turn.

The workbook offered first is the one to share with the drafting team (participants by number,
position and institution, never by name); the full one with personal data is the secretariat's
deliberate second choice, and says so on every sheet and in its file name.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Coroutine, Sequence
from pathlib import Path
from typing import Any, TypeVar

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.core.attachments import AttachmentNotes, ZipResult, export_with_attachments
from bot.core.context import BotContext
from bot.core.roles import Role
from bot.rules.grouping import GroupInput, group_ideas
from handlers import buttons
from handlers.buttons import choice, small_int
from handlers.commands import command_handler
from handlers.common import answer_alert, edit_or_send, esc, keyboard, requires, say, user_lang
from handlers.texts import t
from storage.export import (
    TELEGRAM_DOCUMENT_LIMIT,
    ExportLabels,
    ExportRequest,
    ExportResult,
    default_output,
    write_export,
)
from storage.export_matrix import GroupRow
from storage.models import ATTACHMENT_TYPES, DIMENSIONS, HORIZONS, IDEA_CHANNELS, MODES, POSITIONS

T = TypeVar("T")
PREFIX = "exp"
ALL_STAGES = 0
_NONCE = "export_nonce"
_LOCK = "export_lock"
BUTTONS: dict[str, tuple[buttons.Arg, ...]] = {
    "st": (small_int,),
    "go": (small_int, choice("full", "pub"), small_int),
    "zip": (small_int, choice("full", "pub"), small_int),  # with the ideas' files, one .zip
    "back": (),
}
# The ideas' files in a .zip sent in the chat: room left for the workbook under Telegram's 50 MB.
ZIP_FILES_LIMIT = 45 * 1024 * 1024
# Seconds allowed for uploading a big workbook to Telegram (PTB's default is 20 s).
UPLOAD_TIMEOUT = 300


def export_labels(lang: str = "id") -> ExportLabels:
    """The words the workbook shows, from the bot's texts (storage never imports handlers)."""
    return ExportLabels(
        dimensions={d: t(lang, f"dim_{d}") for d in DIMENSIONS},
        horizons={h: t(lang, f"horizon_{h}") for h in HORIZONS},
        positions={p: t(lang, f"position_{p}") for p in POSITIONS},
        modes={m: t(lang, f"mode_{m}") for m in MODES},
        idea_channels={c: t(lang, f"channel_{c}") for c in IDEA_CHANNELS},
        registration_channels={
            c: t(lang, f"xlsx_reg_channel_{c}") for c in ("self", "secretariat", "import")
        },
        attachments={a: t(lang, f"xlsx_attachment_{a}") for a in ATTACHMENT_TYPES},
        statuses={s: t(lang, f"xlsx_status_{s}") for s in ("active", "withdrawn")},
        all_stages=t(lang, "xlsx_all_stages"),
        kind_full=t(lang, "xlsx_kind_private"),
        kind_public=t(lang, "xlsx_kind_shareable"),
        yes=t(lang, "xlsx_yes"),
        no=t(lang, "xlsx_no"),
        private_mark=t(lang, "xlsx_private_mark"),
        page_footer=t(lang, "xlsx_page_footer"),
    )


def group_for_export(ideas: Sequence[GroupRow]) -> dict[int, int]:
    """The workbook's groups of similar ideas: the same measure as when an idea is sent."""
    return group_ideas([GroupInput(idea_id, dimension, text) for idea_id, dimension, text in ideas])


async def _private_only(update: Update, context: BotContext) -> bool:
    """Participants' data goes only to a private chat, never to a group."""
    chat = update.effective_chat
    if chat is not None and chat.type == ChatType.PRIVATE:
        return True
    lang = await user_lang(update, context)
    if update.callback_query is not None:
        await answer_alert(update, t(lang, "export_private_only"))
    else:
        await say(update, context, "export_private_only", lang=lang)
    return False


@requires(Role.SECRETARIAT)
async def start_export(update: Update, context: BotContext) -> None:
    """Offer the stages (or all of them) to export."""
    if not await _private_only(update, context):
        return
    lang = await user_lang(update, context)
    text, markup = await _stage_screen(context, lang)
    await edit_or_send(update, context, text, markup)


async def _stage_screen(context: BotContext, lang: str) -> tuple[str, Any]:
    stages = await context.repo.list_stages()
    if not stages:
        return t(lang, "export_no_stages"), None
    rows = [
        [
            (
                t(
                    lang,
                    "export_stage_button",
                    title=_short(stage.title_in(lang)),
                    ideas=await context.ideas.count(stage.number),
                ),
                buttons.make(PREFIX, "st", stage.number),
            )
        ]
        for stage in stages
    ]
    rows.append([(t(lang, "export_all_stages"), buttons.make(PREFIX, "st", ALL_STAGES))])
    return t(lang, "export_choose_stage"), keyboard(rows)


def _short(title: str, limit: int = 40) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


@requires(Role.SECRETARIAT)
async def on_button(update: Update, context: BotContext) -> None:
    """Handle the stage choice, the full/public choice and the way back."""
    if not await _private_only(update, context):
        return
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None
    button = buttons.parse(query.data, PREFIX, BUTTONS)
    if button is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return
    if button.action == "back":
        await start_export(update, context)
        return
    stage_number = button.int_arg()
    stage_title = await _stage_title(context, stage_number, lang)
    if stage_title is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return
    if button.action == "st":
        await _offer_kinds(update, context, lang, stage_number, stage_title)
        return
    # "go": one tap, one export; a second tap or an old message is refused.
    if context.user_state.get(_NONCE) != button.int_arg(2):
        await answer_alert(update, t(lang, "export_stale"))
        return
    context.user_state.pop(_NONCE, None)
    public = button.str_arg(1) == "pub"
    if button.action == "zip":
        await _zip_and_send(update, context, lang, stage_number, stage_title, public)
        return
    await _export_and_send(update, context, lang, stage_number, stage_title, public)


async def _stage_title(context: BotContext, number: int, lang: str) -> str | None:
    if number == ALL_STAGES:
        return t(lang, "xlsx_all_stages")
    stage = await context.repo.get_stage(number)
    return stage.title_in(lang) if stage else None


async def _offer_kinds(
    update: Update, context: BotContext, lang: str, stage_number: int, stage_title: str
) -> None:
    nonce = secrets.randbelow(10**9)
    context.user_state[_NONCE] = nonce
    # The shareable workbook first and on its own row: the one to pass on.
    markup = keyboard(
        [
            [
                (
                    t(lang, "btn_export_shareable"),
                    buttons.make(PREFIX, "go", stage_number, "pub", nonce),
                )
            ],
            [
                (
                    t(lang, "btn_export_full"),
                    buttons.make(PREFIX, "go", stage_number, "full", nonce),
                )
            ],
            [
                (
                    t(lang, "btn_export_zip_full"),
                    buttons.make(PREFIX, "zip", stage_number, "full", nonce),
                ),
                (
                    t(lang, "btn_export_zip_public"),
                    buttons.make(PREFIX, "zip", stage_number, "pub", nonce),
                ),
            ],
            [(t(lang, "back"), buttons.make(PREFIX, "back"))],
        ]
    )
    await edit_or_send(
        update, context, t(lang, "export_choose_kind_shareable", stage=esc(stage_title)), markup
    )


def export_request(
    context: BotContext, stage: int | None, *, public: bool, output: Path | None = None
) -> ExportRequest:
    """What an export from the chat writes: the workshop's labels, villages and grouping."""
    workshop = context.workshop
    settings = context.settings
    now = settings.clock()
    return ExportRequest(
        db_path=settings.db_path,
        output=output
        or default_output(
            settings.export_dir,
            workshop.region,
            stage,
            timezone=workshop.timezone,
            public=public,
            now=now,
        ),
        labels=export_labels("id"),
        workshop_name=workshop.name,
        region=workshop.region,
        timezone=workshop.timezone,
        stage=stage,
        public=public,
        now=now,
        villages=dict(workshop.villages),
        group_ideas=group_for_export,
    )


async def run_export(
    context: BotContext,
    stage: int | None,
    *,
    public: bool,
    output: Path | None = None,
    actor: int | None = None,
) -> ExportResult:
    """Write the workbook under the export folder, off the event loop (logged first, so the
    workbook's own Audit sheet shows it)."""
    subject = f"stage {stage}" if stage else "all stages"
    await context.services.admin.record(actor, "export", subject, public=public)
    request = export_request(context, stage, public=public, output=output)
    return await asyncio.to_thread(write_export, request)


async def _export_and_send(
    update: Update,
    context: BotContext,
    lang: str,
    stage_number: int,
    stage_title: str,
    public: bool,
) -> None:
    kind = t(lang, "export_kind_shareable" if public else "export_kind_private")
    result = await _in_turn(
        update,
        context,
        lang,
        stage_title,
        kind,
        run_export(
            context,
            None if stage_number == ALL_STAGES else stage_number,
            public=public,
            actor=update.effective_user.id if update.effective_user else None,
        ),
    )
    if not await _upload(
        update, context, lang, result.path, result.size, result, stage_title, kind
    ):
        return
    await say(
        update,
        context,
        "export_done",
        lang=lang,
        stage=esc(stage_title),
        kind=kind,
        ideas=result.ideas,
        participants=result.registrations,
    )


async def _zip_and_send(
    update: Update,
    context: BotContext,
    lang: str,
    stage_number: int,
    stage_title: str,
    public: bool,
) -> None:
    """The workbook and the ideas' files in one .zip, sent as a document."""
    kind = t(
        lang,
        "export_zip_kind",
        kind=t(lang, "export_kind_public" if public else "export_kind_full"),
    )
    zipped = await _in_turn(
        update,
        context,
        lang,
        stage_title,
        kind,
        run_export_with_attachments(
            context,
            None if stage_number == ALL_STAGES else stage_number,
            public=public,
            actor=update.effective_user.id if update.effective_user else None,
        ),
    )
    if not await _upload(
        update, context, lang, zipped.path, zipped.size, zipped.export, stage_title, kind
    ):
        return
    skipped = t(lang, "export_zip_skipped", count=zipped.skipped) if zipped.skipped else ""
    await say(
        update, context, "export_zip_files", lang=lang, files=zipped.included, skipped=skipped
    )


async def _in_turn(
    update: Update,
    context: BotContext,
    lang: str,
    stage_title: str,
    kind: str,
    work: Coroutine[Any, Any, T],
) -> T:
    """Run one export at a time (each takes a core for a while); say whether it waits."""
    lock: asyncio.Lock = context.bot_data.setdefault(_LOCK, asyncio.Lock())
    waiting = "export_queued" if lock.locked() else "export_working"
    await edit_or_send(update, context, t(lang, waiting, stage=esc(stage_title), kind=kind))
    async with lock:
        return await work


async def _upload(
    update: Update,
    context: BotContext,
    lang: str,
    path: Path,
    size: int,
    result: ExportResult,
    stage_title: str,
    kind: str,
) -> bool:
    """Send the file (workbook or .zip) with its caption; False when it is over Telegram's limit
    (the person is told where it lies on the server instead)."""
    chat = update.effective_chat
    assert chat is not None
    if size > TELEGRAM_DOCUMENT_LIMIT:
        await say(
            update,
            context,
            "export_too_big",
            lang=lang,
            size=f"{size / 1024 / 1024:.1f}",
            path=esc(path),
        )
        return False
    when = context.settings.clock().astimezone(context.workshop.tz).strftime("%d-%m-%Y %H:%M")
    with path.open("rb") as document:
        await context.bot.send_document(
            chat.id,
            document,
            filename=path.name,
            caption=t(
                lang,
                "export_caption",
                stage=_short(stage_title, 200),
                kind=kind,
                ideas=result.ideas,
                participants=result.registrations,
                time=when,
            ),
            write_timeout=UPLOAD_TIMEOUT,
        )
    return True


def attachment_notes() -> AttachmentNotes:
    """What the Lampiran cell says of a file left out (the workbook speaks Indonesian)."""
    return AttachmentNotes(
        too_big=t("id", "xlsx_attachment_too_big", size="{size}"),
        over_total=t("id", "xlsx_attachment_over_total"),
        unavailable=t("id", "xlsx_attachment_unavailable"),
    )


async def run_export_with_attachments(
    context: BotContext, stage: int | None, *, public: bool, actor: int | None = None
) -> ZipResult:
    """The .zip of the workbook and the ideas' files, under the export folder (logged first)."""
    subject = f"stage {stage}" if stage else "all stages"
    await context.services.admin.record(actor, "export", subject, public=public, attachments=True)
    request = export_request(context, stage, public=public)
    return await export_with_attachments(
        context.bot, request, attachment_notes(), max_total=ZIP_FILES_LIMIT
    )


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    return [
        command_handler("ekspor", start_export),
        CallbackQueryHandler(on_button, pattern=buttons.pattern(PREFIX)),
    ]
