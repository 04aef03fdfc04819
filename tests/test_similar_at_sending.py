"""Similar ideas at the moment of sending (issue 13): an active idea of the same stage by someone
else that says the same is shown before a new idea is filed; "Dukung ide ini" counts a support
once per person, "Tetap kirim ide baru" files the idea; until the tap nothing is lost (also over a
restart), and every tap is checked again (draft, registration, open stage, idea still active)."""

from __future__ import annotations

import pytest

from bot.dev.emulator import SimUser
from bot.dev.emulator.client import BotMessage
from bot.dev.sandbox import BotHarness, screen
from handlers.texts import t
from storage.models import Profile

FIRST = "Pasar desa online untuk kopi Manggarai <premium> & kopi lokal"
NEAR = "pasar online desa untuk kopi manggarai premium dan kopi lokal"
SUPPORT, NEW = t("id", "btn_support_idea"), t("id", "btn_send_as_new")
NOT_SAVED = "Ide belum disimpan"


async def participant(harness: BotHarness, name: str, kecamatan: str = "Cibal") -> SimUser:
    user = await harness.user(name)
    profile = Profile(f"{name} Jehalu", f"Kecamatan {kecamatan}", "camat", kecamatan)
    await harness.repo.register_self(user.id, profile, 1, "online")
    return user


async def first_idea(harness: BotHarness) -> SimUser:
    """Yosef files #I-0001, the idea the others will be shown."""
    yosef = await participant(harness, "Yosef")
    await yosef.send(f"#ekonomi #5th {FIRST}")
    assert "#I-0001 diterima" in ((await yosef.reply()).text or "")
    return yosef


async def proposal(user: SimUser, text: str = NEAR) -> BotMessage:
    await user.send(f"#ekonomi #1th {text}")
    shown = await user.reply()
    assert "#I-0001" in (shown.text or ""), shown.text
    return shown


async def test_the_similar_idea_is_shown_and_supported_once(harness: BotHarness) -> None:
    await first_idea(harness)
    maria = await participant(harness, "Maria", "Reok")
    shown = await proposal(maria)
    text = shown.text or ""
    assert FIRST in text  # escaped on the way out, intact on the phone
    assert t("id", "dim_economy") in text and NOT_SAVED in text
    assert shown.buttons == [[SUPPORT], [NEW]]
    assert await harness.ideas.count() == 1  # waiting in the draft, not filed
    await maria.press(SUPPORT, shown.message_id)
    done = (await screen(maria)).text or ""
    assert "Dukungan Anda untuk #I-0001 tercatat (1 dukungan)" in done
    assert await harness.services.supports.count(1) == 1
    assert await harness.ideas.count() == 1  # supporting is not a new idea

    # Another copy of the same button: no second support.
    pressed = await maria.press_data(shown.message_id, shown.button(SUPPORT))
    assert (await maria.callback_answer(pressed)).get("text") == t("id", "choice_expired")
    # The same idea sent again later and supported again: told, still counted once.
    again = await proposal(maria, NEAR + " sekali lagi")
    await maria.press(SUPPORT, again.message_id)
    assert "sudah mendukung #I-0001" in ((await screen(maria)).text or "")
    assert await harness.services.supports.count(1) == 1
    assert await harness.ideas.count() == 1


async def test_send_as_new_files_the_idea(harness: BotHarness) -> None:
    await first_idea(harness)
    maria = await participant(harness, "Maria", "Reok")
    shown = await proposal(maria)
    await maria.press(NEW, shown.message_id)
    assert "#I-0002 diterima" in ((await screen(maria)).text or "")
    idea = await harness.ideas.get(2)
    assert (idea.text, idea.dimension, idea.horizon, idea.participant_id) == (
        NEAR,
        "economy",
        "1",
        2,
    )
    assert await harness.services.supports.count(1) == 0


async def test_the_sender_s_own_ideas_are_never_proposed(harness: BotHarness) -> None:
    yosef = await first_idea(harness)
    await yosef.send(f"#ekonomi #1th {NEAR}")
    assert "#I-0002 diterima" in ((await yosef.reply()).text or "")


async def test_the_ide_form_offers_the_similar_idea_too(harness: BotHarness) -> None:
    await first_idea(harness)
    maria = await participant(harness, "Maria", "Reok")
    await maria.send("/ide")
    await maria.reply()
    await maria.press(t("id", "dim_economy"))
    await screen(maria)
    await maria.press(t("id", "horizon_5"))
    await screen(maria)
    await maria.send(NEAR)
    shown = await maria.reply()
    assert "#I-0001" in (shown.text or "") and shown.buttons == [[SUPPORT], [NEW]]
    await maria.press(NEW, shown.message_id)
    assert "#I-0002 diterima" in ((await screen(maria)).text or "")


async def test_withdrawn_and_other_stage_ideas_are_not_proposed(harness: BotHarness) -> None:
    yosef = await first_idea(harness)
    await harness.ideas.edit(1, owner=None, changed_by=yosef.id, withdraw=True)
    maria = await participant(harness, "Maria", "Reok")
    await maria.send(f"#ekonomi #1th {NEAR}")
    assert "#I-0002 diterima" in ((await maria.reply()).text or "")


async def test_a_withdrawal_before_the_tap_leaves_the_choice_to_send(harness: BotHarness) -> None:
    yosef = await first_idea(harness)
    maria = await participant(harness, "Maria", "Reok")
    shown = await proposal(maria)
    await harness.ideas.edit(1, owner=None, changed_by=yosef.id, withdraw=True)
    await maria.press(SUPPORT, shown.message_id)
    gone = await screen(maria)
    assert "sudah dibatalkan" in (gone.text or "") and gone.buttons == [[NEW]]
    assert await harness.services.supports.count(1) == 0
    await maria.press(NEW, gone.message_id)
    assert "#I-0002 diterima" in ((await screen(maria)).text or "")


async def test_closed_collection_at_the_tap_counts_nothing(harness: BotHarness) -> None:
    await first_idea(harness)
    maria = await participant(harness, "Maria", "Reok")
    shown = await proposal(maria)
    await harness.repo.set_ideas_open(1, False)
    await maria.press(SUPPORT, shown.message_id)
    assert "sudah ditutup" in ((await screen(maria)).text or "")
    assert await harness.services.supports.count(1) == 0


async def test_the_choice_survives_a_restart(harness: BotHarness) -> None:
    await first_idea(harness)
    maria = await participant(harness, "Maria", "Reok")
    shown = await proposal(maria)
    await harness.restart()
    await maria.press(SUPPORT, shown.message_id)
    assert "tercatat" in ((await screen(maria)).text or "")
    assert await harness.services.supports.count(1) == 1


async def test_forged_similar_buttons_change_nothing(harness: BotHarness) -> None:
    await first_idea(harness)
    maria = await participant(harness, "Maria", "Reok")
    shown = await proposal(maria)
    data = shown.button(SUPPORT)  # idea:sim:support:1:<token>
    token = data.rsplit(":", 1)[1]
    other = "000000" if token != "000000" else "111111"
    for forged, refusal in (
        (f"idea:sim:support:2:{token}", "choice_expired"),  # an idea that was not shown
        (f"idea:sim:support:1:{other}", "choice_expired"),  # another draft's button
        (f"idea:sim:like:1:{token}", "invalid_button"),
        (f"idea:sim:support:x:{token}", "invalid_button"),
        ("idea:sim:support:1", "invalid_button"),
    ):
        pressed = await maria.press_data(shown.message_id, forged)
        assert (await maria.callback_answer(pressed)).get("text") == t("id", refusal), forged
    assert await harness.services.supports.count(1) == 0
    assert await harness.ideas.count() == 1
    await maria.press(NEW, shown.message_id)  # the draft is still there
    assert "#I-0002 diterima" in ((await screen(maria)).text or "")


async def test_paper_ideas_skip_the_similar_step(harness: BotHarness) -> None:
    await first_idea(harness)
    await harness.repo.register_offline(
        Profile("Bernadus Jemarut", "Desa Golo Cador", "village_head"), 1, entered_by=1
    )
    admin = await harness.admin()
    await admin.send("/idekertas")
    await admin.reply()
    await admin.send("jemar")
    pick = await admin.reply()
    await admin.press("Bernadus Jemarut — Desa Golo Cador", pick.message_id)
    await screen(admin)
    await admin.reply()  # the dimension question
    await admin.press(t("id", "dim_economy"))
    await screen(admin)
    await admin.press(t("id", "horizon_5"))
    await screen(admin)
    await admin.send(NEAR)
    assert "Ide kertas #I-0002 disimpan" in ((await admin.reply()).text or "")


async def test_a_sender_no_longer_registered_at_the_tap_counts_nothing(
    harness: BotHarness,
) -> None:
    await first_idea(harness)
    maria = await participant(harness, "Maria", "Reok")
    shown = await proposal(maria)
    await harness.services.privacy.erase(maria.id)  # erased between the proposal and the tap
    await maria.press(SUPPORT, shown.message_id)
    assert "daftar dulu" in ((await screen(maria)).text or "")
    assert await harness.services.supports.count(1) == 0


MID = "Toko online desa untuk kopi Manggarai premium"  # like FIRST, less than NEAR is


async def second_idea(harness: BotHarness) -> SimUser:
    """Maria files #I-0002, like #I-0001 but further from NEAR, after being shown #I-0001."""
    maria = await participant(harness, "Maria", "Reok")
    shown = await proposal(maria, MID)
    await maria.press(NEW, shown.message_id)
    assert "#I-0002 diterima" in ((await screen(maria)).text or "")
    return maria


async def send_by(user: SimUser, via: str, text: str) -> BotMessage:
    """Send an idea by hashtag or through /ide's buttons; the bot's answer to it."""
    if via == "hashtag":
        await user.send(f"#ekonomi #1th {text}")
        return await user.reply()
    await user.send("/ide")
    await user.reply()
    await user.press(t("id", "dim_economy"))
    await screen(user)
    await user.press(t("id", "horizon_1"))
    await screen(user)
    await user.send(text)
    return await user.reply()


@pytest.mark.parametrize("via", ["hashtag", "ide"])
async def test_the_closest_idea_shown_is_never_the_sender_s_own(
    harness: BotHarness, via: str
) -> None:
    yosef = await first_idea(harness)
    await second_idea(harness)
    shown = await send_by(yosef, via, NEAR)  # closest to his own #I-0001
    assert "#I-0002" in (shown.text or "") and "#I-0001" not in (shown.text or "")


@pytest.mark.parametrize("via", ["hashtag", "ide"])
async def test_the_closest_idea_shown_is_never_a_withdrawn_one(
    harness: BotHarness, via: str
) -> None:
    yosef = await first_idea(harness)
    await second_idea(harness)
    await harness.ideas.edit(1, owner=None, changed_by=yosef.id, withdraw=True)
    peter = await participant(harness, "Peter", "Ruteng")
    shown = await send_by(peter, via, NEAR)  # closest to the withdrawn #I-0001
    assert "#I-0002" in (shown.text or "") and "#I-0001" not in (shown.text or "")


@pytest.mark.parametrize("via", ["hashtag", "ide"])
async def test_an_idea_of_another_stage_is_never_shown(harness: BotHarness, via: str) -> None:
    await first_idea(harness)  # Tahap I
    repo = harness.repo
    await repo.set_current_stage(2)
    await repo.set_ideas_open(2, True)
    await repo.set_registration_open(2, True)
    maria = await participant(harness, "Maria", "Reok")
    await repo.register_self(
        maria.id, Profile("Maria Jehalu", "Kecamatan Reok", "camat", "Reok"), 2, "online"
    )
    done = await send_by(maria, via, NEAR)
    assert "#I-0002 diterima" in (done.text or "")
    assert (await harness.ideas.get(2)).stage == 2
