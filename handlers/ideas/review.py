"""Ideas live for facilitators and the secretariat: counts, the latest of a dimension, one in full.

Facilitators read what the room is saying; author names stay with the secretariat (personal data
leaves the bot only to the secretariat), facilitators see the institution.
"""

from __future__ import annotations

import mimetypes
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.core.context import BotContext
from bot.core.roles import Role
from handlers import buttons
from handlers.buttons import choice, small_int
from handlers.commands import command_handler
from handlers.common import (
    answer_alert,
    answer_button,
    edit_or_send,
    esc,
    in_columns,
    keyboard,
    requires,
    say,
    send_html,
    user_lang,
)
from handlers.ideas import dimension_label, horizon_label, idea_details
from handlers.texts import t
from storage.models import DIMENSIONS, Idea

PREFIX = "rev"
LATEST = 10
BUTTONS: dict[str, tuple[buttons.Arg, ...]] = {
    "sum": (),
    "dim": (choice(*DIMENSIONS),),
    "idea": (small_int,),
    "file": (small_int,),
}


async def _summary(context: BotContext, lang: str) -> tuple[str, Any] | None:
    stage = await context.repo.current_stage()
    if stage is None:
        return None
    counts = await context.ideas.counts_by_dimension(stage.number)
    lines = [
        t(
            lang,
            "review_header",
            stage=esc(stage.title_in(lang)),
            total=sum(c.total for c in counts),
        )
    ]
    for count in counts:
        hours = count.by_horizon
        lines.append(
            t(
                lang,
                "review_line",
                dimension=dimension_label(lang, count.dimension),
                total=count.total,
                h1=hours["1"],
                h5=hours["5"],
                h10=hours["10"],
                hu=hours["unsure"],
            )
        )
    rows = in_columns(
        [
            (
                f"{dimension_label(lang, c.dimension).split(' (')[0]} ({c.total})",
                buttons.make(PREFIX, "dim", c.dimension),
            )
            for c in counts
        ]
    )
    return "\n".join(lines), keyboard(rows)


@requires(Role.FACILITATOR)
async def review(update: Update, context: BotContext) -> None:
    """Show the ideas of the current stage per dimension and horizon."""
    lang = await user_lang(update, context)
    summary = await _summary(context, lang)
    if summary is None:
        await say(update, context, "no_current_stage", lang=lang)
        return
    text, markup = summary
    await send_html(update, context, text, markup=markup)


def _author_for(update: Update, context: BotContext, idea: Idea) -> str | None:
    user = update.effective_user
    is_secretariat = context.role(user.id if user else None) >= Role.SECRETARIAT
    return idea.author if is_secretariat else None


@requires(Role.FACILITATOR)
async def on_review_button(update: Update, context: BotContext) -> None:
    """Drill down: a dimension's latest ideas, one idea in full, its attachment."""
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None
    button = buttons.parse(query.data, PREFIX, BUTTONS)
    if button is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return
    if button.action == "sum":
        summary = await _summary(context, lang)
        if summary is not None:
            await edit_or_send(update, context, *summary)
        return
    stage = await context.repo.current_stage()
    if stage is None:
        await answer_alert(update, t(lang, "no_current_stage"))
        return
    if button.action == "dim":
        dimension = button.str_arg()
        ideas = await context.ideas.latest(stage.number, dimension, limit=LATEST)
        label = dimension_label(lang, dimension)
        if not ideas:
            text = t(lang, "review_none", dimension=label)
        else:
            lines = [t(lang, "review_latest_header", dimension=label, count=len(ideas))]
            supports = await context.supports.counts(i.id for i in ideas)
            for item in ideas:
                author = _author_for(update, context, item)
                line = t(
                    lang,
                    "review_latest_line",
                    ref=item.ref,
                    horizon=horizon_label(lang, item.horizon),
                    author=esc(author) if author else "—",
                    institution=esc(item.institution),
                    text=esc(item.text[:200]) if item.text else t(lang, "idea_no_text"),
                )
                if supports.get(item.id):
                    line += "\n" + t(lang, "review_supports", count=supports[item.id])
                lines.append(line)
            text = "\n\n".join(lines)
        rows = in_columns([(f"🔎 {i.ref}", buttons.make(PREFIX, "idea", i.id)) for i in ideas], 3)
        rows.append([(t(lang, "back"), buttons.make(PREFIX, "sum"))])
        await edit_or_send(update, context, text, keyboard(rows))
        return
    idea = await context.ideas.get(button.int_arg())
    if idea is None:
        await answer_alert(update, t(lang, "idea_not_found"))
        return
    if button.action == "idea":
        rows = []
        if idea.attachment is not None:
            rows.append([(t(lang, "btn_open_attachment"), buttons.make(PREFIX, "file", idea.id))])
        rows.append([(t(lang, "back"), buttons.make(PREFIX, "dim", idea.dimension))])
        details = idea_details(
            lang, idea, context.workshop.tz, author=_author_for(update, context, idea)
        )
        details += "\n" + t(lang, "review_supports", count=await context.supports.count(idea.id))
        await edit_or_send(update, context, details, keyboard(rows))
        return
    await answer_button(update)
    await _send_attachment(update, context, idea)


async def _send_attachment(update: Update, context: BotContext, idea: Idea) -> None:
    """Send the idea's file again by its Telegram file_id (the bot never downloads it)."""
    chat = update.effective_chat
    attachment = idea.attachment
    if chat is None or attachment is None:
        return
    caption = idea.ref
    if attachment.type == "photo":
        await context.bot.send_photo(chat.id, attachment.file_id, caption=caption)
    elif attachment.type == "voice":
        await context.bot.send_voice(chat.id, attachment.file_id, caption=caption)
    else:
        # Sent by file_id, Telegram would show the sender's own file name, which often is their
        # name: re-upload the content under the idea's reference instead.
        try:
            file = await context.bot.get_file(attachment.file_id)
            content = bytes(await file.download_as_bytearray())
        except TelegramError:
            await say(update, context, "review_attachment_unavailable")
            return
        await context.bot.send_document(
            chat.id, content, filename=neutral_file_name(idea), caption=caption
        )


def neutral_file_name(idea: Idea) -> str:
    """`I-0042.pdf`: the idea's reference, with the extension its type implies."""
    mime = idea.attachment.mime if idea.attachment else None
    extension = (mimetypes.guess_extension(mime) if mime else None) or ""
    return f"{idea.ref.lstrip('#')}{extension}"


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    return [
        command_handler("rekapide", review),
        CallbackQueryHandler(on_review_button, pattern=buttons.pattern(PREFIX)),
    ]
