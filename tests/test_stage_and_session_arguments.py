"""The secretariat's commands that name a stage (`/peserta [N]`, `/kehadiran [N]`) or a session
(`/ubahsesi ID ...`, `/catathadir ID ...`) read and refuse their arguments the same way."""

from __future__ import annotations

from bot.dev.sandbox import BotHarness


async def test_stage_and_session_arguments_are_refused_alike(harness: BotHarness) -> None:
    admin = await harness.admin()
    cases = [
        ("/peserta 1 2", "Cara pakai: /peserta"),
        ("/peserta x", "Cara pakai: /peserta"),
        ("/peserta 9", "Tahap tersebut tidak ada"),
        ("/kehadiran 1 2", "/kehadiran [TAHAP]"),
        ("/kehadiran 9", "Tahap tersebut tidak ada"),
        ("/ubahsesi 1 ruang", "/ubahsesi ID bidang nilai"),
        ("/ubahsesi x ruang Aula", "/ubahsesi ID bidang nilai"),
        ("/ubahsesi 99 ruang Aula", "Sesi #99 tidak ada"),
        ("/catathadir 99 Bernadus", "Sesi #99 tidak ada"),
    ]
    for command, expected in cases:
        await admin.send(command)
        reply = await admin.reply()
        assert expected in (reply.text or ""), (command, reply.text)
