"""Every idea of a participant goes through one filing path (issue 13, the merge of the hashtag
and the free-form work): a free-form idea gets the over-long choice and the similar-idea step
like a hashtag idea, and every reply to a message that did not save says so."""

from __future__ import annotations

from bot.dev.emulator import SimUser
from bot.dev.sandbox import BotHarness, register_by_chat, screen
from handlers.texts import t
from storage.models import Profile

NOT_SAVED = "Ide belum disimpan"
FIRST = "Pasar desa online untuk kopi Manggarai premium dan kopi lokal"
NEAR = "pasar online desa untuk kopi manggarai premium dan kopi lokal juga"
PARAGRAPHS = [
    "Pasar desa online untuk kopi Manggarai. " * 30,
    "Bank sampah di setiap kelurahan Ruteng. " * 30,
]
LONG = "\n\n".join(p.strip() for p in PARAGRAPHS)


async def participant(harness: BotHarness, name: str, kecamatan: str = "Cibal") -> SimUser:
    user = await harness.user(name)
    profile = Profile(f"{name} Jehalu", f"Kecamatan {kecamatan}", "camat", kecamatan)
    await harness.repo.register_self(user.id, profile, 1, "online")
    return user


async def tag_free_form(user: SimUser, text: str) -> None:
    """Send `text` without tags and answer the dimension and horizon questions."""
    await user.send(text)
    question = await user.reply(what="the dimension question")
    assert NOT_SAVED in (question.text or ""), question.text
    await user.press(t("id", "dim_economy"), question.message_id)
    horizon = await screen(user)
    await user.press(t("id", "horizon_5"), horizon.message_id)


async def test_an_over_long_free_form_idea_is_kept_not_refused(harness: BotHarness) -> None:
    user = await participant(harness, "Yosef")
    await tag_free_form(user, LONG)
    choice = await screen(user)
    text = choice.text or ""
    assert f"{len(LONG)} karakter" in text and "2 ide" in text and NOT_SAVED in text, text
    assert await harness.ideas.count() == 0
    await user.press(t("id", "btn_split_long"), choice.message_id)
    await user.reply(what="the first confirmation")
    assert "#I-0002 diterima" in ((await user.reply(what="the second")).text or "")
    first, second = await harness.ideas.get(1), await harness.ideas.get(2)
    assert first is not None and second is not None
    assert (first.text, second.text) == (PARAGRAPHS[0].strip(), PARAGRAPHS[1].strip())
    assert (first.dimension, first.horizon) == ("economy", "5")


async def test_a_free_form_near_duplicate_is_offered_for_support(harness: BotHarness) -> None:
    yosef = await participant(harness, "Yosef")
    await yosef.send(f"#ekonomi #5th {FIRST}")
    assert "#I-0001 diterima" in ((await yosef.reply()).text or "")
    maria = await participant(harness, "Maria", "Reok")
    await tag_free_form(maria, NEAR)
    shown = await screen(maria)
    assert "#I-0001" in (shown.text or "") and NOT_SAVED in (shown.text or ""), shown.text
    assert await harness.ideas.count() == 1
    await maria.press(t("id", "btn_support_idea"), shown.message_id)
    assert "tercatat (1 dukungan)" in ((await screen(maria)).text or "")
    assert await harness.services.supports.count(1) == 1
    assert await harness.ideas.count() == 1


async def test_a_greeting_while_a_tag_question_waits_says_not_saved(harness: BotHarness) -> None:
    user = await participant(harness, "Yosef")
    for idea in (f"#ekonmi {FIRST}", FIRST + " di setiap desa"):
        await user.send(idea)
        question = await user.reply(what="the tag question")
        await user.send("oke")
        pointed = (await user.reply(what="the pointer at the buttons")).text or ""
        assert t("id", "use_buttons") in pointed and NOT_SAVED in pointed, pointed
        await user.press(t("id", "dim_economy"), question.message_id)
        await screen(user)
        await user.send("/batal")
        await user.reply(what="the cancellation")
    assert await harness.ideas.count() <= 1


async def test_a_hashtag_idea_sent_before_registering_is_filed_after_it(
    harness: BotHarness,
) -> None:
    user = await harness.user("Yosef")
    await user.send(f"#ekonmi #5th {FIRST}")
    kept = (await user.reply(what="the idea kept for the registration")).text or ""
    assert NOT_SAVED in kept and "/daftar" in kept, kept
    assert await harness.ideas.count() == 0
    done = await register_by_chat(
        user,
        lang="id",
        name="Yosef Jehalu",
        kind="kecamatan",
        institution="Cibal",
        position="camat",
        mode="online",
    )
    assert "Terdaftar" in (done.text or "")
    # Right after the registration: the misspelt tag is asked, then the idea filed.
    question = await user.reply(what="the suggested tag of the kept idea")
    assert "Maksud Anda #ekonomi?" in (question.text or ""), question.text
    await user.send("terima kasih")  # answered, and told the offered idea is not saved yet
    thanks = (await user.reply(what="the answer to the thanks")).text or ""
    assert "Sama-sama" in thanks and NOT_SAVED in thanks, thanks
    await user.press(t("id", "dim_economy"), question.message_id)
    assert "#I-0001 diterima" in ((await user.reply(what="the confirmation")).text or "")
    idea = await harness.ideas.get(1)
    assert idea is not None and idea.text == FIRST
    assert (idea.dimension, idea.horizon) == ("economy", "5")


async def test_a_hashtag_idea_sent_while_another_form_waits_keeps_its_tags(
    harness: BotHarness,
) -> None:
    user = await participant(harness, "Yosef")
    await user.send("/profil")
    profile = await user.reply()
    await user.press(f"✏️ {t('id', 'field_position')}", profile.message_id)
    await screen(user)  # the profile form waits for a position button
    await user.send(f"#ekonmi #10th {FIRST}")
    kept = (await user.reply(what="the idea kept while the form is open")).text or ""
    assert NOT_SAVED in kept and "/batal" in kept, kept
    assert await harness.ideas.count() == 0
    await user.send("/batal")
    await user.reply(what="the form's cancellation")
    # Offered once the form is over, with the tag it meant suggested.
    question = await user.reply(what="the suggested tag of the kept idea")
    assert "Maksud Anda #ekonomi?" in (question.text or ""), question.text
    await user.press(t("id", "dim_economy"), question.message_id)
    assert "#I-0001 diterima" in ((await user.reply(what="the confirmation")).text or "")
    idea = await harness.ideas.get(1)
    assert idea is not None and idea.text == FIRST
    assert (idea.dimension, idea.horizon) == ("economy", "10")
