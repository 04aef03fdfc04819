"""Command menus per role and language (Telegram command scopes).

Participants get the default menu; each facilitator and secretariat member gets a menu for their
own chat with their extra commands. Telegram refuses a chat-scoped menu until the user has opened
the bot, so a staff member who had not gets theirs on their first message.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault, Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot.context import BotContext
from bot.roles import Role, RoleBook

log = logging.getLogger(__name__)
PUBLISHED = "menus_published"

PARTICIPANT_COMMANDS = {
    "id": [
        ("start", "Daftar untuk tahap yang berjalan"),
        ("ide", "Kirim ide"),
        ("ideku", "Ide saya"),
        ("jadwal", "Jadwal sesi"),
        ("hadir", "Isi daftar hadir (daring)"),
        ("profil", "Lihat dan ubah profil"),
        ("bahasa", "Ganti bahasa"),
        ("dataku", "Semua data saya"),
        ("batal", "Hentikan proses"),
        ("bantuan", "Bantuan"),
    ],
    "en": [
        ("start", "Register for the current stage"),
        ("idea", "Send an idea"),
        ("myideas", "My ideas"),
        ("schedule", "Session schedule"),
        ("checkin", "Check in (online)"),
        ("profile", "See and edit your profile"),
        ("language", "Change language"),
        ("mydata", "All my data"),
        ("cancel", "Stop what is in progress"),
        ("help", "Help"),
    ],
}
FACILITATOR_COMMANDS = {
    "id": [
        ("rekapide", "Rekap ide per dimensi"),
        ("pengingat", "Kirim pengingat"),
        ("daftarpengingat", "Pengingat terjadwal"),
    ],
    "en": [
        ("ideas", "Ideas per dimension"),
        ("remind", "Send a reminder"),
        ("reminders", "Scheduled reminders"),
    ],
}
SECRETARIAT_COMMANDS = {
    "id": [
        ("ekspor", "Ekspor Excel untuk tim penyusun"),
        ("tahap", "Tahap dan pendaftaran"),
        ("peserta", "Peserta tahap"),
        ("impor", "Impor daftar peserta luring"),
        ("templatpeserta", "Templat daftar peserta"),
        ("daftarluring", "Daftarkan peserta luring"),
        ("idekertas", "Masukkan ide dari kertas"),
        ("kehadiran", "Rekap kehadiran"),
        ("catathadir", "Catat kehadiran tanpa Telegram"),
        ("qr", "Kode QR daftar hadir"),
        ("ubahtahap", "Ubah data tahap"),
        ("ubahsesi", "Ubah sesi"),
        ("tambahsesi", "Tambah sesi"),
        ("peran", "Peran fasilitator dan sekretariat"),
        ("audit", "Log audit"),
        ("status", "Status bot"),
    ],
    "en": [
        ("export", "Excel export for the drafting team"),
        ("stages", "Stages and registration"),
        ("participants", "Participants of a stage"),
        ("importroster", "Import a roster of offline participants"),
        ("rostertemplate", "Roster template"),
        ("addoffline", "Register an offline participant"),
        ("paperidea", "Enter a paper idea"),
        ("attendance", "Attendance summary"),
        ("markattendance", "Mark attendance without Telegram"),
        ("qr", "Check-in QR code"),
        ("editstage", "Edit a stage"),
        ("editsession", "Edit a session"),
        ("addsession", "Add a session"),
        ("roles", "Facilitator and secretariat roles"),
        ("audit", "Audit log"),
        ("status", "Bot status"),
    ],
}
# Polls (issue 6).
EXTRA_FACILITATOR: dict[str, list[tuple[str, str]]] = {
    "id": [
        ("polling", "Buat polling"),
        ("hasil", "Hasil polling"),
        ("suaratangan", "Suara angkat tangan"),
        ("prioritas", "Voting prioritas ide"),
    ],
    "en": [
        ("poll", "Ask a poll"),
        ("results", "Poll results"),
        ("handvotes", "Hand votes"),
        ("prioritise", "Idea priority vote"),
    ],
}
EXTRA_SECRETARIAT: dict[str, list[tuple[str, str]]] = {"id": [], "en": []}


def commands_for(role: Role, lang: str) -> list[BotCommand]:
    commands = list(PARTICIPANT_COMMANDS[lang])
    if role >= Role.FACILITATOR:
        commands += FACILITATOR_COMMANDS[lang] + EXTRA_FACILITATOR[lang]
    if role >= Role.SECRETARIAT:
        commands += SECRETARIAT_COMMANDS[lang] + EXTRA_SECRETARIAT[lang]
    return [BotCommand(name, description) for name, description in commands]


async def publish_for(
    app: Application[Any, Any, Any, Any, Any, Any], user_id: int, role: Role
) -> bool:
    """Give one staff member their menu; False if Telegram does not know their chat yet."""
    for lang in PARTICIPANT_COMMANDS:
        try:
            await app.bot.set_my_commands(
                commands_for(role, lang),
                scope=BotCommandScopeChat(user_id),
                language_code=None if lang == "id" else lang,
            )
        except TelegramError as exc:
            log.info("no command menu for user %s yet: %s", user_id, exc)
            return False
    return True


async def publish_all(app: Application[Any, Any, Any, Any, Any, Any], roles: RoleBook) -> None:
    """The default menu in Indonesian and English, then each staff member's own."""
    for lang in PARTICIPANT_COMMANDS:
        await app.bot.set_my_commands(
            commands_for(Role.PARTICIPANT, lang),
            scope=BotCommandScopeDefault(),
            language_code=None if lang == "id" else lang,
        )
    published: set[int] = set()
    for user_id, role in roles.staff().items():
        if await publish_for(app, user_id, role):
            published.add(user_id)
    app.bot_data[PUBLISHED] = published


async def publish_on_first_contact(update: Update, context: BotContext) -> None:
    """Runs before every update (group -1); acts only for staff without a menu yet."""
    user = update.effective_user
    if user is None:
        return
    role = context.role(user.id)
    if role is Role.PARTICIPANT:
        return
    published: set[int] = context.bot_data.setdefault(PUBLISHED, set())
    if user.id not in published and await publish_for(context.application, user.id, role):
        published.add(user.id)
