"""Registrations can change (issue 13): a participant switches online / in the room from /profil
and the next reminder and /jadwal follow; the secretariat corrects a name (also of someone without
Telegram) and withdraws a registration, each audited and visible in the next export; nobody else
can, forged and stale buttons change nothing, a finished stage's registrations stay as they were.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import AsyncIterator
from pathlib import Path

import openpyxl
import pytest

from bot.dev.emulator import Emulator, SimUser
from bot.dev.sandbox import ADMIN_ID, FACILITATOR_ID, BotHarness, screen
from bot.jobs.outbox import resolve_audience
from bot.rules.audience import AudienceSpec
from bot.rules.registration_rules import stage_finished
from bot.rules.timing import ShiftedClock
from handlers.buttons import MAX_CALLBACK_BYTES
from handlers.export import export_labels
from handlers.registration.edit import BUTTONS as EDIT_BUTTONS
from handlers.registration.profile import SWITCH_BUTTONS
from handlers.texts import t
from storage.admin import AuditEntry
from storage.export import ExportRequest, write_export
from storage.models import NewIdea, RegisterOutcome
from storage.registration_changes import RegistrationChanges
from storage.schedule import Session
from tests.schedule_support import clocked_harness, register, run_due, schedule, services, wita
from tests.test_fuzz_buttons_args import HOSTILE, garbage
from tests.test_permissions import REFUSALS, snapshot
from tests.test_polls import launch, sent
from tests.workbook_support import MARK

BEFORE_TAHAP_I = wita("2021-06-20 09:00")  # the day before Tahap I (21–22 June 2021)
AFTER_TAHAP_I = wita("2021-06-23 09:00")


@pytest.fixture
async def clock() -> ShiftedClock:
    return ShiftedClock(BEFORE_TAHAP_I, ticking=False)


@pytest.fixture
async def bot(emulator: Emulator, tmp_path: Path, clock: ShiftedClock) -> AsyncIterator[BotHarness]:
    harness = await clocked_harness(emulator, tmp_path, clock)
    yield harness
    await harness.close()


async def first_session(bot: BotHarness) -> Session:
    sessions = await schedule(bot).list_sessions(1)
    assert sessions, "Tahap I has no session in the workshop file"
    return sessions[0]


async def remind(bot: BotHarness, user: SimUser, text: str) -> str:
    """Send a reminder about Tahap I's first session to everyone now; what `user` got."""
    clock = services(bot).settings.clock
    session = await first_session(bot)
    reminder = await schedule(bot).add_reminder(
        stage=1,
        text=text,
        due_at=clock(),
        audience=AudienceSpec("all", 1).to_dict(),
        created_by=FACILITATOR_ID,
        now=clock(),
        session_id=session.id,
    )
    assert reminder.id in await run_due(bot), f"reminder {text!r} was not sent"
    got = [m.text or "" for m in await user.messages() if text in (m.text or "")]
    user.mark()  # the reminder is not the answer the test waits for next
    return got[-1] if got else ""


async def audit(bot: BotHarness, action: str) -> list[AuditEntry]:
    return [e for e in await services(bot).admin.latest(100) if e.action == action]


def button_labels(message: object) -> list[str]:
    return [label for row in getattr(message, "buttons", []) for label in row]


# --- the participant's switch ------------------------------------------------------------------


async def test_switch_in_profile_moves_the_next_reminder_and_jadwal(bot: BotHarness) -> None:
    user = await bot.user("Yosef")
    pid = await register(
        bot, user, name="Yosef Jehalu", mode="online", institution="Kecamatan Cibal"
    )
    session = await first_session(bot)
    room, link = session.room, session.online_link
    assert room and link
    online = await remind(bot, user, "Pengingat pertama")
    assert link in online and room not in online

    await user.send("/profil")
    shown = await user.reply()
    assert "🔁 Tahap I: luring" in button_labels(shown)
    await user.press("🔁 Tahap I: luring", shown.message_id)
    done = (await screen(user)).text or ""
    assert "Luring" in done and "Media Center" in done and link not in done
    registration = await bot.repo.registration(pid, 1)
    assert registration is not None and registration.mode == "offline"
    [entry] = await audit(bot, "registration.mode")
    assert (entry.actor, entry.subject) == (user.id, f"P-{pid:04d}")
    assert entry.details == {"stage": 1, "old": "online", "new": "offline"}

    # The very next reminder and /jadwal give the room, no longer the link.
    in_room = await remind(bot, user, "Pengingat kedua")
    assert room in in_room and link not in in_room
    user.mark()
    await user.send("/jadwal")
    schedule_text = (await user.reply()).text or ""
    assert room in schedule_text and link not in schedule_text

    # The old button pressed again changes nothing (it names the mode it moves to).
    answer = await user.callback_answer(
        await user.press_data(shown.message_id, "prof:mode:1:offline")
    )
    assert "sudah peserta luring" in str(answer.get("text"))
    assert len(await audit(bot, "registration.mode")) == 1

    # And back: online again, the link again.
    await user.send("/profil")
    again = await user.reply()
    await user.press("🔁 Tahap I: daring", again.message_id)
    assert "meet.example.org" in ((await screen(user)).text or "")
    back_online = await remind(bot, user, "Pengingat ketiga")
    assert link in back_online and room not in back_online
    assert len(await audit(bot, "registration.mode")) == 2


async def test_switch_is_refused_for_a_finished_stage_or_a_missing_registration(
    bot: BotHarness, clock: ShiftedClock
) -> None:
    user = await bot.user("Maria")
    pid = await register(bot, user, name="Maria Ndahur", mode="online")
    await user.send("/profil")
    anchor = await user.reply()
    # Not registered for Tahap II: a forged button for it changes nothing.
    answer = await user.callback_answer(
        await user.press_data(anchor.message_id, "prof:mode:2:offline")
    )
    assert answer.get("text") == t("id", "change_no_registration")

    clock.set(AFTER_TAHAP_I)
    await user.send("/profil")
    late = await user.reply()
    assert not any(label.startswith("🔁") for label in button_labels(late))
    before = await snapshot(bot)
    answer = await user.callback_answer(
        await user.press_data(late.message_id, "prof:mode:1:offline")
    )
    assert "sudah selesai" in str(answer.get("text"))
    assert await snapshot(bot) == before
    registration = await bot.repo.registration(pid, 1)
    assert registration is not None and registration.mode == "online"
    assert await audit(bot, "registration.mode") == []


def test_a_stage_is_finished_after_its_last_day_or_session() -> None:
    tz = dt.timezone(dt.timedelta(hours=8))
    day = dt.date(2021, 6, 22)
    late = Session(
        id=1,
        stage=1,
        day=dt.date(2021, 6, 23),
        start=dt.time(19, 0),
        end=dt.time(21, 0),
        title="Malam",
        title_en="Evening",
        room="",
        online_link="",
    )
    at = dt.datetime(2021, 6, 22, 23, 59, tzinfo=tz)
    assert not stage_finished([day], [], tz, at)
    assert stage_finished([day], [], tz, at + dt.timedelta(minutes=1))
    assert not stage_finished([day], [late], tz, at + dt.timedelta(hours=12))
    assert stage_finished([day], [late], tz, dt.datetime(2021, 6, 23, 21, 0, tzinfo=tz))
    assert not stage_finished([], [], tz, at)  # never dated: not over


# --- the secretariat's corrections ---------------------------------------------------------------


def read_sheet(path: Path, title: str) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = [tuple(row) for row in book[title].iter_rows(values_only=True)]
        return rows[1:] if rows and rows[0][0] == MARK else rows  # the full one is marked
    finally:
        book.close()


def export(bot: BotHarness, path: Path, *, public: bool = False) -> Path:
    workshop = bot.services.workshop
    write_export(
        ExportRequest(
            db_path=bot.settings.db_path,
            output=path,
            labels=export_labels(),
            workshop_name=workshop.name,
            region=workshop.region,
            timezone=workshop.timezone,
            public=public,
        )
    )
    return path


async def test_secretariat_corrects_a_name_and_withdraws_a_registration(
    bot: BotHarness, tmp_path: Path
) -> None:
    paper = await register(
        bot, None, name="Bernadus Jemarot", mode="offline", institution="Desa Golo"
    )
    yosef_user = await bot.user("Yosef")
    yosef = await register(bot, yosef_user, name="Yosef Jehalu", mode="online")
    idea = await bot.ideas.submit(
        NewIdea(stage=1, participant_id=yosef, dimension="economy", horizon="5", text="Pasar kopi")
    )
    assert idea.idea is not None
    admin = await bot.admin()

    # A person without Telegram, found by part of the (misspelt) name.
    await admin.send("/ubahpeserta jemarot")
    card = await admin.reply()
    assert f"P-{paper:04d}" in (card.text or "") and "tanpa Telegram" in (card.text or "")
    await admin.press("✏️ Nama", card.message_id)
    assert "Nama sekarang: Bernadus Jemarot" in ((await screen(admin)).text or "")
    await admin.send("Bernadus Jemarut")
    saved = (await admin.reply()).text or ""
    assert "Nama diubah: Bernadus Jemarot → Bernadus Jemarut" in saved
    person = await bot.repo.get_participant(paper)
    assert person is not None and person.full_name == "Bernadus Jemarut"
    [edit] = await audit(bot, "participant.edit")
    assert (edit.actor, edit.subject) == (ADMIN_ID, f"P-{paper:04d}")
    assert edit.details == {"field": "name", "old": "Bernadus Jemarot", "new": "Bernadus Jemarut"}
    # The corrected name is found by the paper-idea search (its folded key follows).
    assert [p.id for p in await bot.repo.search_participants(1, "jemarut")] == [paper]

    # Withdraw Yosef's registration, found by his participant number.
    await admin.send(f"/ubahpeserta P-{yosef:04d}")
    card = await admin.reply()
    await admin.press("❌ Batalkan Tahap I", card.message_id)
    ask = await screen(admin)
    assert "Ide-idenya tetap tersimpan" in (ask.text or "")
    await admin.press("Ya, batalkan", ask.message_id)
    assert "dibatalkan" in ((await screen(admin)).text or "")
    assert await bot.repo.registration(yosef, 1) is None
    [withdrawal] = await audit(bot, "registration.withdraw")
    assert (withdrawal.actor, withdrawal.subject) == (ADMIN_ID, f"P-{yosef:04d}")
    assert withdrawal.details["stage"] == 1 and withdrawal.details["mode"] == "online"

    # No more reminders, not in a poll's audience, his idea kept.
    assert await remind(bot, yosef_user, "Setelah pembatalan") == ""
    audience = await resolve_audience(schedule(bot), AudienceSpec("all", 1))
    assert yosef not in {c.participant_id for c in audience}
    kept = await bot.ideas.get(idea.idea.id)
    assert kept is not None and kept.status == "active"

    # The next export: the corrected name, no registration for Yosef, both changes audited.
    full = export(bot, tmp_path / "full.xlsx")
    rows = read_sheet(full, "Peserta")
    names = [row[2] for row in rows[1:]]
    assert "Bernadus Jemarut" in names and "Bernadus Jemarot" not in names
    assert "Yosef Jehalu" not in names
    actions = [row[2] for row in read_sheet(full, "Audit")]
    assert "participant.edit" in actions and "registration.withdraw" in actions
    # The shareable workbook has no audit sheet, and shows the corrected name only.
    public = openpyxl.load_workbook(export(bot, tmp_path / "public.xlsx", public=True))
    assert "Audit" not in public.sheetnames
    assert not any(
        "Jemarot" in str(value)
        for sheet in public.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
    )

    # He may register again later.
    again = await bot.repo.register_self(
        yosef_user.id,
        (await bot.repo.get_participant(yosef)).profile,
        1,
        "offline",  # type: ignore[union-attr]
    )
    assert again.outcome is RegisterOutcome.CREATED


async def test_secretariat_edits_institution_position_and_mode(bot: BotHarness) -> None:
    paper = await register(
        bot, None, name="Kristoforus Nampur", mode="offline", institution="Desa Wae"
    )
    admin = await bot.admin()
    await admin.send("/peserta 1")
    listing = (await admin.reply()).text or ""
    assert "1. Kristoforus Nampur" in listing
    await admin.send("/ubahpeserta 1 1")  # stage 1, line 1 of /peserta 1
    card = await admin.reply()
    assert "Kristoforus Nampur" in (card.text or "")
    await admin.press("✏️ Instansi", card.message_id)
    await screen(admin)
    await admin.send("Kecamatan Cibal")
    assert "Instansi diubah: Desa Wae → Kecamatan Cibal" in ((await admin.reply()).text or "")
    await admin.press("✏️ Jabatan")
    assert "Apa jabatan peserta?" in ((await screen(admin)).text or "")
    await admin.press(t("id", "position_village_head"))
    assert "Jabatan diubah" in ((await screen(admin)).text or "")
    await admin.press("🔁 Tahap I: daring")
    assert "sekarang peserta Daring" in ((await screen(admin)).text or "")
    person = await bot.repo.get_participant(paper)
    assert person is not None
    assert (person.institution, person.kecamatan, person.position) == (
        "Kecamatan Cibal",
        "Cibal",
        "village_head",
    )
    registration = await bot.repo.registration(paper, 1)
    assert registration is not None and registration.mode == "online"
    fields = [e.details["field"] for e in await audit(bot, "participant.edit")]
    assert sorted(fields) == ["institution", "position"]
    [mode] = await audit(bot, "registration.mode")
    assert (mode.actor, mode.details["old"], mode.details["new"]) == (ADMIN_ID, "offline", "online")
    await admin.press("Selesai")
    assert "Perubahan sudah tersimpan" in ((await screen(admin)).text or "")


async def test_others_cannot_edit_and_forged_buttons_change_nothing(
    bot: BotHarness, clock: ShiftedClock
) -> None:
    paper = await register(
        bot, None, name="Yuliana Mbejo", mode="offline", institution="Kelurahan Pau"
    )
    participant = await bot.user("Peserta")
    await register(bot, participant, name="Peserta Biasa", mode="online")
    facilitator = await bot.user("Fasilitator", user_id=FACILITATOR_ID)
    forged = (
        f"ped:name:{paper}",
        f"ped:pick:{paper}",
        f"ped:setpos:{paper}:camat",
        f"ped:mode:{paper}:1:online",
        f"ped:wd:{paper}:1",
        f"ped:wdyes:{paper}:1",
    )
    before = await snapshot(bot)
    for user in (participant, facilitator):
        await user.send(f"/ubahpeserta {paper}")
        assert (await user.reply()).text in REFUSALS
        await user.send("/bantuan")
        anchor = await user.reply()
        for data in forged:
            answer = await user.callback_answer(await user.press_data(anchor.message_id, data))
            assert answer.get("text") in REFUSALS, (user.name, data, answer)
        await user.send("Yuliana Mbeja")  # a name typed after the refusals edits nothing
    assert await snapshot(bot) == before
    assert await audit(bot, "participant.edit") == []

    # The secretariat's own forged or stale buttons: refused with the reason, nothing changes.
    admin = await bot.admin()
    await admin.send("/bantuan")
    anchor = await admin.reply()
    refused = {
        "ped:wdyes:9999:1": t("id", "pedit_gone"),
        f"ped:wdyes:{paper}:2": t("id", "change_no_registration"),
        f"ped:mode:{paper}:1:zzz": t("id", "invalid_button"),
        f"ped:setpos:{paper}:raja": t("id", "invalid_button"),
    }
    for data, expected in refused.items():
        answer = await admin.callback_answer(await admin.press_data(anchor.message_id, data))
        assert answer.get("text") == expected, (data, answer)
    clock.set(AFTER_TAHAP_I)
    answer = await admin.callback_answer(
        await admin.press_data(anchor.message_id, f"ped:wdyes:{paper}:1")
    )
    assert "sudah selesai" in str(answer.get("text"))
    await admin.send(f"/ubahpeserta P-{paper}")
    card = await admin.reply()
    assert not any(label.startswith(("❌", "🔁")) for label in button_labels(card))
    assert await snapshot(bot) == before
    assert await bot.repo.registration(paper, 1) is not None


async def test_erasure_empties_the_names_a_correction_kept(bot: BotHarness) -> None:
    user = await bot.user("Zakarias")
    pid = await register(bot, user, name="Zakarias Ndun", mode="online")
    admin = await bot.admin()
    await admin.send(f"/ubahpeserta P-{pid}")
    await admin.press("✏️ Nama", (await admin.reply()).message_id)
    await screen(admin)
    await admin.send("Zakarias Ndoen")
    await admin.reply()
    await bot.services.privacy.erase(user.id)
    [edit] = await audit(bot, "participant.edit")
    assert "Ndun" not in str(edit.details) and "Ndoen" not in str(edit.details)


async def test_a_role_revoked_mid_form_stops_the_edit(bot: BotHarness) -> None:
    paper = await register(bot, None, name="Rofinus Habur", mode="offline", institution="Desa Golo")
    admin = await bot.admin()
    staff = await bot.user("Staf Baru")
    await admin.send(f"/peran tambah {staff.id} sekretariat")
    assert "sekarang" in ((await admin.reply()).text or ""), "the role was not granted"
    await staff.send(f"/ubahpeserta P-{paper}")
    card = await staff.reply()
    await staff.press("✏️ Nama", card.message_id)
    await screen(staff)
    await admin.send(f"/peran hapus {staff.id}")
    assert "dicabut" in ((await admin.reply()).text or ""), "the role was not revoked"
    await staff.send("Rofinus Habor")
    assert (await staff.reply()).text == t("id", "role_lost")
    person = await bot.repo.get_participant(paper)
    assert person is not None and person.full_name == "Rofinus Habur"
    assert await audit(bot, "participant.edit") == []


async def test_a_broadcast_under_way_follows_the_change(bot: BotHarness) -> None:
    """Copies written but not yet sent (a broadcast cut short) go out in the new mode, and not
    at all to someone withdrawn meanwhile."""
    yosef_user, maria_user = await bot.user("Yosef"), await bot.user("Maria")
    await register(bot, yosef_user, name="Yosef Jehalu", mode="online")
    maria = await register(bot, maria_user, name="Maria Ndahur", mode="online")
    session = await first_session(bot)
    clock = services(bot).settings.clock
    reminder = await schedule(bot).add_reminder(
        stage=1,
        text="Sudah di antrean",
        due_at=clock(),
        audience=AudienceSpec("all", 1).to_dict(),
        created_by=FACILITATOR_ID,
        now=clock(),
        session_id=session.id,
    )
    recipients = await resolve_audience(schedule(bot), AudienceSpec("all", 1))
    rows = [(c.participant_id, int(c.telegram_id or 0), "id", c.mode) for c in recipients]
    assert await schedule(bot).begin_sending(reminder.id, rows, clock())

    await yosef_user.send("/profil")
    shown = await yosef_user.reply()
    await yosef_user.press("🔁 Tahap I: luring", shown.message_id)
    await screen(yosef_user)
    await RegistrationChanges(bot.repo.db).withdraw(maria, 1, actor=ADMIN_ID)

    assert reminder.id in await run_due(bot)
    got = [
        m.text or "" for m in await yosef_user.messages() if "Sudah di antrean" in (m.text or "")
    ]
    assert len(got) == 1 and session.room in got[0] and session.online_link not in got[0]
    assert not any("Sudah di antrean" in (m.text or "") for m in await maria_user.messages())


async def test_a_withdrawn_registration_gets_no_poll(bot: BotHarness) -> None:
    stays, leaves = await bot.user("Ana"), await bot.user("Budi")
    await register(bot, stays, name="Ana Jelalu", mode="online")
    gone = await register(bot, leaves, name="Budi Dagur", mode="offline")
    assert await RegistrationChanges(bot.repo.db).withdraw(gone, 1, actor=ADMIN_ID) is not None
    poll = await launch(bot)
    assert set(await sent(bot, poll.id)) == {stays.id}


@pytest.mark.parametrize("who", ["secretariat", "participant"])
async def test_hostile_button_data_is_answered_and_changes_nothing(
    bot: BotHarness, who: str
) -> None:
    assert bot.app is not None
    errors: list[object] = []

    async def count_error(update: object, context: object) -> None:
        errors.append(getattr(context, "error", None))

    bot.app.add_error_handler(count_error)
    await register(bot, None, name="Yuliana Mbejo", mode="offline")
    rng = random.Random(f"regchange-{who}")
    specs = {"ped": EDIT_BUTTONS, "prof": SWITCH_BUTTONS}
    data = [
        ":".join([prefix, action, *[arg] * max(len(checks), 1)])[:MAX_CALLBACK_BYTES]
        for prefix, spec in specs.items()
        for action, checks in spec.items()
        for arg in (*HOSTILE, garbage(rng))
    ]
    # A participant is slowed by the flood guard past 40 updates a minute: several of them.
    per_user = len(data) if who == "secretariat" else 30
    users = [await bot.admin()] if who == "secretariat" else []
    while len(users) * per_user < len(data):
        users.append(await bot.user(f"Peserta {len(users)}"))
        await register(bot, users[-1], name=f"Peserta Biasa {len(users)}", mode="online")
    anchors = {}
    for user in users:
        await user.send("/bantuan")
        anchors[user.id] = (await user.reply()).message_id
    before = await snapshot(bot)
    for i, raw in enumerate(data):
        user = users[i // per_user]
        await user.press_data(anchors[user.id], raw)
    assert await bot.client.wait_idle(quiet_ms=300, timeout=30), "the bot did not settle"
    assert not errors, errors[:3]
    assert await snapshot(bot) == before
    answered = 0
    for user in users:
        events, _ = await bot.client.events(user.chat_id, types=["callback_answer"])
        answered += len(events)
    assert answered == len(data), f"{len(data) - answered} presses were never answered"
