"""Bahasa Indonesia texts (the default language). Keys are shared with `en.py`.

Texts are HTML for Telegram: any value that comes from a user is escaped before it is filled in.
"""

TEXTS: dict[str, str] = {
    # --- general ---
    "language_name": "Bahasa Indonesia",
    "welcome": (
        "Selamat datang di <b>{workshop}</b> — {region}.\n"
        "Bot ini membantu Anda mendaftar, mengikuti sesi, dan mengirim ide untuk "
        "Masterplan Smart City."
    ),
    "unknown_command": "Perintah {command} tidak dikenal. Ketik /bantuan untuk daftar perintah.",
    "not_allowed": "Maaf, perintah ini hanya untuk sekretariat.",
    "stale_button": "Tombol ini sudah tidak berlaku. Ketik /start untuk mulai lagi.",
    "invalid_button": "Tombol tidak dikenali. Tidak ada yang diubah.",
    "nothing_to_cancel": "Tidak ada proses yang sedang berjalan.",
    "cancelled": "Dibatalkan. Tidak ada yang disimpan. Ketik /start untuk mulai lagi.",
    "text_expected": "Mohon kirim teks biasa, bukan stiker, foto, atau berkas.",
    "use_buttons": "Silakan pilih salah satu tombol di atas, atau ketik /batal untuk berhenti.",
    "command_in_conversation": (
        "Anda sedang mengisi formulir. Selesaikan dulu, atau ketik /batal untuk berhenti."
    ),
    "free_text_hint": "Ketik /bantuan untuk melihat apa yang bisa saya lakukan.",
    "error_generic": ("Maaf, terjadi kesalahan. Data Anda aman. Silakan coba lagi sebentar lagi."),
    # --- language ---
    "choose_language": "Pilih bahasa / Choose a language:",
    "language_set": "Bahasa diatur ke Bahasa Indonesia.",
    # --- help ---
    "help_participant": (
        "<b>Perintah peserta</b>\n"
        "/start — daftar untuk tahap yang sedang berjalan\n"
        "/profil — lihat dan ubah profil Anda\n"
        "/bahasa — ganti bahasa (Indonesia / English)\n"
        "/batal — hentikan proses yang sedang berjalan\n"
        "/bantuan — bantuan ini"
    ),
    "help_secretariat": (
        "<b>Perintah sekretariat</b>\n"
        "/tahap — daftar tahap, tahap aktif, buka/tutup pendaftaran\n"
        "/ubahtahap N bidang nilai — ubah judul, tanggal, tempat, atau tautan tahap\n"
        "/peserta [N] — peserta tahap N (daring/luring, per instansi)\n"
        "/daftarluring — daftarkan peserta luring tanpa Telegram"
    ),
    # --- registration ---
    "reg_for_stage": "Pendaftaran untuk <b>{stage}</b>.",
    "ask_name": "Siapa nama lengkap Anda (beserta gelar, jika ada)?",
    "name_empty": "Nama tidak boleh kosong. Ketik nama lengkap Anda.",
    "name_too_short": "Nama terlalu pendek. Ketik nama lengkap Anda.",
    "name_too_long": "Nama terlalu panjang (maksimal {max} karakter). Ketik lagi dengan lebih singkat.",
    "ask_institution_kind": "Dari mana Anda berasal?",
    "inst_kind_opd": "Perangkat Daerah (OPD)",
    "inst_kind_kecamatan": "Kantor Kecamatan",
    "inst_kind_other": "Lainnya (ketik)",
    "ask_institution_opd": "Pilih perangkat daerah Anda (atau ketik namanya):",
    "ask_institution_kecamatan": "Pilih kecamatan Anda (atau ketik namanya):",
    "ask_institution_typed": "Ketik nama instansi Anda:",
    "institution_too_long": "Nama instansi terlalu panjang (maksimal {max} karakter).",
    "institution_empty": "Nama instansi tidak boleh kosong.",
    "kecamatan_prefix": "Kecamatan",
    "back": "« Kembali",
    "ask_position": "Apa jabatan Anda?",
    "position_camat": "Camat",
    "position_opd_staff": "Staf Perangkat Daerah",
    "position_village_head": "Kepala Desa/Lurah",
    "position_consultant": "Konsultan",
    "position_ministry_expert": "Narasumber/Tenaga Ahli",
    "position_other": "Lainnya",
    "ask_mode": "Bagaimana Anda mengikuti {stage}?",
    "mode_offline": "Luring (di ruangan)",
    "mode_online": "Daring (online)",
    "ask_stage": "Untuk tahap mana?",
    "confirm_summary": (
        "<b>Periksa data Anda</b>\n"
        "Nama: {name}\n"
        "Instansi: {institution}\n"
        "Jabatan: {position}\n"
        "Tahap: {stage}\n"
        "Kehadiran: {mode}"
    ),
    "btn_confirm": "✅ Konfirmasi",
    "btn_edit": "✏️ Ubah",
    "ask_edit_field": "Apa yang ingin diubah?",
    "field_name": "Nama",
    "field_institution": "Instansi",
    "field_position": "Jabatan",
    "field_mode": "Kehadiran",
    "field_stage": "Tahap",
    "registered": (
        "✅ Terdaftar untuk <b>{stage}</b> sebagai peserta <b>{mode}</b>.\n"
        "Nomor peserta: P-{pid:04d}."
    ),
    "registered_online_link": "Tautan rapat daring: {link}",
    "registered_venue": "Tempat: {venue}",
    "already_registered": (
        "Anda sudah terdaftar untuk <b>{stage}</b> sebagai peserta <b>{mode}</b>. Lihat /profil."
    ),
    "registration_closed": "Pendaftaran untuk <b>{stage}</b> belum dibuka atau sudah ditutup.",
    "no_current_stage": "Belum ada tahap yang aktif. Silakan hubungi sekretariat.",
    "no_such_stage": "Tahap tersebut tidak ada.",
    "bad_deep_link": "Tautan pendaftaran tidak dikenali. Mendaftar untuk tahap yang sedang berjalan.",
    "reuse_profile": (
        "Anda sudah punya profil:\n{profile}\n\nDaftar untuk <b>{stage}</b> dengan profil ini? "
        "Pilih cara Anda hadir:"
    ),
    "reuse_profile_mode_known": (
        "Anda sudah punya profil:\n{profile}\n\nDaftar untuk <b>{stage}</b> sebagai peserta "
        "<b>{mode}</b>?"
    ),
    # --- profile ---
    "profile_none": "Anda belum terdaftar. Ketik /start untuk mendaftar.",
    "profile_show": ("<b>Profil Anda</b>\n{profile}\n\n<b>Pendaftaran</b>\n{registrations}"),
    "profile_lines": "Nama: {name}\nInstansi: {institution}\nJabatan: {position}",
    "profile_registration_line": "• {stage}: {mode}",
    "profile_no_registrations": "• (belum ada)",
    "profile_updated": "✅ Profil diperbarui.\n{profile}",
    # --- secretariat ---
    "stages_header": "<b>Tahap {workshop}</b>",
    "stage_line": "{marker} <b>{title}</b>\n   {days} · {venue}\n   Pendaftaran: {reg} · Ide: {ideas} · Peserta: {count}",
    "stage_current_marker": "▶️",
    "stage_other_marker": "▫️",
    "reg_open": "dibuka",
    "reg_closed": "ditutup",
    "days_unset": "tanggal belum ditetapkan",
    "venue_unset": "tempat belum ditetapkan",
    "btn_make_current": "Aktifkan Tahap {n}",
    "btn_open_reg": "Buka pendaftaran Tahap {n}",
    "btn_close_reg": "Tutup pendaftaran Tahap {n}",
    "stage_now_current": "▶️ Tahap {n} sekarang tahap aktif.",
    "stage_reg_opened": "Pendaftaran Tahap {n} dibuka.",
    "stage_reg_closed": "Pendaftaran Tahap {n} ditutup.",
    "editstage_usage": (
        "Cara pakai: /ubahtahap N bidang nilai\n"
        "Bidang: judul, judul_en, tanggal (YYYY-MM-DD,YYYY-MM-DD), tempat, tautan\n"
        "Contoh: /ubahtahap 3 tanggal 2021-11-08,2021-11-09"
    ),
    "editstage_bad_field": "Bidang {field} tidak dikenal. Bidang: judul, judul_en, tanggal, tempat, tautan.",
    "editstage_bad_days": "Tanggal tidak valid: {value}. Pakai format YYYY-MM-DD, dipisah koma.",
    "editstage_bad_link": "Tautan harus diawali http:// atau https://",
    "editstage_too_long": "Nilai terlalu panjang (maksimal {max} karakter).",
    "editstage_done": "✅ Tahap {n} diperbarui: {field} = {value}",
    "participants_usage": "Cara pakai: /peserta [nomor tahap], mis. /peserta 1",
    "participants_header": (
        "<b>Peserta {stage}</b>\nTotal {total} · daring {online} · luring {offline}"
    ),
    "participants_by_institution": "<b>Per instansi</b> (daring/luring)",
    "participants_institution_line": "• {institution}: {total} ({online}/{offline})",
    "participants_list_header": "<b>Daftar peserta</b>",
    "participants_line": "{i}. {name} — {institution} · {position} · {mode}{no_tg}",
    "participants_no_telegram": " · tanpa Telegram",
    "participants_none": "Belum ada peserta untuk {stage}.",
    "offline_entry_start": (
        "Pendaftaran peserta luring tanpa Telegram. Ketik /batal untuk berhenti.\n"
        "Nama lengkap peserta?"
    ),
    "offline_confirm_summary": (
        "<b>Periksa data peserta luring</b>\n"
        "Nama: {name}\n"
        "Instansi: {institution}\n"
        "Jabatan: {position}\n"
        "Tahap: {stage}\n"
        "Kehadiran: {mode}"
    ),
    "offline_registered": "✅ {name} terdaftar untuk <b>{stage}</b> sebagai peserta luring (P-{pid:04d}).",
    "offline_already": "{name} sudah terdaftar untuk <b>{stage}</b>.",
    # --- ideas ---
    "dim_governance": "Smart Governance (tata kelola)",
    "dim_branding": "Smart Branding (citra daerah)",
    "dim_economy": "Smart Economy (ekonomi)",
    "dim_living": "Smart Living (kehidupan)",
    "dim_society": "Smart Society (masyarakat)",
    "dim_environment": "Smart Environment (lingkungan)",
    "horizon_1": "Quick win · 1 tahun",
    "horizon_5": "Menengah · 5 tahun",
    "horizon_10": "Panjang · 10 tahun",
    "horizon_unsure": "Belum tahu",
    "channel_online": "peserta daring",
    "channel_offline": "peserta luring",
    "channel_secretariat": "dimasukkan sekretariat",
    "attachment_photo": "📷 foto",
    "attachment_voice": "🎤 pesan suara",
    "attachment_document": "📄 dokumen",
    "ideas_not_registered": "Untuk mengirim ide, daftar dulu untuk <b>{stage}</b>: ketik /start.",
    "ideas_closed": "Pengumpulan ide untuk <b>{stage}</b> sudah ditutup. Terima kasih atas partisipasi Anda!",
    "ask_dimension": "Ide Anda untuk dimensi apa?",
    "ask_horizon": "{dimension}\nUntuk jangka waktu berapa?",
    "ask_idea_content": (
        "{dimension} · {horizon}\n"
        "Kirim ide Anda: ketik teks, atau kirim pesan suara, foto, atau dokumen (boleh dengan keterangan)."
    ),
    "idea_received": "✅ Ide <b>{ref}</b> diterima.\n{dimension} · {horizon}{attachment}\nTerima kasih!",
    "idea_unsure_hint": "Jangka waktu belum ditentukan; lain kali tambahkan #1th, #5th, atau #10th.",
    "idea_already_received": "✅ Ide ini sudah kami terima: <b>{ref}</b>.",
    "idea_duplicate_text": "Ide yang sama sudah Anda kirim: <b>{ref}</b>. Tidak disimpan dua kali.",
    "idea_too_many": "Terlalu banyak ide dalam satu menit. Tunggu sebentar, lalu kirim lagi.",
    "idea_too_short": "Ide terlalu pendek (minimal {min} karakter). Tulis sedikit lebih lengkap.",
    "idea_too_long": "Ide terlalu panjang ({length} karakter, maksimal {max}). Bagi menjadi beberapa ide.",
    "idea_no_letters": "Ide harus berisi kata-kata, bukan hanya emoji atau simbol.",
    "idea_empty": "Ide tidak boleh kosong. Tulis ide Anda.",
    "idea_unsupported": "Kirim ide sebagai teks, pesan suara, foto, atau dokumen. Stiker tidak bisa dipakai.",
    "idea_file_too_big": "Berkas terlalu besar (maksimal {max} MB).",
    "btn_another_idea": "➕ Kirim ide lain",
    "hashtag_unknown": (
        "Tag {tags} tidak dikenal.\n"
        "Dimensi: {dimension_tags}\n"
        "Jangka waktu: {horizon_tags}\n"
        "Contoh: #ekonomi #5th Pasar desa online untuk kopi Manggarai"
    ),
    "hashtag_no_dimension": (
        "Sebutkan satu dimensi dengan tag, misalnya #ekonomi.\nDimensi: {dimension_tags}"
    ),
    "hashtag_two_dimensions": "Satu ide untuk satu dimensi saja. Kirim sebagai dua ide terpisah.",
    "hashtag_two_horizons": "Pilih satu jangka waktu saja: {horizon_tags}",
    "myideas_none": "Anda belum mengirim ide untuk <b>{stage}</b>. Ketik /ide untuk mulai.",
    "myideas_header": "<b>Ide Anda — {stage}</b> ({first}–{last} dari {total})",
    "myideas_line": "<b>{ref}</b> · {dimension} · {horizon}\n{text}",
    "btn_prev": "« Sebelumnya",
    "btn_next": "Berikutnya »",
    "idea_full": (
        "<b>Ide {ref}</b>\n"
        "Dimensi: {dimension}\n"
        "Jangka waktu: {horizon}\n"
        "Pengirim: {author} — {institution}\n"
        "Saluran: {channel}\n"
        "Dikirim: {created}{edited}{attachment}\n\n"
        "{text}"
    ),
    "idea_edited_note": " (diubah {count}×)",
    "idea_attachment_line": "\nLampiran: {attachment}",
    "idea_no_text": "(tanpa teks)",
    "btn_edit_text": "✏️ Ubah teks",
    "btn_edit_dimension": "🏷 Ubah dimensi",
    "btn_edit_horizon": "⏳ Ubah jangka waktu",
    "btn_withdraw": "🗑 Tarik ide",
    "btn_open_attachment": "📎 Buka lampiran",
    "ask_new_text": "Kirim teks baru untuk ide <b>{ref}</b> (atau /batal):",
    "idea_updated": "✅ Ide <b>{ref}</b> diperbarui.",
    "confirm_withdraw": "Tarik ide <b>{ref}</b>? Ide yang ditarik tidak ikut rekap.",
    "btn_yes_withdraw": "Ya, tarik",
    "btn_no": "Tidak",
    "idea_withdrawn": "Ide <b>{ref}</b> ditarik.",
    "idea_not_found": "Ide tidak ditemukan.",
    "idea_edit_closed": "Pengumpulan ide untuk tahap ini sudah ditutup; ide tidak bisa diubah lagi.",
    "idea_is_withdrawn": "Ide ini sudah ditarik.",
    "review_header": "<b>Rekap ide — {stage}</b>\nTotal {total} ide aktif\n(1 th · 5 th · 10 th · belum tahu)",
    "review_line": "{dimension}: <b>{total}</b> ({h1} · {h5} · {h10} · {hu})",
    "review_latest_header": "<b>{dimension}</b> — {count} ide terbaru",
    "review_latest_line": "<b>{ref}</b> · {horizon} · {author} ({institution})\n{text}",
    "review_none": "Belum ada ide untuk {dimension}.",
    "not_allowed_facilitator": "Maaf, perintah ini hanya untuk fasilitator dan sekretariat.",
    "paper_start": "Ide dari kertas peserta luring. Ketik sebagian nama peserta (atau /batal):",
    "paper_no_match": "Tidak ada peserta {stage} dengan nama “{query}”. Coba lagi, atau /batal.",
    "paper_pick": "Pilih peserta:",
    "paper_for": "Ide untuk <b>{name}</b> ({institution}).",
    "paper_stored": "✅ Ide kertas <b>{ref}</b> disimpan untuk {name}.",
    "paper_query_short": "Ketik minimal 2 huruf dari nama peserta.",
    "btn_open_ideas": "Buka ide Tahap {n}",
    "btn_close_ideas": "Tutup ide Tahap {n}",
    "stage_ideas_opened": "Pengumpulan ide Tahap {n} dibuka.",
    "stage_ideas_closed": "Pengumpulan ide Tahap {n} ditutup.",
    "ideas_open_word": "dibuka",
    "ideas_closed_word": "ditutup",
    "help_ideas": (
        "/ide — kirim ide (pilih dimensi dan jangka waktu)\n"
        "   atau langsung: <code>#ekonomi #5th Pasar desa online</code>\n"
        "/ideku — ide Anda: lihat, ubah, tarik"
    ),
    "help_facilitator": (
        "<b>Perintah fasilitator</b>\n/rekapide — rekap ide per dimensi, ide terbaru, ide lengkap"
    ),
    "help_secretariat_ideas": "/idekertas — masukkan ide dari kertas peserta luring",
    # @export-texts (the export and roster-import feature adds its keys below)
    # @schedule-texts (the sessions, check-in and reminders feature adds its keys below)
}
