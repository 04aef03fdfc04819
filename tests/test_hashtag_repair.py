"""Hashtag ideas are never refused (issue 13): a misspelt tag is answered "Maksud Anda #ekonomi?"
and filed with one tap, two dimensions or horizons are a choice, a missing horizon holds nothing
back, an over-long idea is kept (as it is, or split at its paragraphs); meanwhile the idea waits
as a draft that survives a restart, and every reply that did not save says so."""

from __future__ import annotations

import pytest

from bot.dev.emulator import SimUser
from bot.dev.sandbox import BotHarness, screen
from handlers.texts import t
from storage.models import Profile

IDEA = "Pasar desa online untuk kopi Manggarai"
NOT_SAVED = "Ide belum disimpan"


async def participant(harness: BotHarness, name: str = "Yosef", *, lang: str = "id") -> SimUser:
    user = await harness.user(name, language_code=lang)
    profile = Profile(f"{name} Jehalu", "Kecamatan Cibal", "camat", "Cibal")
    await harness.repo.register_self(user.id, profile, 1, "online")
    return user


def dim(key: str, lang: str = "id") -> str:
    return t(lang, f"dim_{key}")


def hor(key: str, lang: str = "id") -> str:
    return t(lang, f"horizon_{key}")


@pytest.mark.parametrize(
    ("message", "meant", "first_button", "dimension", "horizon"),
    [
        (f"#ekonmi {IDEA}", "Maksud Anda #ekonomi?", dim("economy"), "economy", "unsure"),
        (
            f"#enviroment #10th {IDEA}",
            "Maksud Anda #environment?",
            dim("environment"),
            "environment",
            "10",
        ),
        (
            f"#tata_kelola {IDEA}",
            "Maksud Anda #tatakelola?",
            dim("governance"),
            "governance",
            "unsure",
        ),
        (f"#ekonomi #5 {IDEA}", f"Maksud Anda {hor('5')}?", hor("5"), "economy", "5"),
        (
            f"#lingkugan #1th {IDEA}",
            "Maksud Anda #lingkungan?",
            dim("environment"),
            "environment",
            "1",
        ),
    ],
)
async def test_a_misspelt_tag_is_suggested_and_filed_with_one_tap(
    harness: BotHarness,
    message: str,
    meant: str,
    first_button: str,
    dimension: str,
    horizon: str,
) -> None:
    user = await participant(harness)
    await user.send(message)
    question = await user.reply()
    assert meant in (question.text or "") and NOT_SAVED in (question.text or "")
    assert question.buttons[0] == [first_button]  # the closest known tag first
    assert await harness.ideas.count() == 0  # waiting, not lost, not filed
    await user.press(first_button, question.message_id)
    done = (await screen(user)).text or ""
    assert "✅ Ide #I-0001 diterima" in done
    idea = await harness.ideas.get(1)
    assert (idea.dimension, idea.horizon, idea.text) == (dimension, horizon, IDEA)


async def test_english_typo_gets_english_suggestion(harness: BotHarness) -> None:
    user = await participant(harness, "Peter", lang="en")
    await user.send(f"#enviroment #5y {IDEA}")
    question = await user.reply()
    assert "Did you mean #environment?" in (question.text or "")
    assert "not saved yet" in (question.text or "")
    await user.press(dim("environment", "en"))
    assert "Idea #I-0001 received" in ((await screen(user)).text or "")


async def test_two_dimensions_are_a_choice_between_them(harness: BotHarness) -> None:
    user = await participant(harness)
    await user.send(f"#ekonomi #lingkungan #5th {IDEA}")
    question = await user.reply()
    assert "dua dimensi" in (question.text or "") and NOT_SAVED in (question.text or "")
    assert question.buttons == [[dim("economy")], [dim("environment")]]
    await user.press(dim("environment"))
    assert "#I-0001 diterima" in ((await screen(user)).text or "")
    idea = await harness.ideas.get(1)
    assert (idea.dimension, idea.horizon, idea.text) == ("environment", "5", IDEA)


async def test_two_horizons_are_a_choice_between_them(harness: BotHarness) -> None:
    user = await participant(harness)
    await user.send(f"#ekonomi #1th #10th {IDEA}")
    question = await user.reply()
    assert "dua jangka waktu" in (question.text or "") and NOT_SAVED in (question.text or "")
    assert question.buttons == [[hor("1")], [hor("10")]]
    await user.press(hor("10"))
    assert "#I-0001 diterima" in ((await screen(user)).text or "")
    assert (await harness.ideas.get(1)).horizon == "10"


async def test_a_missing_horizon_is_asked_with_one_tap_after_filing(harness: BotHarness) -> None:
    user = await participant(harness)
    await user.send(f"#ekonomi {IDEA}")
    done = await user.reply()
    assert "#I-0001 diterima" in (done.text or "")  # nothing held back
    assert [hor("1"), hor("5")] in done.buttons and [hor("10")] in done.buttons
    await user.press(hor("10"), done.message_id)
    await screen(user)
    assert (await harness.ideas.get(1)).horizon == "10"


async def test_no_dimension_at_all_is_asked(harness: BotHarness) -> None:
    user = await participant(harness)
    await user.send(f"#kopi #5th {IDEA}")  # an unknown tag like no known one stays in the idea
    question = await user.reply()
    assert NOT_SAVED in (question.text or "") and len(question.buttons) == 3
    await user.press(dim("branding"))
    await screen(user)
    idea = await harness.ideas.get(1)
    assert (idea.dimension, idea.horizon, idea.text) == ("branding", "5", f"#kopi {IDEA}")


async def test_a_tag_without_an_idea_keeps_the_tags_and_takes_the_next_message(
    harness: BotHarness,
) -> None:
    user = await participant(harness)
    await user.send("#ekonomi #5th")
    reply = (await user.reply()).text or ""
    assert "tidak boleh kosong" in reply and NOT_SAVED in reply
    await user.send(IDEA)
    assert "#I-0001 diterima" in ((await user.reply()).text or "")
    idea = await harness.ideas.get(1)
    assert (idea.dimension, idea.horizon, idea.text) == ("economy", "5", IDEA)


async def test_the_draft_survives_a_restart_between_message_and_tap(harness: BotHarness) -> None:
    user = await participant(harness)
    await user.send(f"#ekonmi #5th {IDEA}")
    question = await user.reply()
    await harness.restart()
    await user.press(dim("economy"), question.message_id)
    assert "#I-0001 diterima" in ((await screen(user)).text or "")
    idea = await harness.ideas.get(1)
    assert (idea.dimension, idea.horizon, idea.text) == ("economy", "5", IDEA)


async def test_a_photo_with_a_misspelt_caption_keeps_its_photo(harness: BotHarness) -> None:
    user = await participant(harness)
    await user.send_photo(caption=f"#ekonmi #1th {IDEA}")
    question = await user.reply()
    await user.press(dim("economy"), question.message_id)
    await screen(user)
    idea = await harness.ideas.get(1)
    assert idea.attachment is not None and idea.attachment.type == "photo"
    assert idea.text == IDEA


# --- over-long ideas ---------------------------------------------------------------------------

PARAGRAPHS = [
    "Pasar desa online untuk kopi Manggarai. " * 30,
    "Bank sampah di setiap kelurahan Ruteng. " * 30,
    "Papan pengumuman digital di kantor camat. " * 30,
]
LONG = "\n\n".join(p.strip() for p in PARAGRAPHS)


async def test_an_over_long_idea_is_kept_and_saved_as_it_is(harness: BotHarness) -> None:
    user = await participant(harness)
    await user.send(f"#ekonomi #5th {LONG}")
    question = await user.reply()
    text = question.text or ""
    assert f"{len(LONG)} karakter" in text and "3 ide" in text and NOT_SAVED in text
    assert question.buttons == [[t("id", "btn_keep_long"), t("id", "btn_split_long")]]
    assert await harness.ideas.count() == 0
    await user.press(t("id", "btn_keep_long"))
    assert "#I-0001 diterima" in ((await user.reply()).text or "")
    idea = await harness.ideas.get(1)
    assert idea.text == LONG and (idea.dimension, idea.horizon) == ("economy", "5")
    assert await harness.ideas.count() == 1


async def test_an_over_long_idea_split_at_its_paragraphs(harness: BotHarness) -> None:
    user = await participant(harness)
    await user.send(f"#ekonomi #5th {LONG}")
    question = await user.reply()
    await user.press(t("id", "btn_split_long"), question.message_id)
    confirmations = [m.text or "" for m in await user.replies(3)]
    for number, confirmation in enumerate(confirmations, start=1):
        assert f"#I-{number:04d} diterima" in confirmation  # each with its reference
    for number, paragraph in enumerate(PARAGRAPHS, start=1):
        idea = await harness.ideas.get(number)
        assert idea.text == paragraph.strip()
        assert (idea.dimension, idea.horizon, idea.participant_id) == ("economy", "5", 1)
    assert await harness.ideas.count() == 3
    # A second tap on the same button files nothing more.
    await user.press_data(question.message_id, question.button(t("id", "btn_split_long")))
    await harness.client.wait_idle()
    assert await harness.ideas.count() == 3


async def test_over_long_text_in_the_ide_form_is_kept_too(harness: BotHarness) -> None:
    user = await participant(harness)
    await user.send("/ide")
    await user.reply()
    await user.press(dim("living"))
    await screen(user)
    await user.press(hor("1"))
    await screen(user)
    text = "y" * 2100
    await user.send(text)
    question = await user.reply()
    assert "2100 karakter" in (question.text or "") and NOT_SAVED in (question.text or "")
    assert question.buttons == [[t("id", "btn_keep_long")]]  # no paragraphs: nothing to split
    await user.press(t("id", "btn_keep_long"))
    assert "#I-0001 diterima" in ((await user.reply()).text or "")
    idea = await harness.ideas.get(1)
    assert (idea.text, idea.dimension, idea.horizon) == (text, "living", "1")


async def test_forged_length_buttons_change_nothing(harness: BotHarness) -> None:
    user = await participant(harness)
    await user.send(f"#ekonomi #5th {LONG}")
    question = await user.reply()
    data = question.button(t("id", "btn_split_long"))
    token = data.rsplit(":", 1)[1]
    for forged, refusal in (
        (
            "idea:long:split:000000" if token != "000000" else "idea:long:split:111111",
            "choice_expired",
        ),
        (f"idea:long:all:{token}", "invalid_button"),
        (f"idea:long:split:{token}:1", "invalid_button"),
        ("idea:long:split", "invalid_button"),
    ):
        pressed = await user.press_data(question.message_id, forged)
        answer = await user.callback_answer(pressed)
        assert answer.get("text") == t("id", refusal), forged
    assert await harness.ideas.count() == 0
    await user.press(t("id", "btn_keep_long"), question.message_id)  # the draft is still there
    assert "#I-0001 diterima" in ((await user.reply()).text or "")


async def test_ideas_sent_while_one_waits_are_held_not_lost(harness: BotHarness) -> None:
    user = await participant(harness)
    ideas = harness.ideas
    await user.send(f"#ekonmi #5th {IDEA}")
    first = await user.reply()
    # A clear idea meanwhile is filed at once; the open question stays open.
    await user.send("#lingkungan #1th Bank sampah di setiap kelurahan Ruteng")
    assert "#I-0001 diterima" in ((await user.reply()).text or "")
    # Another one that needs a tap is asked now; the first waits behind it.
    await user.send("#tatakelol #10th Papan pengumuman digital di kantor camat")
    second = await user.reply()
    assert "#tatakelola" in (second.text or "")
    # The first question's buttons cannot tag the idea asked about now.
    pressed = await user.press_data(first.message_id, first.button(dim("economy")))
    assert (await user.callback_answer(pressed)).get("text") == t("id", "choice_expired")
    await user.press(dim("governance"), second.message_id)
    assert "#I-0002 diterima" in ((await user.reply()).text or "")
    again = await user.reply()  # the first idea's question, asked again below
    assert "Maksud Anda #ekonomi?" in (again.text or "") and NOT_SAVED in (again.text or "")
    await user.press(dim("economy"), again.message_id)
    assert "#I-0003 diterima" in ((await user.reply()).text or "")
    texts = {(await ideas.get(i)).text for i in (1, 2, 3)}
    assert IDEA in texts and await ideas.count() == 3


async def test_no_question_for_someone_not_registered_for_the_stage(harness: BotHarness) -> None:
    user = await participant(harness)  # registered for Tahap I only
    await harness.repo.set_current_stage(2)
    await harness.repo.set_ideas_open(2, True)
    await user.send(f"#ekonmi {IDEA}")
    reply = await user.reply()
    # Kept for a registration to Tahap II (issue 13), no question meanwhile.
    assert "daftar dulu" in (reply.text or "").lower() and not reply.buttons
    assert await harness.ideas.count() == 0


async def test_a_message_delivered_again_while_it_waits_is_asked_once(
    harness: BotHarness,
) -> None:
    user = await participant(harness)
    _, update_id = await user.send_update(f"#ekonmi #5th {IDEA}")
    question = await user.reply()
    await harness.client.redeliver(update_id)
    await user.no_reply(0.5)  # not asked twice
    await user.press(dim("economy"), question.message_id)
    assert "#I-0001 diterima" in ((await user.reply()).text or "")
    await user.no_reply(0.5)  # and not asked again afterwards
    assert await harness.ideas.count() == 1


async def test_a_file_too_big_says_the_idea_is_not_saved(harness: BotHarness) -> None:
    user = await participant(harness)
    await user.send_document(
        file_name="video.mp4", file_size=30 * 2**20, caption=f"#ekonomi {IDEA}"
    )
    reply = (await user.reply()).text or ""
    assert "terlalu besar" in reply and NOT_SAVED in reply
    assert await harness.ideas.count() == 0
