"""The demo's round of ideas: every participant sends one, the secretariat types in paper ones,
a facilitator reads the counts."""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from bot.emulator import SimUser
from bot.sandbox import FACILITATOR_ID, BotHarness, screen
from handlers.idea_rules import DIMENSION_TAGS, HORIZON_TAGS
from handlers.texts import t
from storage.models import DIMENSIONS, HORIZONS

IDEAS: dict[str, tuple[str, ...]] = {
    "governance": (
        "Layanan izin usaha mikro cukup lewat WhatsApp kantor camat",
        "Papan informasi digital anggaran desa di setiap kantor desa",
        "Satu data penduduk untuk semua dinas, diperbarui tiap bulan",
    ),
    "branding": (
        "Festival kopi Colol setiap tahun dengan paket wisata kebun",
        "Cerita sawah lodok Cancar di media sosial resmi kabupaten",
        "Logo dan slogan bersama untuk produk UMKM Manggarai",
    ),
    "economy": (
        "Pasar desa online untuk kopi, vanili dan cengkeh Manggarai",
        "Pembayaran retribusi pasar dengan QRIS",
        "Pelatihan pemasaran digital untuk kelompok tenun Todo",
    ),
    "living": (
        "Jadwal dokter puskesmas dan antrean lewat pesan singkat",
        "Peta jalan rusak yang bisa dilaporkan warga dengan foto",
        "Air bersih untuk desa di lereng dengan pompa tenaga surya",
    ),
    "society": (
        "Pojok baca dan internet gratis di setiap kantor kecamatan",
        "Ronda digital: grup pelaporan keamanan per dusun",
        "Kelas literasi digital untuk guru SD di kecamatan terpencil",
    ),
    "environment": (
        "Bank sampah di setiap kelurahan di Ruteng",
        "Pemantauan longsor dengan sensor hujan di Satar Mese",
        "Penanaman kembali mata air dengan bibit dari persemaian desa",
    ),
}


def _pick(rng: random.Random, index: int) -> tuple[str, str, str]:
    dimension = DIMENSIONS[index % len(DIMENSIONS)]
    horizon = HORIZONS[rng.randrange(3)] if index % 7 else "unsure"
    text = IDEAS[dimension][index % 3]
    return dimension, horizon, f"{text} ({index + 1})"


async def _by_hashtag(user: SimUser, lang: str, dimension: str, horizon: str, text: str) -> str:
    dim_tag = DIMENSION_TAGS[dimension][0] if lang == "id" else dimension
    hor_tag = HORIZON_TAGS[horizon][0] if lang == "id" else f"{horizon}y"
    tags = f"#{dim_tag}" if horizon == "unsure" else f"#{dim_tag} #{hor_tag}"
    user.mark()  # skip reminders and other messages from earlier steps
    await user.send(f"{tags} {text}")
    return (await user.reply(timeout=30)).text or ""


async def _by_buttons(
    user: SimUser, lang: str, dimension: str, horizon: str, text: str, *, photo: bool
) -> str:
    user.mark()
    await user.send("/ide" if lang == "id" else "/idea")
    await user.reply(timeout=30)
    await user.press(t(lang, f"dim_{dimension}"))
    await screen(user, timeout=30)
    await user.press(t(lang, f"horizon_{horizon}"))
    await screen(user, timeout=30)
    if photo:
        await user.send_photo(caption=text)
    else:
        await user.send(text)
    return (await user.reply(timeout=30)).text or ""


async def _paper(admin: SimUser, name_part: str, dimension: str, horizon: str, text: str) -> str:
    admin.mark()  # skip whatever the bot sent the secretariat before
    await admin.send("/idekertas")
    await admin.reply(timeout=30)
    await admin.send(name_part)
    pick = await admin.reply(timeout=30)
    await admin.press(pick.buttons[0][0], pick.message_id)
    await screen(admin, timeout=30)
    await admin.reply(timeout=30)
    await admin.press(t("id", f"dim_{dimension}"))
    await screen(admin, timeout=30)
    await admin.press(t("id", f"horizon_{horizon}"))
    await screen(admin, timeout=30)
    await admin.send_photo(caption=text)
    return (await admin.reply(timeout=30)).text or ""


async def demo_ideas(
    harness: BotHarness,
    admin: SimUser,
    users: Sequence[tuple[SimUser, str]],
    paper_names: Sequence[str],
    run_all: Callable[[Sequence[Awaitable[str]], str, int], Awaitable[list[str]]],
    say: Callable[[str], None],
) -> dict[str, Any]:
    """Play the round; `users` are (user, language), `run_all` runs jobs with a progress bar."""
    rng = random.Random(11)
    jobs: list[Awaitable[str]] = []  # one per user, all users at once
    for index, (user, lang) in enumerate(users):
        dimension, horizon, text = _pick(rng, index)
        if index % 3 == 0:
            jobs.append(_by_buttons(user, lang, dimension, horizon, text, photo=index % 2 == 0))
        else:
            jobs.append(_by_hashtag(user, lang, dimension, horizon, text))
    results = await run_all(jobs, "ideas by chat", len(jobs))
    received = sum(("diterima" in r or "received" in r) for r in results)

    paper_jobs: list[Awaitable[str]] = [
        _paper(
            admin, name.split()[-1], DIMENSIONS[i % 6], HORIZONS[i % 3], IDEAS[DIMENSIONS[i % 6]][2]
        )
        for i, name in enumerate(paper_names)
    ]
    # One secretariat member, one chat: the paper ideas are typed in one after the other.
    paper = await run_all(paper_jobs, "paper ideas (secretariat)", 1)
    stored_paper = sum("disimpan" in r for r in paper)

    facilitator = await harness.user("Fasilitator", user_id=FACILITATOR_ID)
    facilitator.mark()
    await facilitator.send("/rekapide")
    summary = await facilitator.reply(timeout=30)
    say("   Facilitator's /rekapide:")
    for line in (summary.text or "").splitlines():
        say(f"   │ {line}")
    counts = await harness.ideas.counts_by_dimension(1)
    return {
        "sent": len(jobs),
        "received": received,
        "paper": stored_paper,
        "stored": sum(c.total for c in counts),
        "per_dimension": {c.dimension: c.total for c in counts},
    }
