"""`bimtek-bot demo`: a scripted hybrid workshop, played against the local Bot API emulator.

The real bot runs unchanged; only its Bot API base URL points at the emulator, which enforces
Telegram's flood limits. Simulated camat, agency staff and experts (some in English) register for
Tahap I by chat and by the QR deep link of the room, and the secretariat enters the people who have
no Telegram and lists everyone.
"""

from __future__ import annotations

import asyncio
import random
import sys
import time
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from bot.core.config import Settings
from bot.core.workshop import load_workshop
from bot.dev.demo.admin import demo_admin
from bot.dev.demo.attachments import demo_attachments
from bot.dev.demo.decisions import demo_decisions
from bot.dev.demo.export import demo_export
from bot.dev.demo.ideas import demo_ideas
from bot.dev.demo.intake import demo_intake
from bot.dev.demo.matrix import demo_matrix
from bot.dev.demo.ops import demo_ops
from bot.dev.demo.polls import demo_polls
from bot.dev.demo.regchange import demo_regchange
from bot.dev.demo.schedule import demo_session_day
from bot.dev.demo.tags import demo_tags
from bot.dev.demo.wording import demo_wording
from bot.dev.demo.workbook import demo_workbook
from bot.dev.emulator import Emulator, SimUser
from bot.dev.emulator.limits import FloodLimits
from bot.dev.sandbox import FACILITATOR_ID, BotHarness, register_by_chat, screen
from handlers.texts import t

FIRST_NAMES = (
    "Yosef",
    "Maria",
    "Fransiskus",
    "Theresia",
    "Agustinus",
    "Yuliana",
    "Kornelius",
    "Veronika",
    "Hendrikus",
    "Margareta",
    "Bonifasius",
    "Elisabeth",
    "Silvester",
    "Katarina",
    "Adrianus",
    "Yohana",
    "Benediktus",
    "Fransiska",
    "Rofinus",
    "Kristina",
)
SURNAMES = (
    "Jehalu",
    "Ndahur",
    "Jemarut",
    "Hamsi",
    "Nggoro",
    "Sehadun",
    "Jelalu",
    "Dagur",
    "Jaong",
    "Nampar",
    "Tanggur",
    "Rampung",
    "Habur",
    "Mbalu",
    "Dalu",
    "Gunur",
)


# In-room participants without Telegram, registered by the secretariat from paper forms.
PAPER_PEOPLE = (
    ("Bernadus Jemarut", "Desa Golo Cador"),
    ("Kristoforus Nampur", "Desa Wae Ri'i"),
    ("Yuliana Mbejo", "Kelurahan Pau"),
)


@dataclass(frozen=True)
class Person:
    """A simulated participant and how they will register."""

    name: str
    lang: str
    kind: str
    institution: str
    position: str
    mode: str
    by_qr: bool


class Progress:
    """A one-line progress bar on stderr (a plain line per step when not a terminal)."""

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total, self.done = label, total, 0
        self.tty = sys.stderr.isatty()
        self._last_printed = -1

    def step(self) -> None:
        self.done += 1
        width = 30
        filled = width * self.done // max(self.total, 1)
        line = (
            f"  {self.label:<28} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
        )
        if self.tty:
            end = "\n" if self.done == self.total else ""
            print(f"\r{line}", end=end, file=sys.stderr, flush=True)
        elif self.done == self.total or self.done * 4 // self.total != self._last_printed:
            self._last_printed = self.done * 4 // self.total
            print(line, file=sys.stderr, flush=True)


def cast(
    count: int, kecamatan: tuple[str, ...], opd: tuple[str, ...], seed: int = 7
) -> list[Person]:
    """Every camat (remote, mostly online), agency staff, and a few English-speaking experts."""
    rng = random.Random(seed)
    names = [f"{f} {s}" for f in FIRST_NAMES for s in SURNAMES]
    rng.shuffle(names)
    people: list[Person] = []
    for i in range(count):
        name = names[i]
        if i < len(kecamatan):
            # Camat far from town join online; the two nearest sit in the room.
            mode = "offline" if kecamatan[i] in ("Langke Rembong", "Ruteng") else "online"
            people.append(Person(name, "id", "kecamatan", kecamatan[i], "camat", mode, False))
        elif i % 10 == 9:
            expert = "ministry_expert" if i % 20 == 19 else "consultant"
            people.append(
                Person(name, "en", "other", "Kementerian Kominfo", expert, "online", False)
            )
        else:
            mode = rng.choice(("offline", "offline", "online"))
            people.append(
                Person(name, "id", "opd", opd[i % len(opd)], "opd_staff", mode, mode == "offline")
            )
    return people


def _voice(person: Person) -> str:
    """Whose ideas this person writes (see bot/dev/demo/data.py)."""
    if person.position == "camat":
        return "camat"
    return "expert" if person.lang == "en" else "opd"


async def _register(user: SimUser, person: Person) -> str:
    done = await register_by_chat(
        user,
        lang=person.lang,
        name=person.name,
        kind=person.kind,
        institution=person.institution,
        position=person.position,
        mode=None if person.by_qr else person.mode,
        payload="reg_1_offline" if person.by_qr else None,
    )
    return done.text or ""


async def _in_parallel(
    jobs: Sequence[Awaitable[str]], progress: Progress, limit: int = 48
) -> list[str]:
    """Await the jobs (not yet started coroutines), at most `limit` at a time."""
    gate = asyncio.Semaphore(limit)

    async def run(job: Awaitable[str]) -> str:
        async with gate:
            result = await job
            progress.step()
            return result

    return list(await asyncio.gather(*(run(job) for job in jobs)))


async def _secretariat_enters(admin: SimUser, name: str, institution: str) -> str:
    lang = "id"
    await admin.send("/daftarluring")
    await admin.reply()
    await admin.send(name)
    await admin.reply()
    await admin.press(t(lang, "inst_kind_other"))
    await screen(admin)
    await admin.send(institution)
    await admin.reply()
    await admin.press(t(lang, "position_village_head"))
    stages = await screen(admin)
    await admin.press(stages.buttons[0][0])
    await screen(admin)
    await admin.press(t(lang, "btn_confirm"))
    return (await screen(admin)).text or ""


def _remove_database(db_path: Path) -> None:
    """The demo starts from an empty database every time."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)


def _say(text: str = "") -> None:
    print(text, flush=True)


async def run_demo(settings: Settings, *, participants: int, db_path: Path) -> int:
    """Play the workshop; returns the process exit code."""
    started = time.monotonic()
    _remove_database(db_path)
    workshop = load_workshop(settings.workshop_path)
    _say(f"Bimtek Bot demo — {workshop.name}, {workshop.region}")
    _say("Local Bot API emulator on 127.0.0.1 with Telegram's flood limits; no token, no internet.")

    async with Emulator(limits=FloodLimits()) as emulator:
        demo_settings = replace(
            BotHarness.settings_for(emulator, db_path),
            workshop_path=settings.workshop_path,
            export_dir=settings.export_dir,
        )
        harness = BotHarness(emulator, demo_settings)
        await harness.start()
        step = "1. registration"
        try:
            people = cast(participants, workshop.kecamatan, workshop.opd)
            _say(f"\n1. {len(people)} participants register for Tahap I by chat")
            _say("   (camat online from far kecamatan, OPD staff, experts in English,")
            _say("    in-room participants through the QR code's deep link)")
            users = [
                await harness.user(
                    p.name.split()[0], last_name=p.name.split()[1], language_code=p.lang
                )
                for p in people
            ]
            progress = Progress("registering", len(people))
            jobs = [_register(u, p) for u, p in zip(users, people, strict=True)]
            results = await _in_parallel(jobs, progress)
            confirmed = sum(("Terdaftar" in r or "Registered" in r) for r in results)

            step = "2. paper registrations"
            _say("\n2. The secretariat enters three in-room participants without Telegram")
            admin = await harness.admin()
            progress = Progress("entering paper forms", 3)
            offline_jobs = [_secretariat_enters(admin, n, i) for n, i in PAPER_PEOPLE]
            await _in_parallel(offline_jobs, progress, limit=1)

            step = "3. the participant list"
            _say("\n3. The secretariat lists the participants of Tahap I (/peserta)")
            await admin.send("/peserta 1")
            listing = await admin.reply(timeout=15)
            for line in (listing.text or "").splitlines()[:22]:
                _say(f"   │ {line}")
            _say("   │ …")

            step = "4. the session day"
            _say("\n4. Session day, the next workshop morning (09:00–12:00 by the bot's clock):")
            _say("   reminders go out, check-in by QR in the room and by button online,")
            _say("   a facilitator nudges those not yet checked in")
            day = await demo_session_day(harness, admin, users)
            _say(
                f"   reminded {day['reminded']}, checked in by QR {day['qr_checkins']},"
                f" by button {day['button_checkins']}, nudged {day['nudged_not_checked_in']}"
            )

            step = "5. ideas"
            _say(
                "\n5. Ideas: everyone sends their own (hashtags, buttons, photos, some in English),"
            )
            _say("   the secretariat types in paper ideas, a facilitator reads the counts")

            async def run_all(jobs: Sequence[Awaitable[str]], label: str, limit: int) -> list[str]:
                return await _in_parallel(jobs, Progress(label, len(jobs)), limit)

            ideas = await demo_ideas(
                harness,
                admin,
                [(u, p.lang, _voice(p)) for u, p in zip(users, people, strict=True)],
                [name for name, _ in PAPER_PEOPLE],
                run_all,
                _say,
            )
            step = "5b. free-form ideas"
            await demo_intake(
                harness,
                [
                    (u, p.institution)
                    for u, p in zip(users, people, strict=True)
                    if p.position == "camat"
                ],
                _say,
            )

            step = "5c. hashtag repair and similar ideas"
            await demo_tags(harness, users, people, _say)

            step = "5d. registration changes"
            await demo_regchange(
                harness, admin, users[0], (PAPER_PEOPLE[1][0], "Kristophorus Nampur"), _say
            )

            step = "6. polls"
            _say("\n6. A facilitator polls everyone (answers online and in the room, hand votes)")
            _say("   and puts the busiest dimension's ideas to a vote")
            facilitator = await harness.user("Fasilitator", user_id=FACILITATOR_ID)
            polls = await demo_polls(harness, facilitator, users, _say)
            _say(
                f"   poll #{polls['poll']}: {polls['voters']} of {polls['recipients']} answered,"
                f" {polls['hand_votes']} hand votes"
            )

            step = "7. trust"
            _say("\n7. Trust: a role granted from the chat, a privacy request, the audit log")
            trust = await demo_admin(harness, admin, users[1], users[0], users[-1], _say)

            step = "8. export"
            _say("\n8. The secretariat exports everything for the drafting team (/ekspor)")
            workbook = await demo_export(harness, admin)
            _say(f"   workbook received through the chat: {workbook}")
            await demo_workbook(harness, workbook, _say)
            await demo_attachments(harness, admin, users, _say)
            await demo_decisions(harness, admin, workbook, users, _say)  # issue 14
            await demo_matrix(workbook, _say)

            step = "9. operations"
            _say("\n9. Operations: the secretariat's /status; a nightly backup, made and verified")
            ops_result = await demo_ops(harness, admin, _say)

            step = "10. wording"
            _say("\n10. What people read: the privacy notice, next steps, old buttons, times")
            camat = next(i for i, p in enumerate(people) if p.lang == "id")
            wording = await demo_wording(harness, users[camat], results[camat], facilitator, _say)

            counts = await harness.repo.stage_counts(1)
            stats = await harness.client.stats()
        except AssertionError as failure:
            # A wait that ran out says what did not happen; that sentence is the report.
            _say(f"\nDemo FAILED at step {step}: {failure}")
            return 1
        finally:
            await harness.close()

    elapsed = time.monotonic() - started
    _say("\nSummary")
    _say(f"  registered by chat      {confirmed}/{len(people)}")
    _say(
        f"  Tahap I participants    {counts.total}"
        f" (online {counts.online}, offline {counts.offline})"
    )
    _say(f"  institutions            {len(counts.by_institution)}")
    _say(
        f"  ideas                   {ideas['stored']} stored ({ideas['received']} by chat,"
        f" {ideas['paper']} from paper, {ideas['distinct']} different texts) — "
        + ", ".join(f"{d} {n}" for d, n in ideas["per_dimension"].items())
    )
    _say(
        f"  Bot API calls           {sum(stats['requests'].values())}"
        f" (429 answered and waited out: {stats['responses_429']})"
    )
    _say(f"  poll                    {polls['voters']} of {polls['recipients']} answered")
    _say(f"  database                {db_path}")
    _say(f"  workbook                {workbook}")
    _say(f"  backup                  {ops_result['backup']}")
    _say(f"  time                    {elapsed:.1f} s")
    ok = (
        confirmed == len(people)
        and trust["granted"]
        and trust["erased"]
        and ops_result["verified"]
        and ops_result["audited"]
        and all(wording.values())
        and counts.total == len(people) + len(PAPER_PEOPLE)
        and ideas["stored"] == ideas["sent"] + len(PAPER_PEOPLE)
    )
    _say("\nDemo finished: every registration and idea is stored." if ok else "\nDemo FAILED.")
    return 0 if ok else 1
