"""The demo's workshop contributions: ideas as camat, agency staff and experts write them.

Data only, so other demos, tests and benchmarks can reuse it. Each idea is written once, in the
voice of who would send it (a camat from a far kecamatan, agency (OPD) staff in Ruteng, a ministry
expert or consultant in English, a village head on a paper card), short or long, some with the
typing shortcuts and slips of a phone on a weak connection, with the horizon (1, 5 or 10 years,
or not sure) that fits what it asks for. A few say the same thing as another in different words
(`near` names the other), as happens in a real room: the drafting team merges them, the bot does
not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

VOICES: tuple[str, ...] = ("camat", "opd", "expert", "paper")


@dataclass(frozen=True)
class DemoIdea:
    key: str  # short stable name, for `near` and for tests
    voice: str  # who writes it: camat, opd, expert, paper
    dimension: str
    horizon: str  # "1", "5", "10" or "unsure"
    text: str
    near: str | None = None  # the idea this one nearly duplicates, in other words


IDEAS: tuple[DemoIdea, ...] = (
    # --- camat, from the kecamatan offices ------------------------------------------------------
    DemoIdea(
        "izin-wa",
        "camat",
        "governance",
        "1",
        "Izin usaha mikro cukup lewat WA kantor camat, tdk perlu jauh2 ke Ruteng",
    ),
    DemoIdea(
        "tte-camat",
        "camat",
        "governance",
        "1",
        "Tanda tangan elektronik utk surat keterangan dari kantor camat, supaya warga tidak "
        "menunggu kalau camat sedang dinas luar",
    ),
    DemoIdea(
        "rakor-video",
        "camat",
        "governance",
        "1",
        "Rakor camat dengan kepala dinas lewat video conference tiap bulan, hemat biaya dan "
        "waktu perjalanan",
    ),
    DemoIdea(
        "blank-spot",
        "camat",
        "society",
        "10",
        "Di Satar Mese Barat masih banyak blank spot, bbrp desa harus naik bukit baru dapat "
        "sinyal. Mohon diusulkan tower BTS",
    ),
    DemoIdea(
        "harga-wa",
        "camat",
        "economy",
        "1",
        "Info harga kopi dan cengkeh hari ini utk petani lewat grup WA kecamatan",
        near="harga-sms",
    ),
    DemoIdea(
        "ambulans-desa",
        "camat",
        "living",
        "5",
        "Ambulans desa yang terhubung ke call center 112, terutama untuk ibu hamil di kecamatan "
        "jauh seperti Reok Barat yang 3 jam ke RSUD",
    ),
    DemoIdea(
        "oto-kol",
        "camat",
        "living",
        "1",
        "Jadwal dan rute oto kol / angkutan pedesaan ke Ruteng diumumkan online",
    ),
    DemoIdea(
        "pojok-baca",
        "camat",
        "society",
        "1",
        "Pojok baca dan wifi gratis di setiap kantor kecamatan",
    ),
    DemoIdea(
        "ronda-digital",
        "camat",
        "society",
        "1",
        "Ronda digital: grup laporan keamanan per dusun",
    ),
    DemoIdea(
        "plts-kantor",
        "camat",
        "environment",
        "5",
        "PLTS atap untuk kantor camat dan puskesmas yg sering mati lampu",
    ),
    DemoIdea(
        "kali-wae-ces",
        "camat",
        "environment",
        "1",
        "sampah plastik di kali Wae Ces perlu di bersihkan rutin, libatkan karang taruna",
    ),
    DemoIdea(
        "kopi-colol-event",
        "camat",
        "branding",
        "5",
        "Event tahunan kopi di Colol, wisatawan bisa petik dan sangrai kopi sendiri bersama petani",
        near="festival-kopi",
    ),
    # --- agency (OPD) staff ---------------------------------------------------------------------
    DemoIdea(
        "apbdes-papan",
        "opd",
        "governance",
        "1",
        "Papan informasi digital APBDes di tiap kantor desa supaya warga bisa lihat penggunaan "
        "dana desa",
    ),
    DemoIdea(
        "satu-data",
        "opd",
        "governance",
        "5",
        "Satu data penduduk untuk semua dinas, dimutakhirkan tiap bulan oleh Dukcapil bersama "
        "kecamatan dan desa",
    ),
    DemoIdea(
        "pengaduan",
        "opd",
        "governance",
        "5",
        "Aplikasi pengaduan warga yg langsung diteruskan ke OPD terkait, ada nomor tiket dan "
        "batas waktu menjawab, rekapnya dibahas di rapat pimpinan",
    ),
    DemoIdea(
        "mpp",
        "opd",
        "governance",
        "10",
        "Mal pelayanan publik di Ruteng: loket DPMPTSP, Dukcapil, Samsat, BPJS dan bank dalam "
        "satu gedung",
    ),
    DemoIdea(
        "dana-desa-layar",
        "opd",
        "governance",
        "1",
        "Transparansi dana desa: tampilkan realisasi anggaran di layar atau baliho di balai desa",
        near="apbdes-papan",
    ),
    DemoIdea(
        "festival-kopi",
        "opd",
        "branding",
        "5",
        "Festival kopi Colol setiap tahun dengan paket wisata kebun kopi",
    ),
    DemoIdea(
        "lodok-medsos",
        "opd",
        "branding",
        "1",
        "Promosi sawah lodok (spider web rice field) Cancar di medsos resmi kabupaten, konten "
        "rutin tiap minggu",
    ),
    DemoIdea(
        "logo-umkm",
        "opd",
        "branding",
        "1",
        "Logo dan slogan bersama utk produk UMKM Manggarai",
    ),
    DemoIdea(
        "peta-wisata",
        "opd",
        "branding",
        "5",
        "Peta wisata digital Manggarai: Liang Bua, Wae Rebo, Cancar, air terjun Cunca Rami, "
        "lengkap dengan kondisi jalan, homestay dan nomor pemandu lokal",
    ),
    DemoIdea(
        "pemandu",
        "opd",
        "branding",
        "5",
        "Pelatihan pemandu wisata lokal berbahasa Inggris di desa wisata",
    ),
    DemoIdea(
        "pasar-online",
        "opd",
        "economy",
        "5",
        "Pasar online desa untuk kopi, vanili dan cengkeh",
    ),
    DemoIdea(
        "qris-pasar",
        "opd",
        "economy",
        "1",
        "Retribusi pasar dibayar pakai QRIS supaya tdk ada kebocoran",
    ),
    DemoIdea(
        "songke",
        "opd",
        "economy",
        "1",
        "Pelatihan pemasaran digital untuk kelompok penenun songke di Todo",
    ),
    DemoIdea(
        "harga-sms",
        "opd",
        "economy",
        "1",
        "Harga komoditas harian (kopi, kemiri, cengkeh) dikirim lewat SMS ke petani supaya tidak "
        "dipermainkan tengkulak",
    ),
    DemoIdea(
        "koperasi-kopi",
        "opd",
        "economy",
        "5",
        "Koperasi digital petani kopi arabika: catat panen, timbang, bayar non tunai",
    ),
    DemoIdea(
        "bumdes",
        "opd",
        "economy",
        "unsure",
        "BUMDes dibantu pembukuan digital sederhana",
    ),
    DemoIdea(
        "e-catalogue",
        "opd",
        "economy",
        "5",
        "E-catalogue for local coffee and songke weaving, so buyers outside Flores can order "
        "directly from the groups",
    ),
    DemoIdea(
        "antrean-puskesmas",
        "opd",
        "living",
        "1",
        "Jadwal dokter puskesmas dan nomor antrean lewat pesan singkat",
    ),
    DemoIdea(
        "jalan-rusak",
        "opd",
        "living",
        "1",
        "Peta jalan rusak yg bisa dilaporkan warga dgn foto + lokasi",
    ),
    DemoIdea(
        "air-surya",
        "opd",
        "living",
        "10",
        "Air bersih untuk desa di lereng dengan pompa tenaga surya",
    ),
    DemoIdea(
        "lapor-pupr",
        "opd",
        "living",
        "1",
        "Warga bisa lapor jalan berlubang atau jembatan putus pakai hp, laporan langsung masuk ke "
        "Dinas PUPR dan bisa dipantau tindak lanjutnya",
        near="jalan-rusak",
    ),
    DemoIdea(
        "telemedisin",
        "opd",
        "living",
        "5",
        "Telemedisin puskesmas - RSUD Ruteng utk konsultasi dokter spesialis",
    ),
    DemoIdea(
        "rumah-tunggu",
        "opd",
        "living",
        "unsure",
        "Rumah tunggu kelahiran di dekat puskesmas yang terhubung dengan data ibu hamil",
    ),
    DemoIdea(
        "literasi-guru",
        "opd",
        "society",
        "5",
        "Kelas literasi digital untuk guru SD di kecamatan terpencil",
    ),
    DemoIdea(
        "peringatan-dini",
        "opd",
        "society",
        "5",
        "Sistem peringatan dini bencana lewat SMS dari BPBD ke kepala desa dan warga",
    ),
    DemoIdea(
        "relawan-tik",
        "opd",
        "society",
        "1",
        "Anak muda desa dilatih jadi relawan TIK yg bantu warga urus layanan online",
    ),
    DemoIdea(
        "perpus-keliling",
        "opd",
        "society",
        "5",
        "Perpustakaan keliling dengan buku digital untuk SD di Lelak dan Wae Ri'i",
    ),
    DemoIdea(
        "bank-sampah",
        "opd",
        "environment",
        "1",
        "Bank sampah di setiap kelurahan di Ruteng",
    ),
    DemoIdea(
        "longsor-sensor",
        "opd",
        "environment",
        "5",
        "Pemantauan longsor dengan sensor curah hujan di Satar Mese",
    ),
    DemoIdea(
        "mata-air",
        "opd",
        "environment",
        "10",
        "Penanaman kembali mata air dengan bibit dari persemaian desa",
    ),
    DemoIdea(
        "truk-gps",
        "opd",
        "environment",
        "1",
        "Jadwal angkut sampah pasar Inpres Ruteng diumumkan, truk sampah dipasang GPS",
    ),
    DemoIdea(
        "tabungan-sampah",
        "opd",
        "environment",
        "1",
        "Bank sampah tiap kelurahan Ruteng supaya warga bisa tabung sampah plastik, ditukar saldo",
        near="bank-sampah",
    ),
    DemoIdea(
        "mbeliling",
        "opd",
        "environment",
        "unsure",
        "Perlindungan hutan Mbeliling: patroli dengan aplikasi dan laporan warga",
    ),
    DemoIdea(
        "kompos",
        "opd",
        "environment",
        "5",
        "Kompos dari sampah organik pasar untuk petani sayur",
    ),
    # --- ministry experts and consultants, in English -----------------------------------------
    DemoIdea(
        "longsor-en",
        "expert",
        "environment",
        "5",
        "Landslide early warning from BMKG rainfall data, sent by SMS to village heads in the "
        "steep kecamatan",
        near="longsor-sensor",
    ),
    DemoIdea(
        "open-data",
        "expert",
        "governance",
        "5",
        "Open data portal for the regency budget and key indicators, updated every quarter",
    ),
    DemoIdea(
        "records-first",
        "expert",
        "living",
        "unsure",
        "Integrate puskesmas patient records with the district hospital before building any "
        "new health app",
    ),
    DemoIdea(
        "officials-first",
        "expert",
        "society",
        "1",
        "Digital literacy for village officials first, then for citizens",
    ),
    DemoIdea(
        "tourism-site",
        "expert",
        "branding",
        "5",
        "One official tourism website with booking for homestays in Wae Rebo and Todo",
    ),
    DemoIdea(
        "fiber",
        "expert",
        "society",
        "10",
        "Plan a fibre backbone Ruteng - Reok - Borong with the province; villages get it by "
        "wireless links",
    ),
    # --- village heads, on paper cards in the room --------------------------------------------
    DemoIdea(
        "tps-desa",
        "paper",
        "environment",
        "1",
        "Desa kami butuh tempat pembuangan sampah sementara, selama ini sampah dibakar di "
        "pinggir jalan",
    ),
    DemoIdea(
        "pengering-kopi",
        "paper",
        "economy",
        "5",
        "Kelompok tani perlu alat pengering kopi tenaga surya supaya mutu kopi naik",
    ),
    DemoIdea(
        "jalan-golo-cador",
        "paper",
        "living",
        "1",
        "Jalan ke desa Golo Cador rusak berat waktu hujan, mohon masuk daftar perbaikan",
        near="jalan-rusak",
    ),
)


def by_voice(voice: str) -> list[DemoIdea]:
    return [idea for idea in IDEAS if idea.voice == voice]


def assign(voices: Sequence[str]) -> list[DemoIdea]:
    """One idea per sender, in order, each from their own voice while it lasts.

    When a voice runs out, a sender takes the next unused idea of any voice but paper; when every
    idea is used (a demo with more people than ideas), the texts come round again — different
    people may send the same words, the bot accepts that.
    """
    pools = {voice: by_voice(voice) for voice in VOICES}
    spare = [idea for idea in IDEAS if idea.voice != "paper"]
    used: set[str] = set()
    out: list[DemoIdea] = []
    for index, voice in enumerate(voices):
        pool = [i for i in pools.get(voice, []) if i.key not in used]
        if voice != "paper" and not pool:
            pool = [i for i in spare if i.key not in used]
        if pool:
            idea = pool[0]
        else:
            again = pools["paper"] if voice == "paper" else spare
            idea = again[index % len(again)]
        used.add(idea.key)
        out.append(idea)
    return out
