"""A role revoked in the middle of a privileged form stops it at the very next step.

Table-driven: every privileged form is started by a user whose role was granted from the chat,
the secretariat revokes the role (`/peran hapus`) before a chosen step, and the user walks the
form on to its last step. The next step must be refused with "you no longer have the role", the
database must not change (no participant, idea, roster, poll or reminder) and no participant's
name may be shown after the revocation. Also after a restart, and after the holder's erasure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from bot.core.roles import Role
from bot.dev.emulator import SimUser
from bot.dev.sandbox import BotHarness
from handlers.texts import t
from storage.models import Profile
from tests.test_export_e2e import ROSTER, XLSX_MIME, roster_xlsx
from tests.test_permissions import REFUSALS, settled, snapshot
from tests.test_polls import people
from tests.test_prioritisation import ideas_for

PAPER_PERSON = "Bernadus Jemarut"
ROLE_LOST = t("id", "role_lost")
STAGE_1 = "Tahap I — Kesiapan daerah (SDM, kelembagaan, regulasi)"

# A step: ("send", text) | ("press", label) | ("first",) the first button of the newest
# screen | ("doc",) the roster file | ("photo", caption).
Step = tuple[str, ...]


@dataclass(frozen=True)
class Form:
    name: str
    role: Role
    steps: tuple[Step, ...]
    draft: str  # the key of the form's draft in user_data
    refusal: str = ROLE_LOST
    # Names that must not appear once the role is gone (what the form would show next).
    secret_names: tuple[str, ...] = ()


FORMS = [
    Form(
        "daftarluring",
        Role.SECRETARIAT,
        (
            ("send", "/daftarluring"),
            ("send", "Maria Goreti"),
            ("send", "Desa Golo Cador"),
            ("press", "Kepala desa/lurah"),
            ("first",),
            ("press", "✅ Konfirmasi"),
        ),
        "reg",
    ),
    Form(
        "idekertas",
        Role.SECRETARIAT,
        (
            ("send", "/idekertas"),
            ("send", "jemar"),
            ("press", f"{PAPER_PERSON} — Desa Golo Cador"),
            ("press", "Smart Branding (citra daerah)"),
            ("press", "Quick win · 1 tahun"),
            ("photo", "Festival kopi Colol tiap tahun"),
        ),
        "idea",
        secret_names=(PAPER_PERSON,),
    ),
    Form(
        "impor",
        Role.SECRETARIAT,
        (("send", "/impor"), ("doc",), ("press", STAGE_1)),
        "roster",
        secret_names=("Kornelius Jaong", "Veronika Dagur"),
    ),
    Form(
        "polling",
        Role.FACILITATOR,
        (
            ("send", "/polling"),
            ("send", "Setuju jam mulai 08.00?"),
            ("send", "Ya\nTidak"),
            ("press", "✅ Selesai"),
            ("press", "Satu jawaban"),
            ("press", "👤 Bernama"),
            ("press", t("id", "btn_audience_all")),
            ("press", "Tanpa batas waktu"),
            ("first",),
        ),
        "poll",
    ),
    Form(
        "prioritas",
        Role.FACILITATOR,
        (
            ("send", "/prioritas"),
            ("press", "Smart Economy"),
            ("press", "2"),
            ("press", t("id", "btn_audience_all")),
            ("press", "Tanpa batas waktu"),
            ("first",),
        ),
        "poll",
    ),
    Form(
        "pengingat",
        Role.FACILITATOR,
        (
            ("send", "/pengingat +30m Sesi siang dimulai"),
            ("press", t("id", "btn_audience_all")),
            ("press", "✅ Jadwalkan"),
        ),
        "remind",
        # Not a conversation: a draft and buttons, each press checked by `requires`.
        refusal=REFUSALS[1],
    ),
    # Screens of buttons without a draft: each press is checked by `requires`.
    Form("tahap", Role.SECRETARIAT, (("send", "/tahap"), ("first",)), "-", REFUSALS[0]),
    Form(
        "ekspor",
        Role.SECRETARIAT,
        (("send", "/ekspor"), ("first",), ("first",)),
        "-",
        REFUSALS[0],
        secret_names=(PAPER_PERSON,),
    ),
    Form(
        "rekapide",
        Role.FACILITATOR,
        (("send", "/rekapide"), ("first",), ("first",)),
        "-",
        REFUSALS[1],
    ),
]
CASES = [
    pytest.param(form, cut, id=f"{form.name}-before-step-{cut + 1}")
    for form in FORMS
    # Revoked right after the form opened, and right before its last (saving) step.
    for cut in sorted({1, len(form.steps) - 1})
]
GRANT_WORD = {Role.SECRETARIAT: "sekretariat", Role.FACILITATOR: "fasilitator"}


async def seed(harness: BotHarness) -> None:
    """What the forms work on: a paper participant and five ideas to vote on."""
    await settled(harness)
    await harness.repo.register_offline(
        Profile(PAPER_PERSON, "Desa Golo Cador", "village_head"), 1, entered_by=1
    )
    await ideas_for(harness, await people(harness, 5))


async def staff_member(harness: BotHarness, admin: SimUser, role: Role) -> SimUser:
    user = await harness.user("Staf Baru")
    await admin.send(f"/peran tambah {user.id} {GRANT_WORD[role]}")
    assert "sekarang" in ((await admin.reply()).text or ""), "the role was not granted"
    return user


async def revoke(admin: SimUser, user: SimUser) -> None:
    await admin.send(f"/peran hapus {user.id}")
    assert "dicabut" in ((await admin.reply()).text or ""), "the role was not revoked"


async def take(harness: BotHarness, user: SimUser, step: Step, *, strict: bool) -> None:
    """Do one step as a person would; a button no longer on screen is typed instead."""
    kind = step[0]
    if kind == "send":
        await user.send(step[1])
    elif kind == "doc":
        await user.send_document("peserta.xlsx", XLSX_MIME, roster_xlsx(ROSTER))
    elif kind == "photo":
        await user.send_photo(caption=step[1])
    else:
        messages = await user.messages()
        found: tuple[int, str] | None = None
        for message in reversed(messages):
            labels = [label for row in message.buttons for label in row]
            if kind == "first" and labels:
                found = (message.message_id, labels[0])
            elif kind == "press" and step[1] in labels:
                found = (message.message_id, step[1])
            if found:
                break
        if found is None:
            assert not strict, f"no button for step {step} on screen"
            await user.send(step[1] if kind == "press" else "ok")
        else:
            await user.press(found[1], found[0])
    assert await harness.client.wait_idle(quiet_ms=80), f"the bot did not settle after {step}"


def seen_since(events: list[dict[str, Any]]) -> str:
    """Every text the user saw: messages, edits and button answers."""
    texts = []
    for event in events:
        message = event.get("message") or {}
        texts.append(str(message.get("text") or message.get("caption") or ""))
        texts.append(str(event.get("text") or ""))
        markup = event.get("reply_markup") or message.get("reply_markup") or {}
        texts.append(str(markup))
    return "\n".join(texts)


@pytest.mark.parametrize(("form", "cut"), CASES)
async def test_a_revoked_role_stops_the_form_at_the_next_step(
    harness: BotHarness, form: Form, cut: int
) -> None:
    await seed(harness)
    admin = await harness.admin()
    user = await staff_member(harness, admin, form.role)
    before = await snapshot(harness)
    for step in form.steps[:cut]:
        await take(harness, user, step, strict=True)

    await revoke(admin, user)
    _, last_seq = await harness.client.events(user.chat_id)
    for step in form.steps[cut:]:
        await take(harness, user, step, strict=False)

    events, _ = await harness.client.events(user.chat_id, after=last_seq)
    seen = seen_since(events)
    assert form.refusal in seen, (
        f"{form.name}: the step after the revocation was not refused; the user saw: {seen!r}"
    )
    assert harness.app is not None
    assert form.draft not in harness.app.user_data.get(user.id, {}), "the draft was kept"
    assert not any("document" in (e.get("message") or {}) for e in events), (
        f"{form.name}: a file was sent after the role was revoked"
    )
    for name in form.secret_names:
        assert name not in seen, f"{form.name}: {name} was shown after the role was revoked"
    after = await snapshot(harness)
    after.pop("roles"), before.pop("roles")  # the grant itself is gone, as it should be
    assert after == before, f"{form.name}: the database changed after the role was revoked"
    assert user.id not in harness.services.roles.granted


async def test_a_form_resumed_after_a_restart_still_rechecks_the_role(
    harness: BotHarness,
) -> None:
    await seed(harness)
    admin = await harness.admin()
    user = await staff_member(harness, admin, Role.SECRETARIAT)
    before = await snapshot(harness)
    await user.send("/idekertas")
    assert "sebagian nama" in ((await user.reply()).text or "")
    await harness.restart()  # the form and its step are kept in the database
    await revoke(admin, user)
    user.mark()
    await user.send("jemar")
    refusal = (await user.reply()).text or ""
    assert refusal == ROLE_LOST and PAPER_PERSON not in refusal
    await user.send("jemar")  # the form is over: no names, nothing stored
    assert PAPER_PERSON not in ((await user.reply()).text or "")
    after = await snapshot(harness)
    after.pop("roles"), before.pop("roles")
    assert after == before
    assert harness.app is not None and "idea" not in harness.app.user_data.get(user.id, {})


async def test_a_restart_keeps_a_form_of_a_role_still_held(harness: BotHarness) -> None:
    """The re-check refuses only those who lost the role: a kept role finishes the form."""
    await seed(harness)
    admin = await harness.admin()
    user = await staff_member(harness, admin, Role.SECRETARIAT)
    await user.send("/idekertas")
    await user.reply()
    await harness.restart()
    await user.send("jemar")
    assert f"{PAPER_PERSON} — Desa Golo Cador" in str((await user.reply()).buttons)


async def test_erasing_a_staff_member_ends_their_role_at_once(harness: BotHarness) -> None:
    await settled(harness)
    admin = await harness.admin()
    user = await staff_member(harness, admin, Role.SECRETARIAT)
    await user.send("/impor")
    assert "Impor daftar" in ((await user.reply()).text or "")
    await user.send("/batal")
    await user.reply()
    await user.send("/hapusdata")
    await user.press(t("id", "btn_erase_yes"), (await user.reply()).message_id)
    assert (
        t("id", "erase_done") in ((await user.next_event(("edit", "message")))["message"]["text"])
    )
    assert user.id not in harness.services.roles.granted
    await user.send("/impor")
    assert (await user.reply()).text in REFUSALS  # no restart needed


async def test_the_refusal_speaks_the_users_language(harness: BotHarness) -> None:
    await settled(harness)
    admin = await harness.admin()
    user = await harness.user("New Staff", language_code="en")
    await admin.send(f"/peran tambah {user.id} fasilitator")
    await admin.reply()
    await user.send("/poll")
    await user.reply()
    await revoke(admin, user)
    await user.send("Start at 08:00?")
    assert (await user.reply()).text == t("en", "role_lost")
