"""The hashtag fast path: `#ekonomi #5th idea…` filed at once, without buttons."""

from __future__ import annotations

from telegram import Update

from bot.core.context import BotContext
from bot.rules.idea_rules import (
    Tagged,
    dimension_tag_list,
    horizon_tag_list,
    parse_tagged,
)
from handlers.common import (
    esc,
    say,
    user_lang,
)
from handlers.ideas.submit import _file


async def on_tagged(update: Update, context: BotContext) -> None:
    """The fast path: `#ekonomi #5th idea…` filed at once, without buttons."""
    message = update.effective_message
    assert message is not None
    raw = message.text or message.caption or ""
    parsed = parse_tagged(raw)
    if not isinstance(parsed, Tagged):
        lang = await user_lang(update, context)
        await say(
            update,
            context,
            parsed.key,
            lang=lang,
            tags=esc(" ".join(parsed.unknown)),
            dimension_tags=dimension_tag_list(lang),
            horizon_tags=horizon_tag_list(lang),
        )
        return
    # Everything else (registered? collection open? which stage?) is decided in the same
    # transaction that files the idea: one database round trip on a busy morning.
    user = update.effective_user
    assert user is not None
    await _file(
        update,
        context,
        None,  # the language is looked up after the commit, for the reply
        participant_id=None,
        stage=None,
        telegram_id=user.id,
        dimension=parsed.dimension,
        horizon=parsed.horizon,
        text=parsed.text,
        hint_unsure=not parsed.horizon_given,
    )
