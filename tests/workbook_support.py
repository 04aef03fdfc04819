"""Exported workbooks in tests: a demo-like workshop to export, /ekspor, reading it back."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

import openpyxl
from openpyxl import Workbook

from bot.core.context import SERVICES_KEY, Services
from bot.dev.emulator import SimUser
from bot.dev.sandbox import ADMIN_ID, BotHarness, register_by_chat, screen
from handlers.texts import t
from storage.models import Attachment, NewIdea, Profile

MARK = t("id", "xlsx_private_mark")


def unmark(book: Workbook) -> Workbook:
    """Check the full workbook's first row says it holds personal data on every sheet, and drop
    it, so the sheet's header is row 1 again (as in the shareable workbook)."""
    for ws in book.worksheets:
        assert ws.cell(row=1, column=1).value == MARK, f"sheet {ws.title!r} is not marked"
        ws.delete_rows(1)
        # delete_rows moves cells, not the sheet's settings: move those up by one row too.
        if ws.freeze_panes == "A3":
            ws.freeze_panes = "A2"
        if ws.auto_filter.ref:
            ws.auto_filter.ref = shift_up(ws.auto_filter.ref)
    return book


def shift_up(ref: str) -> str:
    """ "A2:P9" → "A1:P8"."""
    return re.sub(r"\d+", lambda m: str(int(m.group()) - 1), ref)


# --- a demo-like workshop whose personal data are strings nothing else contains ---------------

# Names, phones, ids, file ids and file names seeded below: unique strings, so a check that none
# of them is in the workbook cannot pass by accident (and a leak is found wherever it is).
CAMAT = "Yohanes Qwertzlaf"
STAFF = "Maria Xyvoltrani"
VILLAGE_HEAD = "Bernadus Zumpfgoro"
CHAT_VILLAGE_HEAD = "Kornelia Vruthmak"
STAFF_PHONE = "081377771234"
VILLAGE_PHONE = "081377775678"
CAMAT_TG = 7770001
CHAT_HEAD_TG = 7770002
FILE_ID = "AgACuniqFILEid7Q9"
FILE_UNIQUE = "AQADuniqUNIQUE4k"
FILE_NAME = "foto_pribadi_qwz.jpg"
LONG_IDEA = (
    "Aplikasi layanan administrasi kependudukan keliling untuk desa terpencil: petugas "
    "datang dengan laptop dan printer, warga mengurus KTP, KK dan akta kelahiran di kantor "
    "desa tanpa harus ke Ruteng, jadwal diumumkan lewat grup WA kecamatan. " * 3
).strip()


@dataclass(frozen=True)
class Seeded:
    camat: int
    staff: int
    village_head: int
    chat_village_head: int
    camat_user: SimUser

    @property
    def personal(self) -> set[str]:
        """Every string the shareable workbook must not hold."""
        return {
            CAMAT,
            STAFF,
            VILLAGE_HEAD,
            CHAT_VILLAGE_HEAD,
            STAFF_PHONE,
            VILLAGE_PHONE,
            str(CAMAT_TG),
            str(CHAT_HEAD_TG),
            FILE_ID,
            FILE_UNIQUE,
            FILE_NAME,
        }


async def seed_workshop(harness: BotHarness) -> Seeded:
    """A camat (online, stages I and II), agency staff in the room, a village head entered by
    the secretariat, one who registered through the chat, ideas (one with a photo, one long),
    check-ins and a named poll the camat answers."""
    repo, services = harness.repo, harness_services(harness)
    await repo.set_registration_open(2, True)
    camat_user = await harness.user("Yohanes", user_id=CAMAT_TG)
    camat = None
    for stage in (1, 2):
        result = await repo.register_self(
            CAMAT_TG, Profile(CAMAT, "Kecamatan Cibal", "camat", "Cibal"), stage, "online"
        )
        camat = result.participant
    staff = await repo.register_offline(
        Profile(STAFF, "Bappeda", "opd_staff"), 1, entered_by=ADMIN_ID, phone=STAFF_PHONE
    )
    head = await repo.register_offline(
        Profile(VILLAGE_HEAD, "Desa Golo Bilas", "village_head"),
        1,
        entered_by=ADMIN_ID,
        phone=VILLAGE_PHONE,
    )
    assert camat is not None and staff.participant is not None and head.participant is not None
    # A village head who registers through the chat types the village as their institution.
    chat_head = await harness.user("Kornelia", user_id=CHAT_HEAD_TG)
    await register_by_chat(
        chat_head,
        lang="id",
        name=CHAT_VILLAGE_HEAD,
        kind="other",
        institution="Pemdes Golo Cador",
        position="village_head",
        mode="online",
    )
    chat_participant = await repo.participant_by_telegram(CHAT_HEAD_TG)
    assert chat_participant is not None, "the village head's registration through the chat"
    ideas = services.ideas
    photo = Attachment("photo", FILE_ID, FILE_UNIQUE, 1234, "image/jpeg", FILE_NAME)
    for new in (
        NewIdea(1, camat.id, "economy", "5", "Pasar kopi daring Cibal", attachment=photo),
        NewIdea(1, camat.id, "governance", "1", LONG_IDEA),
        NewIdea(2, camat.id, "living", "10", "Puskesmas keliling tahap dua"),
        NewIdea(1, staff.participant.id, "living", "1", "Data kesehatan terpadu"),
        NewIdea(1, head.participant.id, "environment", "1", "Bank sampah desa", entered_by=1),
    ):
        assert (await ideas.submit(new)).idea is not None
    sessions = await services.schedule.list_sessions(1)
    at = harness.settings.clock()
    await services.schedule.check_in(
        camat.id, sessions[0].id, mode="online", method="button", at=at
    )
    await services.schedule.check_in(
        camat.id, sessions[1].id, mode="online", method="button", at=at
    )
    await services.schedule.check_in(
        staff.participant.id, sessions[0].id, mode="offline", method="qr", at=at
    )
    await services.schedule.check_in(
        head.participant.id, sessions[0].id, mode="offline", method="secretariat", at=at
    )
    # A named poll of Tahap I: the camat and the village head who registered by chat answer it.
    from tests.test_polls import launch, results_when, sent

    poll = await launch(harness, question="Prioritas jaringan desa?")
    copies = await sent(harness, poll.id)
    await camat_user.answer_poll(copies[CAMAT_TG], [0])
    await chat_head.answer_poll(copies[CHAT_HEAD_TG], [2])
    await results_when(harness, poll.id, 2)
    return Seeded(
        camat.id, staff.participant.id, head.participant.id, chat_participant.id, camat_user
    )


def harness_services(harness: BotHarness) -> Services:
    assert harness.app is not None
    found = harness.app.bot_data[SERVICES_KEY]
    assert isinstance(found, Services)
    return found


async def ask_export(admin: SimUser, *, full: bool) -> tuple[str, bytes]:
    """/ekspor → all stages → the shareable (or full) workbook; its file name and bytes."""
    await admin.send("/ekspor")
    await screen(admin)
    await admin.press(t("id", "export_all_stages"))
    kinds = await screen(admin)
    # The shareable workbook is the first button, on its own row.
    assert kinds.buttons[0] == [t("id", "btn_export_shareable")], kinds.buttons
    await admin.press(t("id", "btn_export_full" if full else "btn_export_shareable"))
    while True:
        message = await admin.reply(timeout=30, what="the workbook from /ekspor")
        if message.document is not None:
            break
    await admin.reply(what="the note that the workbook was sent")
    name = str(message.document["file_name"])
    return name, await admin.client.download(str(message.document["file_id"]))


def load(data: bytes) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def every_value(book: Workbook) -> list[tuple[str, str, str]]:
    """(sheet, cell, text) of every non-empty cell of every sheet."""
    return [
        (ws.title, cell.coordinate, str(cell.value))
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def raw_parts(data: bytes) -> dict[str, str]:
    """Every XML part of the .xlsx as text (headers, comments, names, charts included)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n).decode("utf-8", "replace") for n in archive.namelist()}
