"""Bench-only: fill a database with a big, realistic workshop in one transaction per table.

The repository's verbs commit one registration or idea at a time and check duplicates as they
go, which is right for the bot and far too slow for 100,000 rows; this writes the same tables
directly with `executemany`. Never used by the bot.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from pathlib import Path

from storage.models import DIMENSIONS, HORIZONS, POSITIONS
from storage.repository import name_key

WORDS = [
    "pasar",
    "desa",
    "online",
    "kopi",
    "manggarai",
    "pelatihan",
    "umkm",
    "digital",
    "layanan",
    "publik",
    "terpadu",
    "aplikasi",
    "kesehatan",
    "puskesmas",
    "keliling",
    "sekolah",
    "internet",
    "sampah",
    "bank",
    "energi",
    "surya",
    "air",
    "bersih",
    "irigasi",
    "pariwisata",
    "festival",
    "budaya",
    "jalan",
    "desa",
    "transportasi",
    "ojek",
    "data",
    "kependudukan",
    "pajak",
    "daerah",
    "kebencanaan",
    "peringatan",
    "dini",
    "literasi",
    "pemuda",
    "perempuan",
    "petani",
    "nelayan",
    "gudang",
    "harga",
    "pangan",
    "sinyal",
    "menara",
    "wifi",
    "kantor",
    "camat",
    "rapat",
    "warga",
    "musrenbang",
    "anggaran",
    "transparansi",
    "pengaduan",
]
RISKY = ("=1+1", "+62 812 3456 7890", "-x", "@SUM(A1)")


def populate(
    db_path: Path,
    *,
    participants: int,
    ideas: int,
    stage: int = 1,
    opd: tuple[str, ...] = (),
    kecamatan: tuple[str, ...] = (),
    seed: int = 4,
) -> None:
    """Add participants registered for `stage` and their ideas to a migrated, seeded database."""
    rng = random.Random(seed)
    start = dt.datetime(2021, 6, 21, 0, 30, tzinfo=dt.UTC)
    opd = opd or ("Bappeda", "Dinas Kominfo")
    kecamatan = kecamatan or ("Cibal", "Reok")
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN IMMEDIATE")
        (first_id,) = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM participants").fetchone()
        people = []
        users = []
        registrations = []
        modes: dict[int, str] = {}
        places: dict[int, tuple[str, str | None]] = {}
        for n in range(participants):
            pid = first_id + n
            when = (start + dt.timedelta(seconds=n * 7)).isoformat(timespec="microseconds")
            on_telegram = rng.random() < 0.7
            position = rng.choice(POSITIONS)
            if position == "camat":
                place: str | None = rng.choice(kecamatan)
                institution = f"Kecamatan {place}"
            else:
                place, institution = None, rng.choice(opd)
            name = f"Peserta {pid:05d} {rng.choice(WORDS).title()}"
            telegram_id = 10_000_000 + pid if on_telegram else None
            phone = None if on_telegram else f"0812{rng.randrange(10**7, 10**8)}"
            people.append(
                (
                    pid,
                    telegram_id,
                    name,
                    name_key(name, institution),
                    institution,
                    place,
                    position,
                    phone,
                    when,
                    when,
                )
            )
            if telegram_id is not None:
                users.append((telegram_id, name.split()[0], when, when, int(rng.random() > 0.05)))
            mode = "online" if on_telegram and rng.random() < 0.6 else "offline"
            channel = "self" if on_telegram else rng.choice(("secretariat", "import"))
            registrations.append((pid, stage, mode, channel, when))
            modes[pid] = mode if on_telegram else "secretariat"
            places[pid] = (institution, place)
        conn.executemany(
            "INSERT INTO participants (id, telegram_id, full_name, name_key, institution, "
            "kecamatan, position, phone, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            people,
        )
        conn.executemany(
            "INSERT INTO users (telegram_id, first_name, first_seen, last_seen, reachable) "
            "VALUES (?,?,?,?,?)",
            users,
        )
        conn.executemany(
            "INSERT INTO registrations (participant_id, stage, mode, channel, registered_at) "
            "VALUES (?,?,?,?,?)",
            registrations,
        )
        rows = []
        ids = list(modes)
        for n in range(ideas):
            pid = rng.choice(ids)
            created = start + dt.timedelta(seconds=n * 1.5)
            updated = created + dt.timedelta(minutes=rng.randrange(1, 90))
            if rng.random() < 0.005:
                text = rng.choice(RISKY)
            else:
                text = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(6, 60))).capitalize()
            attachment = rng.random() < 0.05
            institution, place = places[pid]
            rows.append(
                (
                    stage,
                    pid,
                    rng.choice(DIMENSIONS),
                    rng.choice(HORIZONS),
                    text,
                    modes[pid],
                    institution,
                    place,
                    "photo" if attachment else None,
                    f"AgACAgIAAxkBAA{n:08d}" if attachment else None,
                    "withdrawn" if rng.random() < 0.02 else "active",
                    created.isoformat(timespec="microseconds"),
                    (updated if rng.random() < 0.1 else created).isoformat(timespec="microseconds"),
                )
            )
        conn.executemany(
            "INSERT INTO ideas (stage, participant_id, dimension, horizon, text, channel, "
            "institution, kecamatan, attachment_type, attachment_file_id, status, created_at, "
            "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        conn.execute("COMMIT")
    finally:
        conn.close()


# --- similar: realistic short ideas with near-duplicates (grouping benchmark and tests) ------

_SUBJECTS = {
    "governance": (
        "layanan KTP online",
        "aplikasi pengaduan masyarakat",
        "tanda tangan elektronik",
        "musrenbang online",
        "satu data kabupaten",
        "absensi online pegawai",
        "perizinan usaha online",
        "website resmi kecamatan",
        "arsip surat digital",
        "mal pelayanan publik",
        "transparansi anggaran desa",
        "rapat koordinasi lewat zoom",
    ),
    "branding": (
        "promosi wisata Wae Rebo",
        "festival kopi Manggarai",
        "logo dan tagline daerah",
        "website pariwisata resmi",
        "peta digital destinasi wisata",
        "pusat oleh-oleh songke",
        "video profil daerah",
        "atraksi tari caci",
        "pelatihan pemandu wisata",
        "homestay desa wisata",
    ),
    "economy": (
        "pelatihan pemasaran online UMKM",
        "modal usaha bunga rendah",
        "marketplace produk lokal",
        "pasar tani online",
        "retribusi pasar pakai QRIS",
        "informasi harga komoditas",
        "BUMDes digital",
        "resi gudang hasil panen",
        "koperasi petani kopi",
        "sertifikat halal gratis",
        "klinik konsultasi UMKM",
    ),
    "living": (
        "puskesmas keliling",
        "pendaftaran pasien online",
        "telemedicine dokter spesialis",
        "ambulans desa",
        "air bersih",
        "angkutan umum ke Ruteng",
        "rumah layak huni",
        "pemantauan stunting balita",
        "penerangan jalan tenaga surya",
        "perbaikan jalan rusak",
        "kartu sehat lansia",
    ),
    "society": (
        "pembelajaran jarak jauh",
        "literasi digital guru",
        "perpustakaan digital",
        "CCTV tempat umum",
        "sosialisasi anti hoaks",
        "beasiswa siswa berprestasi",
        "kursus komputer pemuda",
        "call center darurat 112",
        "rumah belajar anak putus sekolah",
        "pojok baca",
    ),
    "environment": (
        "bank sampah",
        "olah sampah plastik",
        "listrik tenaga surya",
        "peringatan dini longsor",
        "tanam pohon di DAS",
        "jadwal angkut sampah",
        "sanksi buang sampah ke sungai",
        "pemantauan kualitas air sungai",
        "pemilahan sampah organik",
        "hutan kota",
    ),
}
_OPENERS = ("", "", "Perlu ", "Mohon ", "Usul: ", "Sebaiknya ada ", "Bangun ", "Adakan ")
_TARGETS = ("", "", "untuk warga", "bagi petani", "untuk UMKM", "bagi pemuda", "untuk ibu hamil")
_PLACES = (
    "",
    "di desa terpencil",
    "di setiap kecamatan",
    "di Ruteng",
    "di Kecamatan Cibal",
    "di Reok",
    "di Satar Mese",
    "di Lelak",
    "di Wae Ri'i",
    "di setiap desa",
)
_CLOSERS = ("", "", " supaya lebih cepat", " agar warga terbantu", ". Terima kasih", " 2025")
_CHAT = (("untuk", "utk"), ("yang", "yg"), ("dengan", "dgn"), ("setiap", "tiap"), ("desa", "desa2"))


def _typo(rng: random.Random, text: str) -> str:
    """One letter dropped or doubled inside a longer word, as on a phone keyboard."""
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) > 6]
    if not long:
        return text
    i = rng.choice(long)
    word = words[i]
    k = rng.randrange(3, len(word) - 1)
    words[i] = word[:k] + word[k + 1 :] if rng.random() < 0.5 else word[:k] + word[k] + word[k:]
    return " ".join(words)


def idea_texts(n: int, *, seed: int = 13, repeat: float = 0.35) -> list[tuple[str, str]]:
    """`n` (dimension, text) pairs: ideas of a workshop, a share `repeat` of them an earlier idea
    told again in other words (abbreviated, a typo, another opener or closer)."""
    rng = random.Random(seed)
    ideas: list[tuple[str, str]] = []
    cores: list[tuple[str, str]] = []
    for _ in range(n):
        if cores and rng.random() < repeat:
            dimension, core = rng.choice(cores)
        else:
            dimension = rng.choice(DIMENSIONS)
            core = " ".join(
                part
                for part in (
                    rng.choice(_SUBJECTS[dimension]),
                    rng.choice(_TARGETS),
                    rng.choice(_PLACES),
                )
                if part
            )
            cores.append((dimension, core))
        text = rng.choice(_OPENERS) + core + rng.choice(_CLOSERS)
        for full, short in _CHAT:
            if rng.random() < 0.3:
                text = text.replace(full, short)
        if rng.random() < 0.2:
            text = _typo(rng, text)
        ideas.append((dimension, text[:1].upper() + text[1:]))
    return ideas
