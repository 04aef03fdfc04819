"""The demo's decisions step: the drafting team fills decisions into the exported workbook, the
secretariat sends it back to the bot, a camat sees the decision in /ideku, and every author gets
one note of the decisions about their ideas (issue 14)."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable, Sequence
from pathlib import Path

import openpyxl

from bot.dev.emulator import SimUser
from bot.dev.sandbox import BotHarness, screen
from storage.decisions import HEADERS
from storage.models import idea_ref

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def demo_decisions(
    harness: BotHarness,
    admin: SimUser,
    workbook: str,
    users: Sequence[SimUser],
    say: Callable[[str], None],
) -> dict[str, int]:
    """Fill, import, show in /ideku, send the notes; the counts for the summary."""
    say("\n8c. The drafting team's decisions go back into the bot, and back to the authors")
    camat, refs = await _authors(harness, users)
    rows: dict[str, dict[str, object]] = {
        refs[0]: {
            HEADERS["status"]: "diterima",
            HEADERS["horizon"]: 1,
            HEADERS["agency"]: "Dinas Komunikasi dan Informatika",
            HEADERS["category"]: "aplikasi",
            HEADERS["programme"]: "Layanan Desa Digital",
        },
        refs[1]: {HEADERS["status"]: "digabung", HEADERS["merged_into"]: refs[0]},
        refs[2]: {HEADERS["status"]: "perlu kajian", HEADERS["agency"]: "Bappeda"},
    }
    data = await asyncio.to_thread(_fill, Path(workbook), rows)
    say(f"   the team fills {len(rows)} decisions in the workbook (drop-down lists) and the")
    say("   secretariat sends it back with the caption /keputusan")
    admin.mark()
    await admin.send_document("keputusan_tim_penyusun.xlsx", XLSX_MIME, data, caption="/keputusan")
    report = await admin.reply(timeout=30, what="the report of the decision import")
    say(f"   │ {report.text}")

    camat.mark()
    await camat.send("/ideku")
    page = (await camat.reply(what="the camat's /ideku")).text or ""
    for line in page.splitlines():
        if "Keputusan" in line or "decision" in line:
            say(f"   │ {camat.name} in /ideku: {line}")
            break

    admin.mark()
    await admin.send("/kabarkeputusan")
    confirm = await admin.reply(what="the counts before sending the notes")
    say(f"   │ {(confirm.text or '').splitlines()[1]}")
    camat.mark()
    await admin.press(confirm.buttons[0][0], confirm.message_id)
    await screen(admin)
    done = await admin.reply(timeout=60, what="the report of the notes to authors")
    say(f"   │ {done.text}")
    note = (await camat.reply(timeout=30, what="the camat's note of decisions")).text or ""
    say(f"   │ {camat.name} received: {note.splitlines()[0]}")
    sent = await harness.repo.db.fetchone(
        "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'note' AND status = 'sent'"
    )
    return {"decisions": len(rows), "notes_sent": int(sent["n"]) if sent else 0}


async def _authors(harness: BotHarness, users: Sequence[SimUser]) -> tuple[SimUser, list[str]]:
    """A camat who sent ideas (their SimUser and two of their ideas), and another's idea."""
    db = harness.repo.db
    rows = await db.fetchall(
        "SELECT i.id, p.telegram_id, p.position FROM ideas i "
        "JOIN participants p ON p.id = i.participant_id "
        "WHERE i.status = 'active' AND p.telegram_id IS NOT NULL ORDER BY i.id"
    )
    by_user: dict[int, list[int]] = {}
    for row in rows:
        by_user.setdefault(int(row["telegram_id"]), []).append(int(row["id"]))
    camat_ids = {int(r["telegram_id"]) for r in rows if r["position"] == "camat"}
    camat = next(u for u in users if u.id in camat_ids)
    mine = by_user[camat.id]
    other = next(ids[0] for uid, ids in by_user.items() if uid != camat.id)
    second = (
        mine[1]
        if len(mine) > 1
        else next(
            ids[0] for uid, ids in by_user.items() if uid not in (camat.id,) and ids[0] != other
        )
    )
    return camat, [idea_ref(mine[0]), idea_ref(second), idea_ref(other)]


def _fill(path: Path, rows: dict[str, dict[str, object]]) -> bytes:
    book = openpyxl.load_workbook(path)
    sheet = book["Ide"]
    column = {str(c.value): c.column for c in sheet[1]}
    for row in range(2, sheet.max_row + 1):
        for header, value in rows.get(
            str(sheet.cell(row, column[HEADERS["ref"]]).value), {}
        ).items():
            sheet.cell(row, column[header]).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
