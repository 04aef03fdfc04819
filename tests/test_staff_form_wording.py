"""Staff forms speak to staff (issue 13): every question the secretariat answers for someone else
(/daftarluring, /idekertas, /ubahpeserta) asks about "peserta" / "the participant", never "Anda" /
"you"; the participant's own form still asks them directly."""

from __future__ import annotations

import re

import pytest

from bot.dev.emulator import SimUser
from bot.dev.sandbox import BotHarness, screen
from handlers.texts import t
from storage.models import Profile

ADDRESSING = {"id": re.compile(r"\bAnda\b"), "en": re.compile(r"\b[Yy]our?\b")}
ABOUT = {"id": "peserta", "en": "participant"}


def about_the_participant(lang: str, text: str | None, key: str) -> None:
    """The question (the message's last line) is the staff variant `key`, speaks of the
    participant and never addresses 'you'."""
    question = (text or "").split("\n")[-1]
    assert question == t(lang, key).split("\n")[-1], (key, text)
    assert ABOUT[lang] in question.lower(), (key, text)
    assert not ADDRESSING[lang].search(text or ""), (key, text)


async def offline_entry(admin: SimUser, lang: str) -> None:
    """/daftarluring up to the summary, then change the name and the institution."""
    await admin.send("/daftarluring")
    await admin.reply()
    await admin.send("Bernadus Jemarut")
    kinds = await admin.reply()
    about_the_participant(lang, kinds.text, "ask_institution_kind_staff")
    await admin.press(t(lang, "inst_kind_kecamatan"))
    about_the_participant(lang, (await screen(admin)).text, "ask_institution_kecamatan_staff")
    await admin.press(t(lang, "back"))
    about_the_participant(lang, (await screen(admin)).text, "ask_institution_kind_staff")
    await admin.press(t(lang, "inst_kind_opd"))
    about_the_participant(lang, (await screen(admin)).text, "ask_institution_opd_staff")
    await admin.press(t(lang, "back"))
    await screen(admin)
    await admin.press(t(lang, "inst_kind_other"))
    about_the_participant(lang, (await screen(admin)).text, "ask_institution_typed_staff")
    await admin.send("Desa Golo Cador")
    about_the_participant(lang, (await admin.reply()).text, "ask_position_staff")
    await admin.press(t(lang, "position_village_head"))
    stages = await screen(admin)
    await admin.press(stages.buttons[0][0])
    await screen(admin)
    await admin.press(t(lang, "btn_edit"))
    await screen(admin)
    await admin.press(t(lang, "field_name"))
    about_the_participant(lang, (await screen(admin)).text, "ask_name_staff")
    await admin.send("B")
    about_the_participant(lang, (await admin.reply()).text, "name_too_short_staff")
    await admin.send("Bernadus Jemarut, S.Pd")
    await admin.reply()
    await admin.send("/batal")
    await admin.reply()


async def paper_idea(admin: SimUser, lang: str) -> None:
    """/idekertas for a registered participant: dimension, horizon and content questions."""
    await admin.send("/idekertas")
    await admin.reply()
    await admin.send("Maria")
    pick = await admin.reply()
    await admin.press(pick.buttons[0][0], pick.message_id)
    await screen(admin)
    about_the_participant(lang, (await admin.reply()).text, "ask_dimension_staff")
    await admin.press(t(lang, "dim_economy"))
    horizon = (await screen(admin)).text or ""
    assert t(lang, "dim_economy") in horizon
    about_the_participant(lang, horizon, "ask_horizon_staff")
    await admin.press(t(lang, "horizon_5"))
    content = (await screen(admin)).text or ""
    about_the_participant(lang, content, "ask_idea_content_staff")
    await admin.send("/batal")
    await admin.reply()


async def participant_edit(admin: SimUser, lang: str) -> None:
    """/ubahpeserta: the name and position questions."""
    await admin.send("/ubahpeserta Maria")
    card = await admin.reply()
    await admin.press(f"✏️ {t(lang, 'field_name')}", card.message_id)
    name = (await screen(admin)).text or ""
    about_the_participant(lang, name, "pedit_ask_name")
    await admin.press(t(lang, "back"))
    await screen(admin)
    await admin.press(f"✏️ {t(lang, 'field_position')}")
    position = (await screen(admin)).text or ""
    about_the_participant(lang, position, "ask_position_staff")
    await admin.send("/batal")
    await admin.reply()


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_staff_forms_ask_about_the_participant(harness: BotHarness, lang: str) -> None:
    await harness.repo.register_offline(
        Profile("Maria Ndahur", "Bappeda", "opd_staff"), 1, entered_by=1
    )
    admin = await harness.admin(language_code=lang)
    await offline_entry(admin, lang)
    await paper_idea(admin, lang)
    await participant_edit(admin, lang)


async def test_the_questions_the_issue_names(harness: BotHarness) -> None:
    """The exact Indonesian the issue asked for."""
    assert t("id", "ask_institution_kind_staff") == "Dari mana asal peserta?"
    assert t("id", "ask_position_staff") == "Apa jabatan peserta?"
    assert t("id", "ask_dimension_staff") == "Ide peserta untuk dimensi apa?"
    await harness.repo.register_offline(
        Profile("Maria Ndahur", "Bappeda", "opd_staff"), 1, entered_by=1
    )
    admin = await harness.admin()
    await admin.send("/daftarluring")
    await admin.reply()
    await admin.send("Bernadus Jemarut")
    assert (await admin.reply()).text == "Dari mana asal peserta?"
    await admin.send("/batal")
    await admin.reply()
    await admin.send("/idekertas")
    await admin.reply()
    await admin.send("Maria")
    await admin.press((await admin.reply()).buttons[0][0])
    await screen(admin)
    assert (await admin.reply()).text == "Ide peserta untuk dimensi apa?"


async def test_a_participant_is_still_asked_directly(harness: BotHarness) -> None:
    """Their own registration and /ide keep speaking to them."""
    user = await harness.user("Yosef")
    await user.send("/start")
    question = t("id", "ask_name")
    while (message := await user.reply()).text != question:
        if any(t("id", "btn_agree") in row for row in message.buttons):
            await user.press(t("id", "btn_agree"), message.message_id)
    await user.send("Yosef Jehalu")
    kinds = (await user.reply()).text
    assert kinds == t("id", "ask_institution_kind") != t("id", "ask_institution_kind_staff")
    await user.send("/batal")
    await user.reply()
    await harness.repo.register_self(
        user.id, Profile("Yosef Jehalu", "Kecamatan Cibal", "camat", "Cibal"), 1, "online"
    )
    await user.send("/ide")
    dimension = (await user.reply()).text
    assert dimension == t("id", "ask_dimension") != t("id", "ask_dimension_staff")
