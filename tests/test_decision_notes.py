"""Notes of decisions to idea authors: counts first, then one short message per author in their
language, through the outbox; once per version of the decisions, none twice across a restart."""

from __future__ import annotations

from bot.dev.emulator import SimUser
from bot.dev.sandbox import ADMIN_ID, BotHarness, screen
from storage.decisions import DecisionSheet, SheetRow
from storage.models import NewIdea, Profile


async def seed(harness: BotHarness) -> dict[str, int]:
    """A camat (Indonesian, two ideas), an expert (English, one), someone without Telegram."""
    yosef = await harness.repo.register_self(
        700001, Profile("Yosef Jehalu", "Kecamatan Cibal", "camat", "Cibal"), 1, "online"
    )
    peter = await harness.repo.register_self(
        700002, Profile("Peter Wijaya", "Kementerian Kominfo", "ministry_expert"), 1, "online"
    )
    maria = await harness.repo.register_offline(
        Profile("Maria Ndahur", "Bappeda", "opd_staff"), 1, entered_by=ADMIN_ID
    )
    await harness.repo.set_user_language(700002, "en")
    assert yosef.participant and peter.participant and maria.participant
    ids: dict[str, int] = {}
    for key, pid, text in (
        ("pasar", yosef.participant.id, "Pasar desa online untuk kopi Manggarai"),
        ("sampah", yosef.participant.id, "Bank sampah di setiap kelurahan"),
        ("clinic", peter.participant.id, "Mobile clinic schedule by SMS"),
        ("paper", maria.participant.id, "Puskesmas keliling"),
    ):
        result = await harness.ideas.submit(NewIdea(1, pid, "living", "5", text))
        assert result.idea is not None
        ids[key] = result.idea.id
    return ids


async def decide(harness: BotHarness, rows: dict[int, dict[str, object]]) -> None:
    sheet = DecisionSheet(
        "Ide",
        tuple(SheetRow(n, f"#I-{idea:04d}", cells) for n, (idea, cells) in enumerate(rows.items())),
    )
    report = await harness.services.decisions.apply(sheet, by=ADMIN_ID)
    assert report.ok, report.problems


FIRST = {
    "status": "diterima",
    "programme": "Pasar Digital Desa",
    "agency": "Dinas Komunikasi dan Informatika",
}


async def confirm_and_send(admin: SimUser) -> str:
    await admin.send("/kabarkeputusan")
    confirm = await admin.reply()
    await admin.press("📣 Kirim", confirm.message_id)
    assert "Mengirim kabar" in ((await screen(admin)).text or "")
    return confirm.text or ""


async def test_each_author_gets_one_note_in_their_language(harness: BotHarness) -> None:
    ids = await seed(harness)
    await decide(
        harness,
        {
            ids["pasar"]: FIRST,
            ids["sampah"]: {"status": "ditolak"},
            ids["clinic"]: {"status": "perlu kajian", "agency": "Dinas Kesehatan"},
            ids["paper"]: {"status": "diterima"},
        },
    )
    admin = await harness.admin()
    yosef = await harness.user("Yosef", user_id=700001)
    peter = await harness.user("Peter", user_id=700002, language_code="en")

    confirm = await confirm_and_send(admin)
    # Maria has no Telegram: she is not counted among those the bot can tell.
    assert "2 penulis akan menerima" in confirm and "0 sudah menerima" in confirm, confirm
    note = (await yosef.reply(what="the note of decisions")).text or ""
    assert "Kabar dari tim penyusun" in note
    assert "Keputusan tim penyusun: diterima" in note and "Pasar Digital Desa" in note
    assert "Keputusan tim penyusun: ditolak" in note
    english = (await peter.reply(what="the note of decisions")).text or ""
    assert "Drafting team's decision: needs review" in english and "Dinas Kesehatan" in english
    report = await admin.reply(what="the report of the notes")
    assert "2 terkirim, 0 memblokir bot, 0 gagal" in (report.text or "")
    await yosef.no_reply(0.3)

    # A second command sends nothing: the decisions have not changed.
    await admin.send("/kabarkeputusan")
    assert "Tidak ada kabar baru" in ((await admin.reply()).text or "")
    await yosef.no_reply(0.3)
    await peter.no_reply(0.1)

    # One of Peter's decisions changes: only Peter is told again.
    await decide(harness, {ids["clinic"]: {"status": "diterima", "agency": "Dinas Kesehatan"}})
    confirm = await confirm_and_send(admin)
    assert "1 penulis akan menerima" in confirm and "1 sudah menerima" in confirm, confirm
    english = (await peter.reply(what="the second note")).text or ""
    assert "Drafting team's decision: accepted" in english
    await admin.reply(what="the second report")
    await yosef.no_reply(0.3)


async def test_a_restart_mid_way_sends_no_note_twice(harness: BotHarness) -> None:
    ids = await seed(harness)
    await decide(harness, {ids["pasar"]: FIRST, ids["clinic"]: {"status": "perlu kajian"}})
    services = harness.services
    # Both can be reached (their chats exist) before anything is sent.
    yosef = await harness.user("Yosef", user_id=700001)
    peter = await harness.user("Peter", user_id=700002, language_code="en")
    # A sending written, Yosef's note sent, then the bot stops before Peter's.
    note_id = await services.decisions.start_notes(by=ADMIN_ID, now=services.settings.clock())
    assert note_id is not None
    rows = await services.decisions.pending_notes(note_id)
    assert len(rows) == 2
    yosef_row = next(r for r in rows if r.chat_id == 700001)
    await services.decisions.record_note(
        yosef_row.id, "sent", attempts=1, now=services.settings.clock(), message_id=1
    )
    await harness.restart()

    note = (await peter.reply(timeout=10, what="the note resumed after the restart")).text or ""
    assert "Drafting team's decision: needs review" in note
    admin = await harness.admin()
    # The report covers the whole sending: the note sent before the stop, and the one after.
    assert "2 terkirim" in ((await admin.reply(what="the report")).text or "")
    await yosef.no_reply(0.5)
    counts = await harness.services.decisions.note_counts(note_id)
    assert (counts.sent, counts.pending) == (2, 0)
    assert await harness.services.decisions.open_notes() == []
    # And a new command tells nobody: both were told this version.
    plan = await harness.services.decisions.note_plan()
    assert (plan.to_send, plan.already) == (0, 2)


async def test_the_role_is_checked_again_at_the_tap(harness: BotHarness) -> None:
    ids = await seed(harness)
    await decide(harness, {ids["pasar"]: FIRST})
    admin = await harness.admin()
    staff = await harness.user("Staf Baru")
    await admin.send(f"/peran tambah {staff.id} sekretariat")
    assert "sekarang" in ((await admin.reply()).text or "")
    await staff.send("/kabarkeputusan")
    confirm = await staff.reply()
    assert "1 penulis akan menerima" in (confirm.text or "")
    await admin.send(f"/peran hapus {staff.id}")
    assert "dicabut" in ((await admin.reply()).text or "")
    await staff.press("📣 Kirim", confirm.message_id)
    assert await harness.client.wait_idle()
    assert await harness.services.decisions.open_notes() == []
    assert (await harness.services.decisions.note_plan()).to_send == 1
    yosef = await harness.user("Yosef", user_id=700001)
    await yosef.no_reply(0.3)

    # A participant cannot even ask.
    await yosef.send("/kabarkeputusan")
    assert (await yosef.reply()).text == "Maaf, perintah ini hanya untuk sekretariat."


async def test_a_pending_note_is_not_sent_to_an_erased_author(harness: BotHarness) -> None:
    ids = await seed(harness)
    await decide(harness, {ids["pasar"]: FIRST, ids["clinic"]: {"status": "perlu kajian"}})
    yosef = await harness.user("Yosef", user_id=700001)
    peter = await harness.user("Peter", user_id=700002, language_code="en")
    services = harness.services
    note_id = await services.decisions.start_notes(by=ADMIN_ID, now=services.settings.clock())
    assert note_id is not None
    # Yosef erases his data (/hapusdata) before the notes go out.
    assert await services.privacy.erase(700001) is not None
    await harness.restart()
    await peter.reply(timeout=10, what="Peter's note")
    await yosef.no_reply(0.5)
    counts = await harness.services.decisions.note_counts(note_id)
    assert (counts.sent, counts.failed, counts.pending) == (1, 1, 0)
