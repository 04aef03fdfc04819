"""Indonesian that reads as written by a person (issue 13): short button labels, no English words
left, the privacy notice that names who holds the data, the next step after registering, expired
buttons that do not send a registered person back to /start, and times echoed before scheduling.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
import string
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.dev.emulator import Emulator
from bot.dev.sandbox import FACILITATOR_ID, BotHarness, register_by_chat, screen
from bot.jobs import polling
from bot.rules.poll_rules import parse_deadline
from bot.rules.timing import ShiftedClock, parse_duration, parse_when, split_when
from handlers.reminders import parse_reminder_command
from handlers.texts import en, roman, t
from handlers.texts import id as indonesian
from handlers.validation import parse_stage
from tests.schedule_support import clocked_harness, register, wita

ROOT = Path(__file__).resolve().parent.parent
LABEL_MAX = 20  # two buttons side by side on a phone

# Keys whose values are button labels although their names do not start with "btn_".
LABEL_FAMILIES = (
    "btn_",
    "back",
    "mode_",
    "inst_kind_",
    "position_",
    "horizon_",
    "field_",
    "poll_deadline_none",
    "poll_deadline_minutes",
    "poll_deadline_hours",
    "poll_deadline_days",
    "export_all_stages",
    "language_name",
)
# Labels that may be longer, each shown alone on its row: the official names of the six
# dimensions, and a stage's own title with its idea count (data written by the region).
LONG_LABELS = frozenset(
    {f"dim_{d}" for d in ("governance", "branding", "economy", "living", "society", "environment")}
    | {"export_stage_button"}
)
# The longest value a placeholder of a label takes: stage IV, a 3-digit count, a 4-digit id.
WORST = {"n": roman(4), "count": "999", "id": "9999"}


def _is_label_key(key: str) -> bool:
    return any(key == f or (f.endswith("_") and key.startswith(f)) for f in LABEL_FAMILIES)


def _filled(template: str) -> str:
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return template.format(**{name: WORST.get(name, "99") for name in names})


def _label_keys_in_code() -> set[str]:
    """Every text key the handlers put on a button: the first item of a (label, buttons.make(..))
    pair, or the text of a KeyboardButton; an f-string key stands for every key it can make."""
    keys: set[str] = set()
    catalogue = set(indonesian.TEXTS)

    def key_of(node: ast.expr) -> set[str]:
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            return set()
        if node.func.id != "t" or len(node.args) < 2:
            return set()
        arg = node.args[1]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            return {arg.value}
        if isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
            prefix = str(arg.values[0].value)
            return {k for k in catalogue if k.startswith(prefix)}
        return set()

    for path in [*(ROOT / "handlers").rglob("*.py"), *(ROOT / "bot" / "jobs").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple) and len(node.elts) == 2:
                data = node.elts[1]
                if (
                    isinstance(data, ast.Call)
                    and isinstance(data.func, ast.Attribute)
                    and data.func.attr == "make"
                ):
                    keys |= key_of(node.elts[0])
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "KeyboardButton":
                keys |= key_of(node.args[0]) if node.args else set()
    return keys


def test_every_button_label_fits_two_per_row() -> None:
    checked = {k for k in indonesian.TEXTS if _is_label_key(k)} - LONG_LABELS
    assert len(checked) > 60, "the label families no longer match the catalogue's key names"
    too_long = [
        f"{lang}:{key} = {_filled(catalogue[key])!r} ({len(_filled(catalogue[key]))})"
        for lang, catalogue in (("id", indonesian.TEXTS), ("en", en.TEXTS))
        for key in sorted(checked)
        if len(_filled(catalogue[key])) > LABEL_MAX
    ]
    assert not too_long, f"button labels over {LABEL_MAX} characters: {too_long}"


def test_every_key_put_on_a_button_is_checked_for_length() -> None:
    used = _label_keys_in_code()
    assert {"btn_discard", "back", "btn_withdraw", "btn_share_phone"} <= used
    unchecked = sorted(k for k in used if not _is_label_key(k) and k not in LONG_LABELS)
    assert not unchecked, f"keys used as button labels but not length-checked: {unchecked}"


# English words that must not be left in Indonesian texts. Commands (/polling), code samples,
# placeholders and configuration names (BOT_BACKUP_TIME=off) are not prose and are skipped.
DENIED = ("workbook", "voting", "long polling", "update", "online", "offline")
_NOT_PROSE = re.compile(
    r"<code>.*?</code>|<[^>]+>|\{[^}]*\}|/[a-z_]+|https?://\S+|\b[A-Z_]{3,}=\w+", re.DOTALL
)


def _prose(value: str) -> str:
    return _NOT_PROSE.sub(" ", value)


def test_indonesian_texts_have_no_english_words_left() -> None:
    found = [
        (key, word)
        for key, value in indonesian.TEXTS.items()
        for word in DENIED
        if re.search(rf"\b{word}\b", _prose(value), re.IGNORECASE)
    ]
    assert not found, found
    # The filter itself must not hide prose: a plain English word in a sentence is caught.
    assert re.search(r"\bonline\b", _prose("Pasar desa online untuk <b>{x}</b>"))


def test_one_term_for_each_thing() -> None:
    values = "\n".join(indonesian.TEXTS.values())
    assert "Tarik" not in values and "ditarik" not in values  # "Batalkan ide", "dibatalkan"
    assert indonesian.TEXTS["btn_withdraw"] == "🗑 Batalkan ide"
    assert indonesian.TEXTS["mode_online"].startswith("Daring")
    assert indonesian.TEXTS["mode_offline"].startswith("Luring")
    assert "tagar" in indonesian.TEXTS["help_ideas"]


def test_stage_numbers_are_roman() -> None:
    assert [roman(n) for n in (1, 2, 3, 4, 9, 14)] == ["I", "II", "III", "IV", "IX", "XIV"]
    assert t("id", "btn_open_ideas", n=roman(2)) == "Buka ide Tahap II"


# --- the same units for /pengingat and poll deadlines ------------------------------------------

WITA = dt.timezone(dt.timedelta(hours=8))
NOW = wita("2021-06-21 09:00")


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("30m", 30), ("30 menit", 30), ("2j", 120), ("2 jam", 120), ("1j30m", 90), ("1 hari", 1440)],
)
def test_reminders_and_poll_deadlines_read_the_same_units(typed: str, minutes: int) -> None:
    assert parse_duration(typed, "id") == minutes
    assert parse_when(typed, NOW, WITA) == NOW + dt.timedelta(minutes=minutes)
    assert parse_deadline(typed, "id", NOW, WITA) == minutes


def test_a_clock_time_is_read_by_both() -> None:
    assert parse_when("14:30", NOW, WITA) == wita("2021-06-21 14:30")
    assert parse_deadline("14:30", "id", NOW, WITA) == 330
    assert parse_deadline("08:00", "id", NOW, WITA) == "poll_deadline_past"
    assert parse_when("08:00", NOW, WITA) == "when_past"
    # A bare number is minutes for a poll's "how long", not for a reminder's first word.
    assert parse_deadline("45", "id") == 45 and parse_when("45", NOW, WITA) == "when_bad"
    assert split_when(["2", "jam", "Sesi", "siang"]) == ("2 jam", 2)
    assert split_when(["1", "jam", "30", "menit", "Sesi"]) == ("1 jam 30 menit", 4)
    assert parse_reminder_command("/pengingat 1 jam 30 menit Sesi siang\nbaris dua") == (
        "1 jam 30 menit",
        "Sesi siang\nbaris dua",
    )
    assert parse_deadline("2021-06-20 08:00", "id", NOW, WITA) == "poll_deadline_past"


# --- through the emulator ----------------------------------------------------------------------


@pytest.fixture
async def clocked(emulator: Emulator, tmp_path: Path) -> AsyncIterator[BotHarness]:
    clock = ShiftedClock(wita("2021-06-21 09:00"), ticking=False)
    harness = await clocked_harness(emulator, tmp_path, clock)
    yield harness
    await harness.close()


async def test_privacy_notice_names_the_organiser_and_can_be_refused(harness: BotHarness) -> None:
    user = await harness.user("Yosef")
    await user.send("/start")
    await user.reply()  # welcome
    notice = await user.reply()
    text = notice.text or ""
    assert "Dinas Komunikasi dan Informatika Kabupaten Manggarai" in text
    assert 4 <= len(text.splitlines()) <= 5, text  # a heading and three or four short lines
    assert all(len(line) <= 160 for line in text.splitlines()), text
    assert notice.buttons == [["✅ Setuju", "Tidak setuju"]]
    await user.press("Tidak setuju", notice.message_id)
    refused = await screen(user)
    assert "tidak ada data Anda yang disimpan" in (refused.text or "")
    assert not await harness.services.privacy.accepted(user.id)
    assert await harness.repo.participant_by_telegram(user.id) is None
    assert harness.app is not None
    assert not harness.app.user_data.get(user.id), "the refusal left something in user_data"
    # Changing one's mind later works as before.
    await user.send("/start")
    await user.reply()
    again = await user.reply()
    await user.press("✅ Setuju", again.message_id)
    assert "Anda menyetujui" in ((await screen(user)).text or "")
    assert await harness.services.privacy.accepted(user.id)


async def test_after_registering_the_bot_says_what_to_do_next(harness: BotHarness) -> None:
    user = await harness.user("Yosef")
    done = await register_by_chat(
        user,
        lang="id",
        name="Yosef Jehalu",
        kind="kecamatan",
        institution="Cibal",
        position="camat",
        mode="online",
    )
    text = done.text or ""
    assert "Terdaftar" in text
    assert t("id", "registered_next") in text
    assert "/jadwal" in text and "ketik" in text


async def test_kecamatan_typed_without_apostrophe_is_written_as_the_region_does(
    harness: BotHarness,
) -> None:
    user = await harness.user("Yosef")
    done = await register_by_chat(
        user,
        lang="id",
        name="Yosef Jehalu",
        kind="other",
        institution="kecamatan wae rii",
        position="camat",
        mode="offline",
    )
    assert "Terdaftar" in (done.text or "")
    participant = await harness.repo.participant_by_telegram(user.id)
    assert participant is not None
    assert (participant.kecamatan, participant.institution) == ("Wae Ri'i", "Kecamatan Wae Ri'i")
    assert "Wae Ri'i" in [i.name for i in await harness.repo.institutions("kecamatan")]


async def test_an_expired_button_does_not_send_a_registered_person_to_start(
    harness: BotHarness,
) -> None:
    user = await harness.user("Yosef")
    done = await register_by_chat(
        user,
        lang="id",
        name="Yosef Jehalu",
        kind="kecamatan",
        institution="Cibal",
        position="camat",
        mode="online",
    )
    # The confirm button of the finished form, pressed again later.
    pressed = await user.press_data(done.message_id, "reg:ok")
    answer = (await user.callback_answer(pressed))["text"]
    assert "tidak aktif" in answer and "/start" not in answer, answer
    assert "/bantuan" in answer
    # Someone not registered yet is told to /start.
    stranger = await harness.user("Ana")
    await stranger.send("/bantuan")
    help_message = await stranger.reply()
    pressed = await stranger.press_data(help_message.message_id, "reg:ok")
    answer = (await stranger.callback_answer(pressed))["text"]
    assert "/start" in answer and "tidak aktif" in answer, answer


async def test_reminder_echoes_the_time_it_understood(clocked: BotHarness) -> None:
    fac = await clocked.user("Fasilitator", user_id=FACILITATOR_ID)
    await fac.send("/pengingat 2 jam Sesi siang dimulai")
    pick = await fac.reply()
    assert "akan dikirim Senin, 21 Juni 2021 11:00 WITA" in (pick.text or ""), pick.text
    assert "Sesi siang dimulai" in (pick.text or "") and "jam Sesi" not in (pick.text or "")
    await fac.press(t("id", "btn_audience_all"), pick.message_id)
    confirm = await screen(fac)
    assert "akan dikirim Senin, 21 Juni 2021 11:00 WITA" in (confirm.text or ""), confirm.text
    assert "semua peserta Tahap I " in (confirm.text or ""), confirm.text
    await fac.send("/pengingat 14:30 Kembali ke ruangan")
    assert "akan dikirim Senin, 21 Juni 2021 14:30 WITA" in ((await fac.reply()).text or "")


@pytest.mark.parametrize(
    ("typed", "until"), [("2j", "11:00"), ("2 jam", "11:00"), ("14:30", "14:30")]
)
async def test_poll_deadline_echoes_the_time_it_understood(
    clocked: BotHarness, typed: str, until: str
) -> None:
    user = await clocked.user("Peserta")
    await register(clocked, user, name="Peserta Satu")
    fac = await clocked.user("Fasilitator", user_id=FACILITATOR_ID)
    await fac.send("/polling")
    await fac.reply()
    await fac.send("Setuju jam mulai 08.00?")
    await fac.reply()
    await fac.send("Ya\nTidak")
    await fac.reply()
    await fac.press("✅ Selesai")
    await screen(fac)
    await fac.press("Satu jawaban")
    await screen(fac)
    await fac.press("👤 Bernama")
    await screen(fac)
    await fac.press(t("id", "btn_audience_all"))
    ask = await screen(fac)
    assert "14:30" in (ask.text or "") and "WITA" in (ask.text or "")
    await fac.send(typed)
    confirm = await screen(fac)
    assert f"ditutup Senin, 21 Juni 2021 {until} WITA" in (confirm.text or ""), confirm.text
    # Confirming a few minutes later keeps the deadline that was echoed.
    clock = clocked.settings.clock
    assert isinstance(clock, ShiftedClock)
    clock.advance(dt.timedelta(minutes=3))
    await fac.press(confirm.buttons[0][0], confirm.message_id)
    await screen(fac)
    assert clocked.app is not None
    polls = await polling.repository(clocked.app).latest_polls(1)
    assert polls and polls[0].deadline_at == wita(f"2021-06-21 {until}")


def test_a_stage_may_be_typed_as_written() -> None:
    assert [parse_stage(s) for s in ("I", "ii", "IV", "4", "IX")] == [1, 2, 4, 4, 9]
    assert [parse_stage(s) for s in ("IIII", "V1", "x", "", None, "٣")] == [None] * 6


async def test_stage_commands_take_roman_numerals(harness: BotHarness) -> None:
    admin = await harness.admin()
    await admin.send("/peserta II")
    assert "Tahap II —" in ((await admin.reply()).text or "")
    await admin.send("/ubahtahap II tempat Aula Bappeda")
    assert "Tahap II diperbarui" in ((await admin.reply()).text or "")
    stage = await harness.repo.get_stage(2)
    assert stage is not None and stage.venue == "Aula Bappeda"
