"""The secretariat's stage management and participant lists."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.core.context import BotContext
from bot.core.roles import Role
from handlers import buttons
from handlers.buttons import choice, small_int
from handlers.commands import command_handler
from handlers.common import (
    answer_alert,
    chunk_lines,
    edit_or_send,
    esc,
    keyboard,
    requires,
    say,
    send_html,
    stage_argument,
    user_lang,
)
from handlers.texts import roman, t
from handlers.validation import parse_stage
from storage.models import Stage

PREFIX = "stg"
BUTTONS: dict[str, tuple[buttons.Arg, ...]] = {
    "cur": (small_int,),
    "reg": (small_int, choice("0", "1")),
    "ideas": (small_int, choice("0", "1")),
}
# Field names the secretariat types (Indonesian first, English accepted) → stage columns.
STAGE_FIELDS = {
    "judul": "title",
    "title": "title",
    "judul_en": "title_en",
    "title_en": "title_en",
    "tanggal": "days",
    "days": "days",
    "dates": "days",
    "tempat": "venue",
    "venue": "venue",
    "tautan": "online_link",
    "link": "online_link",
}
STAGE_VALUE_MAX = 300


def _stage_line(lang: str, stage: Stage, count: int) -> str:
    days = ", ".join(d.strftime("%d-%m-%Y") for d in stage.days) or t(lang, "days_unset")
    return t(
        lang,
        "stage_line",
        marker=t(lang, "stage_current_marker" if stage.is_current else "stage_other_marker"),
        title=esc(stage.title_in(lang)),
        days=days,
        venue=esc(stage.venue) if stage.venue else t(lang, "venue_unset"),
        reg=t(lang, "reg_open" if stage.registration_open else "reg_closed"),
        ideas=t(lang, "ideas_open_word" if stage.ideas_open else "ideas_closed_word"),
        count=count,
    )


async def _stages_screen(context: BotContext, lang: str) -> tuple[str, Any]:
    stages = await context.repo.list_stages()
    workshop = context.workshop
    lines = [
        t(lang, "stages_header", workshop=esc(workshop.name_en if lang == "en" else workshop.name))
    ]
    rows: list[list[tuple[str, str]]] = []
    for stage in stages:
        counts = await context.repo.stage_counts(stage.number)
        lines.append(_stage_line(lang, stage, counts.total))
        row: list[tuple[str, str]] = []
        if not stage.is_current:
            row.append(
                (
                    t(lang, "btn_make_current", n=roman(stage.number)),
                    buttons.make(PREFIX, "cur", stage.number),
                )
            )
        key, flag = ("btn_close_reg", 0) if stage.registration_open else ("btn_open_reg", 1)
        row.append(
            (t(lang, key, n=roman(stage.number)), buttons.make(PREFIX, "reg", stage.number, flag))
        )
        rows.append(row)
        key, flag = ("btn_close_ideas", 0) if stage.ideas_open else ("btn_open_ideas", 1)
        rows.append(
            [
                (
                    t(lang, key, n=roman(stage.number)),
                    buttons.make(PREFIX, "ideas", stage.number, flag),
                )
            ]
        )
    return "\n\n".join(lines), keyboard(rows)


@requires(Role.SECRETARIAT)
async def list_stages(update: Update, context: BotContext) -> None:
    """Show every stage, which one is current, and buttons to change that."""
    lang = await user_lang(update, context)
    text, markup = await _stages_screen(context, lang)
    await send_html(update, context, text, markup=markup)


@requires(Role.SECRETARIAT)
async def on_stage_button(update: Update, context: BotContext) -> None:
    """Make a stage current, or open or close its registration."""
    lang = await user_lang(update, context)
    query = update.callback_query
    assert query is not None
    button = buttons.parse(query.data, PREFIX, BUTTONS)
    stage = await context.repo.get_stage(button.int_arg()) if button else None
    if button is None or stage is None:
        await answer_alert(update, t(lang, "invalid_button"))
        return
    if button.action == "cur":
        await context.repo.set_current_stage(stage.number)
        notice = t(lang, "stage_now_current", n=roman(stage.number))
    elif button.action == "reg":
        is_open = button.str_arg(1) == "1"
        await context.repo.set_registration_open(stage.number, is_open)
        notice = t(
            lang, "stage_reg_opened" if is_open else "stage_reg_closed", n=roman(stage.number)
        )
    else:
        is_open = button.str_arg(1) == "1"
        await context.repo.set_ideas_open(stage.number, is_open)
        notice = t(
            lang, "stage_ideas_opened" if is_open else "stage_ideas_closed", n=roman(stage.number)
        )
    text, markup = await _stages_screen(context, lang)
    await edit_or_send(update, context, f"{esc(notice)}\n\n{text}", markup)


def parse_stage_edit(args: list[str]) -> tuple[int, str, str] | str:
    """(stage, column, value) from `/ubahtahap N field value...`, or the key of the problem."""
    number = parse_stage(args[0]) if args else None
    if len(args) < 3 or number is None:
        return "editstage_usage"
    column = STAGE_FIELDS.get(args[1].casefold())
    if column is None:
        return "editstage_bad_field"
    value = " ".join(args[2:]).strip()
    if len(value) > STAGE_VALUE_MAX:
        return "editstage_too_long"
    if column == "days":
        try:
            days = sorted(dt.date.fromisoformat(d.strip()) for d in value.split(",") if d.strip())
        except ValueError:
            return "editstage_bad_days"
        if not days:
            return "editstage_bad_days"
        value = ",".join(d.isoformat() for d in days)
    if column == "online_link" and not re.match(r"^https?://\S+$", value):
        return "editstage_bad_link"
    return number, column, value


@requires(Role.SECRETARIAT)
async def edit_stage(update: Update, context: BotContext) -> None:
    """Change a stage's title, dates, venue or online link from the chat."""
    args = list(context.args or [])
    parsed = parse_stage_edit(args)
    if isinstance(parsed, str):
        field = args[1] if len(args) > 1 else ""
        value = " ".join(args[2:])
        await say(update, context, parsed, field=esc(field), value=esc(value), max=STAGE_VALUE_MAX)
        return
    number, column, value = parsed
    stage = await context.repo.update_stage(number, column, value)
    if stage is None:
        await say(update, context, "no_such_stage")
        return
    await say(
        update, context, "editstage_done", n=roman(number), field=esc(args[1]), value=esc(value)
    )


@requires(Role.SECRETARIAT)
async def list_participants(update: Update, context: BotContext) -> None:
    """List a stage's participants with counts online/offline and per institution."""
    lang = await user_lang(update, context)
    stage = await stage_argument(update, context, lang, "participants_usage")
    if stage is None:
        return
    title = esc(stage.title_in(lang))
    counts = await context.repo.stage_counts(stage.number)
    if counts.total == 0:
        await say(update, context, "participants_none", lang=lang, stage=title)
        return
    lines = [
        t(
            lang,
            "participants_header",
            stage=title,
            total=counts.total,
            online=counts.online,
            offline=counts.offline,
        ),
        "",
        t(lang, "participants_by_institution"),
    ]
    lines += [
        t(
            lang,
            "participants_institution_line",
            institution=esc(c.institution),
            total=c.total,
            online=c.online,
            offline=c.offline,
        )
        for c in counts.by_institution
    ]
    lines += ["", t(lang, "participants_list_header")]
    for i, entry in enumerate(await context.repo.roster(stage.number), start=1):
        person = entry.participant
        lines.append(
            t(
                lang,
                "participants_line",
                i=i,
                name=esc(person.full_name),
                institution=esc(person.institution),
                position=t(lang, f"position_{person.position}"),
                mode=t(lang, f"mode_{entry.registration.mode}"),
                no_tg=t(lang, "participants_no_telegram") if person.telegram_id is None else "",
            )
        )
    for chunk in chunk_lines(lines):
        await send_html(update, context, chunk)


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    return [
        command_handler("tahap", list_stages),
        command_handler("ubahtahap", edit_stage),
        command_handler("peserta", list_participants),
        CallbackQueryHandler(on_stage_button, pattern=buttons.pattern(PREFIX)),
    ]
