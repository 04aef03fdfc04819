"""Ideas as a camat actually sends them (issue 13): anything sent outside a form is kept at once
and filed with one or two taps; greetings and questions are answered, not filed; an idea sent
before registering, or while another form waits, is kept and offered afterwards."""

from __future__ import annotations

from typing import Any

from bot.dev.emulator import SimUser
from bot.dev.sandbox import FACILITATOR_ID, BotHarness, register_by_chat, screen
from handlers.texts import t
from storage.models import Profile

BTS = "Perlu menara BTS di Kecamatan Cibal supaya sinyal internet bagus untuk pelayanan desa"
NOT_SAVED = "Ide belum disimpan"


async def participant(harness: BotHarness, name: str = "Yosef", *, lang: str = "id") -> SimUser:
    """A camat registered for Tahap I (registration by chat is tested elsewhere)."""
    user = await harness.user(name, language_code=lang)
    profile = Profile(f"{name} Jehalu", "Kecamatan Cibal", "camat", "Cibal")
    await harness.repo.register_self(user.id, profile, 1, "online")
    return user


def draft_of(harness: BotHarness, user: SimUser) -> dict[str, Any]:
    assert harness.app is not None
    return dict(harness.app.user_data.get(user.id, {}).get("idea") or {})


async def source_of(harness: BotHarness, idea_id: int) -> int:
    row = await harness.repo.db.fetchone(
        "SELECT source_message_id FROM ideas WHERE id = ?", (idea_id,)
    )
    assert row is not None, f"idea {idea_id} was not stored"
    return int(row[0])


async def test_plain_text_is_kept_at_once_and_filed_with_two_taps(harness: BotHarness) -> None:
    user = await participant(harness)
    sent = await user.send(BTS)
    question = await user.reply()
    text = question.text or ""
    assert NOT_SAVED in text and "Sepertinya: Smart Governance" in text, text
    assert question.buttons[0][0] == "Smart Governance (tata kelola)"
    # Kept at once: the draft holds the idea before any tap; nothing filed yet.
    assert draft_of(harness, user)["text"] == BTS
    assert await harness.ideas.count() == 0

    await user.press("Smart Governance (tata kelola)", question.message_id)
    horizon = await screen(user)
    assert NOT_SAVED in (horizon.text or "") and "Menengah · 5 tahun" in str(horizon.buttons)
    assert await harness.ideas.count() == 0
    await user.press("Menengah · 5 tahun", horizon.message_id)
    done = await user.reply()
    assert "✅ Ide #I-0001 diterima" in (done.text or "")
    idea = await harness.ideas.get(1)
    assert idea is not None
    assert (idea.dimension, idea.horizon, idea.text) == ("governance", "5", BTS)
    assert await source_of(harness, 1) == sent  # the camat's message, not the tapped question
    assert draft_of(harness, user) == {}


async def test_untagged_words_are_read_as_tags(harness: BotHarness) -> None:
    user = await participant(harness)
    await user.send("ekonomi 5th Pasar desa online untuk kopi Manggarai")
    assert "✅ Ide #I-0001 diterima" in ((await user.reply()).text or "")  # no tap needed
    await user.send("jangka pendek: bank sampah dan daur ulang di pasar Inpres")
    question = await user.reply()
    assert NOT_SAVED in (question.text or "")
    assert question.buttons[0][0] == "Smart Environment (lingkungan)"  # the likeliest first
    await user.press("Smart Environment (lingkungan)", question.message_id)
    assert "✅ Ide #I-0002 diterima" in ((await user.reply()).text or "")  # one tap
    first, second = await harness.ideas.get(1), await harness.ideas.get(2)
    assert first is not None and second is not None
    assert (first.dimension, first.horizon, first.text) == (
        "economy",
        "5",
        "Pasar desa online untuk kopi Manggarai",
    )
    assert (second.dimension, second.horizon) == ("environment", "1")
    assert second.text == "bank sampah dan daur ulang di pasar Inpres"


async def tap_twice(user: SimUser, dimension: str, horizon: str) -> str:
    question = await user.reply()
    assert NOT_SAVED in (question.text or ""), question.text
    await user.press(dimension, question.message_id)
    await screen(user)
    await user.press(horizon)
    return (await user.reply()).text or ""


async def test_photo_voice_and_document_outside_a_form(harness: BotHarness) -> None:
    user = await participant(harness)
    await user.send_photo(caption="Tempat sampah terpilah di pasar Inpres Ruteng")
    assert "#I-0001 diterima" in await tap_twice(
        user, "Smart Environment (lingkungan)", "Quick win · 1 tahun"
    )
    await user.send_photo()
    assert "#I-0002 diterima" in await tap_twice(
        user, "Smart Branding (citra daerah)", "Belum tahu"
    )
    await user.send_voice(duration=9)
    assert "#I-0003 diterima" in await tap_twice(
        user, "Smart Living (kehidupan)", "Panjang · 10 tahun"
    )
    await user.send_document(file_name="usulan.pdf")
    assert "#I-0004 diterima" in await tap_twice(
        user, "Smart Society (masyarakat)", "Menengah · 5 tahun"
    )
    photo, bare, voice, document = [await harness.ideas.get(i) for i in (1, 2, 3, 4)]
    assert photo is not None and photo.attachment is not None
    assert photo.attachment.type == "photo" and photo.text.startswith("Tempat sampah")
    assert bare is not None and bare.attachment is not None and bare.text == ""
    assert voice is not None and voice.attachment is not None
    assert voice.attachment.type == "voice" and voice.dimension == "living"
    assert document is not None and document.attachment is not None
    assert document.attachment.name == "usulan.pdf" and document.horizon == "5"


async def test_the_draft_survives_a_restart_between_message_and_tap(harness: BotHarness) -> None:
    user = await participant(harness)
    await user.send(BTS)
    question = await user.reply()
    await harness.restart()
    assert draft_of(harness, user)["text"] == BTS  # read back from SQLite
    await user.press("Smart Governance (tata kelola)", question.message_id)
    horizon = await screen(user)
    await harness.restart()
    await user.press("Quick win · 1 tahun", horizon.message_id)
    assert "#I-0001 diterima" in ((await user.reply()).text or "")
    idea = await harness.ideas.get(1)
    assert idea is not None and (idea.text, idea.horizon) == (BTS, "1")


async def test_a_message_delivered_again_is_filed_once(harness: BotHarness) -> None:
    user = await participant(harness)
    _, update_id = await user.send_update(BTS)
    assert "#I-0001 diterima" in await tap_twice(
        user, "Smart Governance (tata kelola)", "Menengah · 5 tahun"
    )
    await harness.client.redeliver(update_id)
    assert "sudah kami terima: #I-0001" in ((await user.reply()).text or "")
    assert await harness.ideas.count() == 1 and draft_of(harness, user) == {}


async def test_greetings_and_questions_are_answered_not_filed(harness: BotHarness) -> None:
    user = await participant(harness)
    answers = {
        "halo": "Halo!",
        "Selamat pagi pak": "Halo!",
        "ok": "Halo!",
        "terima kasih": "Sama-sama",
        "Terima kasih banyak pak admin": "Sama-sama",
        "bagaimana cara kirim ide?": "tulis saja idenya di sini",
    }
    for text, answer in answers.items():
        await user.send(text)
        reply = (await user.reply()).text or ""
        assert answer in reply and "/bantuan" in reply, (text, reply)
        assert "dicatat sebagai draf" not in reply, (text, reply)
    await user.send("Cibal")  # one word
    assert NOT_SAVED in ((await user.reply()).text or "")
    assert await harness.ideas.count() == 0
    assert draft_of(harness, user) == {}


async def test_an_idea_sent_before_registering_is_filed_after_registration(
    harness: BotHarness,
) -> None:
    user = await harness.user("Yosef")
    await user.send(BTS)
    kept = (await user.reply()).text or ""
    assert NOT_SAVED in kept and "/daftar" in kept
    await user.send("halo")  # not an idea; still offered registration
    assert "/daftar" in ((await user.reply()).text or "")
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
    # Right after the registration's confirmation: the kept idea, asking its dimension.
    question = await user.reply()
    assert NOT_SAVED in (question.text or "") and question.buttons[0][0].startswith(
        "Smart Governance"
    )
    await user.press("Smart Governance (tata kelola)", question.message_id)
    await screen(user)
    await user.press("Menengah · 5 tahun")
    assert "#I-0001 diterima" in ((await user.reply()).text or "")
    idea = await harness.ideas.get(1)
    assert idea is not None and idea.text == BTS


async def test_a_whole_idea_typed_while_ide_waits_for_a_button_is_filed(
    harness: BotHarness,
) -> None:
    user = await participant(harness)
    await user.send("/ide")
    await user.reply()  # the /ide form waits for its dimension button
    await harness.restart()  # a form left open before a restart
    await user.send("#ekonomi #5th Koperasi kopi Colol dengan pembayaran non tunai")
    assert "#I-0001 diterima" in ((await user.reply()).text or "")
    await user.send("/ide")
    await user.reply()
    await user.send(BTS)  # the idea before its dimension: kept in the draft, asked on
    question = await user.reply()
    assert NOT_SAVED in (question.text or "") and "BTS" in (question.text or "")
    await user.press("Smart Governance (tata kelola)", question.message_id)
    await screen(user)
    await user.press("Menengah · 5 tahun")
    assert "#I-0002 diterima" in ((await user.reply()).text or "")
    idea = await harness.ideas.get(2)
    assert idea is not None and idea.text == BTS


async def test_an_idea_sent_while_another_form_waits_is_offered_after_cancel(
    harness: BotHarness,
) -> None:
    user = await participant(harness)
    await user.send("/profil")
    profile = await user.reply()
    await user.press(f"✏️ {t('id', 'field_position')}", profile.message_id)
    await screen(user)  # the profile form waits for a position button
    await harness.restart()
    await user.send(BTS)
    kept = (await user.reply()).text or ""
    assert NOT_SAVED in kept and "masih terbuka" in kept and "/batal" in kept
    await user.send("Bank sampah dan daur ulang di setiap kelurahan di Ruteng")
    assert NOT_SAVED in ((await user.reply()).text or "")
    await user.send("ok")  # not an idea: pointed at the buttons, as before
    assert "tombol" in ((await user.reply()).text or "")
    assert await harness.ideas.count() == 0
    await user.send("/batal")
    cancelled, offer = await user.replies(2)
    assert "Dibatalkan" in (cancelled.text or "")
    assert NOT_SAVED in (offer.text or "") and "BTS" in (offer.text or "")
    await user.press("Smart Governance (tata kelola)", offer.message_id)
    await screen(user)
    await user.press("Menengah · 5 tahun")
    assert "#I-0001 diterima" in ((await user.reply()).text or "")
    # Then the second kept idea, offered in turn.
    following = await user.reply()
    assert "Bank sampah" in (following.text or "")
    assert following.buttons[0][0] == "Smart Environment (lingkungan)"
    await user.press("Smart Environment (lingkungan)", following.message_id)
    await screen(user)
    await user.press("Quick win · 1 tahun")
    assert "#I-0002 diterima" in ((await user.reply()).text or "")
    assert await harness.ideas.count() == 2


async def test_kept_ideas_with_their_tags_are_filed_at_once_and_the_next_offered(
    harness: BotHarness,
) -> None:
    user = await harness.user("Maria")
    await user.send("ekonomi 5th Pasar desa online untuk kopi Manggarai")
    assert NOT_SAVED in ((await user.reply()).text or "")
    await user.send(BTS)
    assert NOT_SAVED in ((await user.reply()).text or "")
    assert await harness.ideas.count() == 0
    await register_by_chat(
        user,
        lang="id",
        name="Maria Jehalu",
        kind="kecamatan",
        institution="Reok",
        position="camat",
        mode="offline",
    )
    filed, question = await user.replies(2)
    assert "#I-0001 diterima" in (filed.text or "")  # both tags were in its words: no tap
    assert "BTS" in (question.text or "") and NOT_SAVED in (question.text or "")
    idea = await harness.ideas.get(1)
    assert idea is not None and (idea.dimension, idea.horizon) == ("economy", "5")


async def test_an_idea_typed_in_the_middle_of_a_poll_form_is_kept(harness: BotHarness) -> None:
    facilitator = await harness.user("Fasilitator", user_id=FACILITATOR_ID)
    profile = Profile("Agustinus Ndahur", "Dinas Komunikasi dan Informatika", "opd_staff")
    await harness.repo.register_self(facilitator.id, profile, 1, "offline")
    await facilitator.send("/polling")
    await facilitator.reply()
    await facilitator.send("Setuju jam mulai 08.00?")
    await facilitator.reply()
    await facilitator.send("Ya\nTidak")
    await facilitator.reply()
    await facilitator.press("✅ Selesai")
    await screen(facilitator)  # the poll form waits for "one answer or several"
    await facilitator.send(BTS)
    assert NOT_SAVED in ((await facilitator.reply()).text or "")
    await facilitator.send("/batal")
    _, offer = await facilitator.replies(2)
    assert "BTS" in (offer.text or "") and NOT_SAVED in (offer.text or "")
    await facilitator.press("Smart Governance (tata kelola)", offer.message_id)
    await screen(facilitator)
    await facilitator.press("Belum tahu")
    assert "#I-0001 diterima" in ((await facilitator.reply()).text or "")


async def test_an_idea_waiting_for_its_taps_survives_a_new_ide_form(harness: BotHarness) -> None:
    user = await participant(harness)
    await user.send(BTS)
    await user.reply()  # its dimension is asked; the camat starts /ide instead
    await user.send("/ide")
    await user.reply()
    await user.send("ekonomi 5th Koperasi kopi Colol dengan pembayaran non tunai")
    filed, offer = await user.replies(2)
    assert "#I-0001 diterima" in (filed.text or "")
    assert "BTS" in (offer.text or "") and NOT_SAVED in (offer.text or "")  # offered again
    await user.press("Smart Governance (tata kelola)", offer.message_id)
    await screen(user)
    await user.press("Belum tahu")
    assert "#I-0002 diterima" in ((await user.reply()).text or "")


async def test_in_english_the_likeliest_dimension_is_offered_too(harness: BotHarness) -> None:
    user = await participant(harness, "Peter", lang="en")
    await user.send("Recycling bins for waste at every market in Ruteng")
    question = await user.reply()
    assert "Idea not saved yet" in (question.text or "")
    assert "It looks like: Smart Environment" in (question.text or "")
    assert question.buttons[0][0] == "Smart Environment"
    await user.press("Smart Environment", question.message_id)
    await screen(user)
    await user.press("Quick win · 1 year")
    assert "Idea #I-0001 received" in ((await user.reply()).text or "")


async def test_a_second_idea_sent_while_the_first_is_tagged_waits_its_turn(
    harness: BotHarness,
) -> None:
    user = await participant(harness)
    await user.send(BTS)
    first = await user.reply()
    await user.press("Smart Governance (tata kelola)", first.message_id)
    await screen(user)  # the first idea's horizon is asked
    await user.send("Bank sampah dan daur ulang di setiap kelurahan di Ruteng")
    kept, asked = await user.replies(2)
    assert NOT_SAVED in (kept.text or "") and "Bank sampah" in (kept.text or "")
    assert "BTS" in (asked.text or "")  # the first idea's question again, below
    await user.press("Menengah · 5 tahun", asked.message_id)
    done, second = await user.replies(2)
    assert "#I-0001 diterima" in (done.text or "")
    assert "Bank sampah" in (second.text or "") and NOT_SAVED in (second.text or "")
    assert await harness.ideas.count() == 1
