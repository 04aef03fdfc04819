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
    "stale_button": "Tombol ini sudah tidak aktif. Data Anda tetap tersimpan. Ketik /bantuan untuk melihat yang bisa Anda lakukan.",
    "invalid_button": "Tombol tidak dikenali. Tidak ada yang diubah.",
    "nothing_to_cancel": "Tidak ada proses yang sedang berjalan.",
    "cancelled": (
        "Dibatalkan. Isian yang belum Anda konfirmasi tidak disimpan. "
        "Ketik /bantuan untuk melihat yang bisa Anda lakukan."
    ),
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
    "inst_kind_opd": "Perangkat daerah",
    "inst_kind_kecamatan": "Kantor kecamatan",
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
    "position_opd_staff": "Staf OPD",
    "position_village_head": "Kepala desa/lurah",
    "position_consultant": "Konsultan",
    "position_ministry_expert": "Narasumber/ahli",
    "position_other": "Lainnya",
    "ask_mode": "Bagaimana Anda mengikuti {stage}?",
    "mode_offline": "Luring (di ruangan)",
    "mode_online": "Daring (jarak jauh)",
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
        "✅ Terdaftar untuk <b>{stage}</b>.\nKehadiran: <b>{mode}</b> · nomor peserta P-{pid:04d}."
    ),
    "registered_online_link": "Tautan rapat daring: {link}",
    "registered_venue": "Tempat: {venue}",
    "already_registered": (
        "Anda sudah terdaftar untuk <b>{stage}</b> (kehadiran: <b>{mode}</b>). Lihat /profil."
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
        "Anda sudah punya profil:\n{profile}\n\nDaftar untuk <b>{stage}</b> dengan kehadiran "
        "<b>{mode}</b>?"
    ),
    # --- profile ---
    "profile_none": "Anda belum terdaftar. Ketik /start untuk mendaftar.",
    "profile_show": ("<b>Profil Anda</b>\n{profile}\n\n<b>Pendaftaran</b>\n{registrations}"),
    "profile_lines": "Nama: {name}\nInstansi: {institution}\nJabatan: {position}",
    "profile_registration_line": "• {stage}: {mode}",
    "profile_no_registrations": "• (belum ada)",
    "profile_phone": "Nomor HP: {phone}",
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
    "btn_open_reg": "Buka pendaftaran {n}",
    "btn_close_reg": "Tutup pendaftaran {n}",
    "stage_now_current": "▶️ Tahap {n} sekarang tahap aktif.",
    "stage_reg_opened": "Pendaftaran Tahap {n} dibuka.",
    "stage_reg_closed": "Pendaftaran Tahap {n} ditutup.",
    "editstage_usage": (
        "Cara pakai: /ubahtahap N bidang nilai\n"
        "Bidang: judul, judul_en, tanggal (YYYY-MM-DD,YYYY-MM-DD), tempat, tautan\n"
        "Contoh: /ubahtahap III tanggal 2021-11-08,2021-11-09"
    ),
    "editstage_bad_field": "Bidang {field} tidak dikenal. Bidang: judul, judul_en, tanggal, tempat, tautan.",
    "editstage_bad_days": "Tanggal tidak valid: {value}. Pakai format YYYY-MM-DD, dipisah koma.",
    "editstage_bad_link": "Tautan harus diawali http:// atau https://",
    "editstage_too_long": "Nilai terlalu panjang (maksimal {max} karakter).",
    "editstage_done": "✅ Tahap {n} diperbarui: {field} = {value}",
    "participants_usage": "Cara pakai: /peserta [tahap], mis. /peserta I",
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
    "idea_unsure_hint": "Jangka waktu belum ditentukan; lain kali tambahkan tagar #1th, #5th, atau #10th.",
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
    "btn_withdraw": "🗑 Batalkan ide",
    "btn_open_attachment": "📎 Buka lampiran",
    "ask_new_text": "Kirim teks baru untuk ide <b>{ref}</b> (atau /batal):",
    "idea_updated": "✅ Ide <b>{ref}</b> diperbarui.",
    "confirm_withdraw": "Batalkan ide <b>{ref}</b>? Ide yang dibatalkan tidak ikut rekap.",
    "btn_yes_withdraw": "Ya, batalkan",
    "btn_no": "Tidak",
    "idea_withdrawn": "Ide <b>{ref}</b> dibatalkan.",
    "idea_not_found": "Ide tidak ditemukan.",
    "idea_edit_closed": "Pengumpulan ide untuk tahap ini sudah ditutup; ide tidak bisa diubah lagi.",
    "idea_is_withdrawn": "Ide ini sudah dibatalkan.",
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
        "   atau langsung dengan tagar: <code>#ekonomi #5th Pasar desa daring</code>\n"
        "/ideku — ide Anda: lihat, ubah, batalkan"
    ),
    "help_facilitator": (
        "<b>Perintah fasilitator</b>\n/rekapide — rekap ide per dimensi, ide terbaru, ide lengkap"
    ),
    "help_secretariat_ideas": "/idekertas — masukkan ide dari kertas peserta luring",
    # --- roles, privacy, guards ---
    "privacy_notice": (
        "🔒 <b>Pemberitahuan privasi</b>\n"
        "Data Anda dipegang {organiser} untuk menyusun Masterplan Smart City {region}.\n"
        "Yang disimpan: nama, instansi, jabatan, cara hadir, dan ide; nomor HP hanya bila Anda "
        "bagikan.\n"
        "Data pribadi hanya dilihat sekretariat; tim penyusun menerima ide dengan nama instansi.\n"
        "Lihat data Anda: /dataku. Hapus: /hapusdata (cadangan ikut terhapus dalam "
        "{backup_days} hari)."
    ),
    "btn_agree": "✅ Setuju",
    "privacy_agreed": "✅ Anda menyetujui pemberitahuan privasi.",
    "mydata_summary": (
        "<b>Data Anda di bot ini</b>\n"
        "Profil: {profile}\n"
        "Pendaftaran: {registrations} · Ide: {ideas} · Kehadiran: {attendance}\n"
        "Berkas lengkap terlampir (JSON)."
    ),
    "mydata_no_profile": "belum ada",
    "mydata_caption": "Semua data Anda di Bimtek Bot",
    "erase_confirm": (
        "⚠️ Hapus data pribadi Anda? Nama, nomor HP, dan ID Telegram Anda dihapus. Ide Anda tetap "
        "disimpan tanpa nama untuk tim penyusun. Tindakan ini tidak bisa dibatalkan."
    ),
    "btn_erase_yes": "Ya, hapus data saya",
    "erase_done": "Data pribadi Anda sudah dihapus. Terima kasih atas partisipasi Anda.",
    "erase_cancelled": "Tidak jadi dihapus. Data Anda tetap tersimpan.",
    "phone_ask": "Bagikan nomor HP Anda dengan tombol di bawah (tidak wajib), atau ketik /batal.",
    "btn_share_phone": "📱 Bagikan nomor HP",
    "btn_add_phone": "📱 Tambah nomor HP",
    "phone_saved": "✅ Nomor HP disimpan.",
    "phone_not_own": "Hanya nomor Anda sendiri yang bisa dibagikan, dengan tombol di bawah.",
    "roles_header": "<b>Peran</b>",
    "roles_line": "• <code>{user_id}</code> — {role}{source}",
    "role_from_config": " (konfigurasi)",
    "roles_usage": (
        "Cara pakai:\n/peran — daftar peran\n/peran tambah ID fasilitator|sekretariat\n/peran hapus ID"
    ),
    "role_granted": "✅ <code>{user_id}</code> sekarang {role}.",
    "role_revoked": "✅ Peran <code>{user_id}</code> dicabut.",
    "role_not_found": "<code>{user_id}</code> tidak punya peran yang diberikan lewat chat.",
    "role_configured": (
        "Peran <code>{user_id}</code> diatur di konfigurasi (BOT_ADMIN_IDS / BOT_FACILITATOR_IDS) dan "
        "tidak bisa diubah dari chat."
    ),
    "role_self": "Anda tidak bisa mengubah peran Anda sendiri.",
    "role_name_facilitator": "fasilitator",
    "role_name_secretariat": "sekretariat",
    "audit_header": "<b>Log audit</b> ({count} terbaru)",
    "audit_line": "{at} · {actor} · <code>{action}</code> {subject}",
    "audit_empty": "Log audit masih kosong.",
    "group_pointer": "Halo! Saya hanya melayani lewat chat pribadi: buka @{bot} lalu ketik /start.",
    "flood_slow_down": "Terlalu banyak pesan dalam waktu singkat. Tunggu sebentar, lalu coba lagi.",
    "error_report": "⚠️ Kesalahan <code>{error}</code> saat memproses pembaruan {update_id} ({kind}). Rincian ada di log.",
    "help_privacy": "/dataku — semua data Anda · /hapusdata — hapus data pribadi Anda",
    "help_secretariat_admin": "/peran — beri atau cabut peran fasilitator/sekretariat\n/audit — log audit",
    # @ops-texts (operations: status, backup)
    "help_secretariat_ops": "/status — status bot: peserta, ide, pengingat, cadangan terakhir",
    "status_header": "<b>Status Bimtek Bot</b>",
    "status_uptime": "⏱ Aktif sejak {since} ({uptime}), mode {mode}",
    "status_mode_polling": "menarik pesan berkala",
    "status_mode_webhook": "menerima kiriman Telegram (webhook)",
    "status_days": "{d} hari {h} jam {m} menit",
    "status_hours": "{h} jam {m} menit",
    "status_stages": "👥 <b>Peserta dan ide per tahap</b> (▶ tahap berjalan)",
    "status_stage_line": "{marker} {title}: {participants} peserta, {ideas} ide",
    "status_ideas": "💡 Ide seluruhnya: {ideas}",
    "status_reminders": "🔔 Pengingat dalam antrean: {queued} (sedang dikirim: {sending})",
    "status_backup": "💾 Cadangan terakhir: <code>{name}</code>, {size}, {at} ({ago} yang lalu); {count} tersimpan",
    "status_backup_none": "💾 Cadangan terakhir: belum ada (jalankan <code>bimtek-bot backup</code> di server)",
    "status_backup_daily": "Cadangan otomatis setiap hari pukul {time} {zone}, {keep} terakhir disimpan di <code>{dir}</code>",
    "status_backup_off": "Cadangan otomatis: mati (BOT_BACKUP_TIME=off)",
    "status_database": "🗄 Basis data: {size}, versi skema {version} (terbaru {latest})",
    # @export-texts (the export and roster-import feature adds its keys below)
    "help_secretariat_export": (
        "/ekspor — berkas Excel untuk tim penyusun (untuk dibagikan, atau lengkap dengan data pribadi)\n"
        "/impor — impor daftar peserta luring (.xlsx atau .csv)\n"
        "/templatpeserta — templat daftar peserta luring"
    ),
    "export_private_only": "Perintah ini hanya bisa dipakai di chat pribadi dengan bot, karena memuat data peserta.",
    "export_no_stages": "Belum ada tahap yang bisa diekspor.",
    "export_choose_stage": "<b>Ekspor Excel untuk tim penyusun</b>\nPilih tahap:",
    "export_stage_button": "{title} · {ideas} ide",
    "export_all_stages": "📚 Semua tahap",
    "btn_export_full": "🔒 Lengkap",
    "export_working": "⏳ Menyiapkan berkas Excel <b>{stage}</b> ({kind})…",
    "export_queued": "⏳ Ekspor lain sedang berjalan; berkas Excel <b>{stage}</b> dibuat sesudahnya…",
    "export_done": "✅ Berkas Excel <b>{stage}</b> ({kind}) terkirim: {ideas} ide, {participants} peserta.",
    "export_caption": "{stage} · {kind} · {ideas} ide · {participants} peserta · {time}",
    "export_too_big": (
        "Berkas Excel terlalu besar untuk Telegram ({size} MB, maksimal 50 MB). "
        "Berkas tersimpan di server: <code>{path}</code>"
    ),
    "export_stale": "Pilihan ini sudah dipakai. Ketik /ekspor untuk ekspor baru.",
    "export_kind_full": "lengkap",
    "export_kind_public": "publik",
    # Words inside the workbook (the drafting team reads it in Bahasa Indonesia).
    "xlsx_all_stages": "Semua tahap",
    "xlsx_reg_channel_self": "sendiri lewat chat",
    "xlsx_reg_channel_secretariat": "dimasukkan sekretariat",
    "xlsx_reg_channel_import": "impor daftar",
    "xlsx_status_active": "aktif",
    "xlsx_status_withdrawn": "dibatalkan",
    "xlsx_attachment_photo": "foto",
    "xlsx_attachment_voice": "pesan suara",
    "xlsx_attachment_document": "dokumen",
    "xlsx_yes": "Ya",
    "xlsx_no": "Tidak",
    # Roster import.
    "roster_start": (
        "<b>Impor daftar peserta luring</b>\n"
        "Kirim berkas .xlsx atau .csv, satu peserta per baris, dengan kolom "
        "Nama lengkap, Instansi, Kecamatan, Jabatan, Telepon (yang wajib hanya Nama lengkap dan Instansi).\n"
        "Templat: /templatpeserta. Ketik /batal untuk berhenti."
    ),
    "roster_file_expected": "Kirim daftar sebagai berkas (dokumen) .xlsx atau .csv, atau ketik /batal.",
    "roster_wrong_type": "Berkas “{name}” bukan .xlsx atau .csv. Kirim daftar dalam salah satu format itu.",
    "roster_too_big": "Berkas terlalu besar ({size} MB, maksimal {max} MB).",
    "roster_download_failed": "Berkas tidak bisa diunduh dari Telegram. Kirim ulang, atau ketik /batal.",
    "roster_error_unreadable": "Berkas “{name}” tidak bisa dibaca. Periksa berkasnya, atau pakai /templatpeserta.",
    "roster_error_no_header": (
        "Baris judul kolom tidak ditemukan di “{name}”. Baris judul harus memuat setidaknya "
        "“Nama lengkap” dan “Instansi” (lihat /templatpeserta)."
    ),
    "roster_error_too_many_rows": "Daftar terlalu panjang (maksimal {max} peserta per berkas). Bagi menjadi beberapa berkas.",
    "roster_error_empty": "Berkas “{name}” tidak berisi peserta.",
    "roster_preview": (
        "Berkas <b>{name}</b>: {good} peserta siap diimpor, {bad} baris bermasalah.\n"
        "Daftarkan sebagai peserta luring untuk tahap mana?"
    ),
    "roster_nothing_good": "Tidak ada baris yang bisa diimpor dari <b>{name}</b>. Perbaiki lalu kirim lagi, atau ketik /batal.",
    "roster_importing": "⏳ Mengimpor {count} peserta untuk <b>{stage}</b>…",
    "roster_report": (
        "✅ Impor untuk <b>{stage}</b> selesai.\n"
        "Diimpor: <b>{imported}</b>\n"
        "Sudah terdaftar: <b>{already}</b>\n"
        "Baris bermasalah: <b>{bad}</b>"
    ),
    "roster_problems_header": "<b>Baris bermasalah</b> (tidak diimpor):",
    "roster_problem_line": "Baris {row}: {reason}",
    "roster_problem_name_empty": "nama lengkap kosong",
    "roster_problem_name_too_short": "nama “{value}” terlalu pendek",
    "roster_problem_name_too_long": "nama lebih dari {max} karakter",
    "roster_problem_institution_empty": "instansi kosong",
    "roster_problem_institution_too_long": "instansi lebih dari {max} karakter",
    "roster_problem_position_unknown": "jabatan “{value}” tidak dikenal",
    "roster_problem_kecamatan_unknown": "kecamatan “{value}” tidak dikenal",
    "roster_problem_phone_invalid": "nomor telepon “{value}” tidak valid",
    "roster_problem_duplicate": "peserta yang sama dengan baris {value}",
    "roster_cancelled": "Impor dibatalkan. Tidak ada yang disimpan.",
    "roster_in_progress": "Anda sedang mengimpor daftar peserta. Kirim berkasnya, pilih tahap, atau ketik /batal.",
    "roster_template_caption": "Templat daftar peserta luring: isi satu peserta per baris, lalu kirim lewat /impor.",
    # @schedule-texts (the sessions, check-in and reminders feature adds its keys below)
    # @polls-texts (the polls and idea prioritisation feature adds its keys below)
    # --- polls ---
    "help_polls": (
        "/polling — buat polling untuk peserta (daring dan luring sekaligus)\n"
        "/hasil — hasil polling: jumlah, persen, partisipasi; tutup, ingatkan\n"
        "/suaratangan — masukkan suara angkat tangan peserta luring tanpa Telegram\n"
        "/prioritas — pemungutan suara prioritas ide (per dimensi atau ide teratas)"
    ),
    "poll_no_stage": "Belum ada tahap yang aktif; polling dikirim ke peserta tahap yang berjalan.",
    "poll_ask_question": (
        "📊 <b>Polling baru</b>\nKetik pertanyaannya (paling banyak {max} karakter).\n"
        "Ketik /batal untuk berhenti."
    ),
    "poll_question_empty": "Pertanyaan tidak boleh kosong. Ketik pertanyaannya.",
    "poll_question_too_long": (
        "Pertanyaan terlalu panjang: {length} karakter, Telegram mengizinkan paling banyak {max}. "
        "Persingkat lalu kirim lagi."
    ),
    "poll_ask_options": (
        "Kirim pilihan jawaban ({min}–{max} pilihan, masing-masing paling banyak {length} "
        "karakter): satu per pesan, atau beberapa sekaligus, satu per baris."
    ),
    "poll_option_empty": "Pesan ini tidak berisi pilihan. Kirim teks pilihan jawaban.",
    "poll_option_too_long": (
        "Pilihan ke-{number} terlalu panjang: {length} karakter, Telegram mengizinkan paling "
        "banyak {max}. Tidak ada pilihan dari pesan ini yang disimpan; kirim lagi."
    ),
    "poll_option_duplicate": "Pilihan “{option}” sudah ada. Tidak ada pilihan dari pesan ini yang disimpan.",
    "poll_too_many_options": (
        "Paling banyak {max} pilihan (sudah ada {have}). Tidak ada pilihan dari pesan ini yang "
        "disimpan."
    ),
    "poll_too_few_options": "Perlu paling sedikit {min} pilihan.",
    "poll_options_so_far": (
        "Pilihan sejauh ini ({count} dari paling banyak {max}):\n{options}\n\n"
        "Kirim pilihan lain, atau ketuk <b>Selesai</b>."
    ),
    "poll_options_need_more": (
        "Pilihan sejauh ini:\n{options}\n\nKirim pilihan berikutnya (paling sedikit {min})."
    ),
    "btn_poll_options_done": "✅ Selesai",
    "poll_ask_multiple": "Berapa jawaban yang boleh dipilih setiap peserta?",
    "btn_poll_single": "Satu jawaban",
    "btn_poll_multiple": "Lebih dari satu",
    "poll_ask_anonymous": (
        "Anonim atau bernama?\nAnonim: tidak ada yang tahu siapa memilih apa. Bernama: fasilitator "
        "tetap hanya melihat jumlah; nama hanya ada di ekspor lengkap sekretariat."
    ),
    "btn_poll_anonymous": "🕶 Anonim",
    "btn_poll_named": "👤 Bernama",
    "poll_ask_audience": "Siapa yang menerima polling ini?",
    "poll_ask_deadline": (
        "Kapan polling ditutup? Pilih, atau ketik lamanya: <code>30m</code> (menit), "
        "<code>2j</code> atau <code>2 jam</code>, <code>1 hari</code>; atau jamnya: "
        "<code>14:30</code> — waktu {zone}."
    ),
    "poll_deadline_none": "Tanpa batas waktu",
    "poll_deadline_minutes": "{n} menit",
    "poll_deadline_hours": "{n} jam",
    "poll_deadline_days": "{n} hari",
    "poll_deadline_at": "{label} — ditutup {when}",
    "poll_deadline_bad": (
        "“{value}” bukan waktu yang saya kenal. Contoh: <code>30m</code>, <code>2j</code>, "
        "<code>2 jam</code>, <code>1 hari</code>, <code>14:30</code>, atau pilih tombol."
    ),
    "poll_deadline_too_long": "{value} terlalu lama: paling lama {max} hari.",
    "poll_nobody": "Tidak ada penerima yang bisa dihubungi untuk {audience}. Pilih penerima lain.",
    "poll_multiple_yes": "Boleh lebih dari satu jawaban",
    "poll_multiple_no": "Satu jawaban",
    "poll_anonymous_yes": "anonim",
    "poll_anonymous_no": "bernama",
    "poll_yes": "ya",
    "poll_no": "tidak",
    "poll_confirm": (
        "📊 <b>Periksa polling</b>\n<b>{question}</b>\n{options}\n\n"
        "Jenis: {kind}\nPenerima: {audience} — {count} orang\nBatas waktu: {deadline}\n"
        "Hasil akhir dikirim ke peserta: {share}"
    ),
    "btn_poll_send": "📤 Kirim ke {count}",
    "btn_poll_share_on": "📢 Bagikan hasil",
    "btn_poll_share_off": "🔕 Jangan bagikan",
    "poll_sent": "✅ Polling #{id} disimpan dan sedang dikirim ke {count} orang. Hasilnya langsung di bawah ini (ketuk Perbarui).",
    "poll_discarded": "Polling dibatalkan; tidak ada yang dikirim.",
    "poll_cancelled": "Dibatalkan. Tidak ada polling yang dikirim.",
    "poll_form_over": "Formulir polling ini sudah selesai. Ketik /polling untuk membuat yang baru.",
    "poll_command_in_form": (
        "Anda sedang membuat polling. Selesaikan dulu, atau ketik /batal untuk berhenti."
    ),
    "poll_not_found": "Polling #{id} tidak ada. Lihat daftarnya dengan /hasil.",
    "poll_none": "Belum ada polling. Buat dengan /polling.",
    "poll_list_header": "<b>Polling terbaru</b> — ketuk nomornya untuk hasilnya:",
    "poll_state_open": "🟢 terbuka",
    "poll_state_closed": "🔒 ditutup",
    "results_usage": "Cara pakai: <code>/hasil</code> (daftar) atau <code>/hasil 3</code> (polling #3).",
    "poll_result_header": "📊 <b>Polling #{id}</b> — {status}",
    "poll_final_header": "📊 <b>Hasil akhir polling #{id}</b> — {status}",
    "poll_status_open": "terbuka",
    "poll_status_open_until": "terbuka sampai {when}",
    "poll_status_closed": "ditutup {when}",
    "poll_option_result": "{number}. {text}\n{bar} {percent}% · {count}",
    "poll_option_modes": " (daring {online} · luring {offline})",
    "poll_turnout": (
        "👥 Menjawab: {voters} dari {recipients} ({percent}%) — daring {vo}/{ro} · luring {vf}/{rf}"
    ),
    "poll_pending": "⏳ Belum terkirim: {count}",
    "poll_undelivered": "⚠️ Tidak terkirim (diblokir atau gagal): {count}",
    "poll_invalid": "⚠️ Tidak dihitung (lebih dari {max} pilihan): {count}",
    "poll_hand_header": "✋ <b>Suara angkat tangan</b> (luring tanpa Telegram, {entries} catatan), per pilihan:",
    "poll_combined": "Σ Gabungan Telegram + tangan: {combined}",
    "btn_poll_refresh": "🔄 Perbarui",
    "btn_poll_hand": "✋ Catat suara tangan",
    "btn_poll_remind": "🔔 Kirim pengingat",
    "btn_poll_close": "⏹ Tutup sekarang",
    "poll_already_closed": "Polling #{id} sudah ditutup.",
    "poll_close_ask": "Tutup polling #{id} sekarang?\n<b>{question}</b>\nSemua salinan polling dihentikan; jawaban setelah ini tidak dihitung.",
    "btn_poll_close_yes": "⏹ Ya, tutup",
    "poll_closing": "⏹ Polling #{id} ditutup. Semua salinan sedang dihentikan; hasil akhir menyusul.",
    "poll_remind_ask": "Kirim pengingat ke {count} orang yang belum menjawab polling #{id}?",
    "btn_poll_remind_yes": "🔔 Kirim ke {count}",
    "poll_remind_nobody": "Semua penerima sudah menjawab.",
    "poll_remind_running": "Pengingat untuk polling ini sedang dikirim.",
    "poll_remind_started": "🔔 Pengingat polling #{id} sedang dikirim ke {count} orang.",
    "poll_remind_done": "🔔 Pengingat polling #{id}: terkirim {sent}, gagal {failed}.",
    "poll_remind_text": "🔔 <b>Mohon jawab polling ini</b>: {question}\nKetuk pilihan Anda pada polling di atas.",
    "hand_usage": (
        "Cara pakai: <code>/suaratangan 3</code> (polling #3, lalu kirim jumlahnya) atau "
        "<code>/suaratangan 3 1 12</code> (pilihan 1: 12 suara)."
    ),
    "hand_ask": (
        "✋ <b>Suara angkat tangan — polling #{id}</b>\n{question}\n{options}\n\n"
        "Kirim <code>nomor_pilihan jumlah</code>, satu per baris, mis. <code>1 12</code>. "
        "Angka negatif mengoreksi. /batal untuk berhenti."
    ),
    "hand_bad_line": (
        "“{line}” tidak terbaca. Tulis <code>nomor_pilihan jumlah</code>, mis. <code>2 15</code>. "
        "Tidak ada yang disimpan."
    ),
    "hand_bad_option": "Tidak ada pilihan nomor {number} (1–{max}). Tidak ada yang disimpan.",
    "hand_bad_count": "Jumlah di “{line}” harus bukan nol dan paling banyak {max}. Tidak ada yang disimpan.",
    "hand_negative": "Koreksi itu membuat jumlah suatu pilihan kurang dari nol. Tidak ada yang disimpan.",
    "hand_added": "✅ {votes} suara tangan dicatat untuk polling #{id}.",
    # --- idea prioritisation ---
    "prio_scope_top": "ide teratas tahap ini",
    "prio_question": "Pilih paling banyak {n} ide untuk diprioritaskan — {scope}",
    "prio_kind_line": "Pilih paling banyak {n} ide · bernama (agar batas {n} pilihan dapat ditegakkan)",
    "prio_ranking_header": "🏆 <b>Peringkat</b> (Telegram + suara tangan):",
    "prio_ranking_line": "{rank}. {text} — {votes} suara",
    "prio_usage": (
        "Cara pakai: <code>/prioritas</code> (pilih dimensi) atau "
        "<code>/prioritas #I-0012 #I-0015 #I-0020</code> (ide tertentu)."
    ),
    "prio_too_many": "Paling banyak {max} ide dalam satu pemungutan suara.",
    "prio_not_found": "Ide ini tidak ada (atau dibatalkan, atau bukan dari tahap ini): {refs}. Tidak ada yang dibuat.",
    "prio_too_few": "Perlu paling sedikit 2 ide bertulisan untuk pemungutan suara prioritas.",
    "prio_ask_scope": "🏆 <b>Pemungutan suara prioritas ide</b>\nIde dari dimensi mana? (paling banyak {max} ide)",
    "btn_prio_top": "⭐ Ide teratas",
    "prio_ask_choices": "Ide yang dipilih ({count}):\n{options}\n\nBerapa ide paling banyak yang boleh dipilih setiap peserta?",
    "prio_invalid_notice": (
        "⚠️ Suara Anda belum dihitung: pemungutan suara ini mengizinkan paling banyak {max} "
        "pilihan, Anda memilih {chosen}. Batalkan suara Anda di menu polling, lalu pilih ulang."
    ),
    # --- sessions and schedule ---
    "weekdays": "Senin,Selasa,Rabu,Kamis,Jumat,Sabtu,Minggu",
    "months": "Januari,Februari,Maret,April,Mei,Juni,Juli,Agustus,September,Oktober,November,Desember",
    "day_format": "{weekday}, {day} {month} {year}",
    "session_block": "<b>{title}</b>\n🗓 {day} · {time}\n{place}",
    "place_room": "📍 Ruang: {room}",
    "place_room_unset": "📍 Ruang: akan diumumkan",
    "place_link": "🔗 Tautan: {link}",
    "place_link_unset": "🔗 Tautan: akan dikirim sebelum sesi",
    "schedule_header": "<b>Jadwal {stage}</b>\nKehadiran Anda: <b>{mode}</b>.",
    "schedule_header_unregistered": (
        "<b>Jadwal {stage}</b>\nAnda belum terdaftar untuk tahap ini; ketik /start untuk mendaftar."
    ),
    "schedule_zone_note": "Waktu dalam {zone}; dalam kurung: {zone2}.",
    "schedule_none": "Belum ada jadwal sesi untuk <b>{stage}</b>.",
    "schedule_no_stage": "Belum ada tahap yang berjalan, jadi belum ada jadwal.",
    "schedule_checked_in": "✅ Anda sudah hadir",
    "help_schedule": "/jadwal — jadwal sesi Anda (ruang atau tautan)\n/hadir — isi daftar hadir (peserta daring)",
    "help_schedule_staff": (
        "/pengingat — kirim pengingat ke peserta (sekarang atau nanti)\n"
        "/daftarpengingat — pengingat terjadwal; batalkan"
    ),
    "help_schedule_secretariat": (
        "/ubahsesi — ubah sesi\n/tambahsesi — tambah sesi\n/qr — kode QR daftar hadir sesi\n"
        "/catathadir — catat kehadiran peserta tanpa Telegram\n/kehadiran — rekap kehadiran"
    ),
    # --- session edits (secretariat) ---
    "editsession_usage": (
        "Cara pakai: <code>/ubahsesi ID bidang nilai</code>\n"
        "Bidang: judul, judul_en, hari (YYYY-MM-DD), mulai (HH:MM), selesai (HH:MM), ruang, tautan\n"
        "Contoh: <code>/ubahsesi 3 ruang Aula Bappeda</code>"
    ),
    "editsession_bad_field": (
        "Bidang “{field}” tidak dikenal. Pilih: judul, judul_en, hari, mulai, selesai, ruang, tautan."
    ),
    "editsession_bad_day": "Tanggal “{value}” tidak valid. Tulis YYYY-MM-DD, misalnya 2021-06-21.",
    "editsession_bad_time": "Jam “{value}” tidak valid. Tulis HH:MM, misalnya 08:30.",
    "editsession_end_before_start": "Jam selesai harus sesudah jam mulai. Tidak ada yang diubah.",
    "editsession_bad_link": "Tautan harus diawali http:// atau https://. Tidak ada yang diubah.",
    "editsession_too_long": "Nilai terlalu panjang (maksimal {max} karakter).",
    "editsession_done": "✅ Sesi #{id} diubah: {field} = {value}. Pengingat otomatis ikut menyesuaikan.",
    "no_such_session": "Sesi #{id} tidak ada. Lihat nomor sesi di /jadwal.",
    "addsession_usage": (
        "Cara pakai: <code>/tambahsesi TAHAP YYYY-MM-DD HH:MM-HH:MM Judul</code>\n"
        "Contoh: <code>/tambahsesi III 2021-11-08 08:30-12:00 Paparan inovasi</code>"
    ),
    "addsession_done": "✅ Sesi #{id} ditambahkan:\n\n{session}",
    # --- check-in ---
    "btn_checkin": "✅ Hadir",
    "checkin_done": "✅ Kehadiran tercatat ({mode}):\n\n{session}",
    "checkin_already": "Anda sudah tercatat hadir di <b>{title}</b> sejak {time} ({mode}).",
    "checkin_not_open": (
        "Daftar hadir <b>{title}</b> hanya dibuka {opens}–{closes} ({day}). Sekarang di luar waktu itu."
    ),
    "checkin_none_open": "Tidak ada sesi yang sedang berlangsung, jadi belum ada daftar hadir.",
    "checkin_next": "Sesi berikutnya: <b>{title}</b>, {day} {time}.",
    "checkin_not_registered": "Anda belum terdaftar. Ketik /start untuk mendaftar dulu.",
    "checkin_wrong_stage": (
        "Anda tidak terdaftar untuk <b>{stage}</b>, jadi tidak bisa mengisi daftar hadir sesi ini."
    ),
    "checkin_forged": (
        "Kode QR ini tidak sah. Tidak ada yang dicatat. Pindai kode QR yang ditunjukkan sekretariat "
        "di ruangan."
    ),
    "checkin_no_session": "Sesi ini sudah tidak ada di jadwal. Tidak ada yang dicatat.",
    "mark_usage": (
        "Cara pakai: <code>/catathadir ID_SESI nama</code>\n"
        "Contoh: <code>/catathadir 1 Bernadus</code> (sebagian nama cukup)"
    ),
    "mark_no_match": "Tidak ada peserta {stage} dengan nama “{query}”.",
    "mark_pick": "Siapa yang hadir di sesi #{id}? Pilih:",
    "mark_done": "✅ {name} tercatat hadir di sesi #{id} ({mode}).",
    "mark_already": "{name} sudah tercatat hadir di sesi #{id} ({mode}). Tidak ada yang diubah.",
    "qr_pick": "Kode QR daftar hadir untuk sesi mana? (atau ketik <code>/qr ID</code>)",
    "qr_usage": "Cara pakai: <code>/qr ID_SESI</code>, misalnya <code>/qr 1</code>.",
    "qr_caption": "Kode QR daftar hadir — sesi #{id}\n{title}\n{day} · {time}\n{link}",
    "attendance_usage": "Cara pakai: <code>/kehadiran [TAHAP]</code>, misalnya <code>/kehadiran I</code>.",
    "attendance_header": "<b>Kehadiran — {stage}</b>",
    "attendance_line": "#{id} {day} {time} — {title}: <b>{present}</b> hadir (daring {online}, luring {offline}) dari {registered}",
    # --- reminders ---
    "reminder_day_before": "⏰ <b>Pengingat</b> — besok ada sesi {stage}:\n\n{session}",
    "reminder_soon": "⏰ <b>Sesi dimulai {minutes} menit lagi</b> — {stage}:\n\n{session}",
    "reminder_custom": "📣 <b>Pengingat</b>\n\n{text}",
    "reminder_checkin_hint": "Peserta daring: tekan <b>Hadir</b> untuk mengisi daftar hadir.",
    "audience_all": "semua peserta Tahap {stage}",
    "audience_online": "peserta daring Tahap {stage}",
    "audience_offline": "peserta luring Tahap {stage}",
    "audience_not_checked_in": "yang belum hadir di sesi {session}",
    "audience_no_idea": "yang belum mengirim ide di Tahap {stage}",
    "audience_institution": "peserta dari {institution}",
    "btn_audience_all": "Semua peserta",
    "btn_audience_online": "Hanya daring",
    "btn_audience_offline": "Hanya luring",
    "btn_audience_not_checked_in": "Belum hadir di sesi",
    "btn_audience_no_idea": "Belum mengirim ide",
    "btn_audience_institution": "Satu instansi…",
    "reminder_report": (
        "📬 <b>Laporan pengingat #{id}</b> ({audience})\n"
        "Terkirim: {sent}\nDiblokir: {blocked}\nGagal: {failed}\n"
        "Tidak terjangkau (tanpa Telegram atau memblokir bot): {skipped}"
    ),
    "remind_usage": (
        "Cara pakai: <code>/pengingat WAKTU teks</code>\n"
        "WAKTU: <code>sekarang</code>, <code>30m</code>, <code>2j</code> atau <code>2 jam</code>, "
        "<code>14:30</code> (hari ini) atau <code>2021-06-21 08:00</code> — waktu {zone}.\n"
        "Contoh: <code>/pengingat 15m Sesi siang dimulai, silakan kembali ke ruangan.</code>\n"
        "Lalu pilih penerimanya. Pengingat terjadwal: /daftarpengingat"
    ),
    "when_bad": "Waktu “{value}” tidak dikenali. Contoh: sekarang, 30m, 2j, 2 jam, 14:30, 2021-06-21 08:00.",
    "when_past": "Waktu {value} sudah lewat. Tulis waktu yang akan datang.",
    "when_too_far": "Waktu {value} terlalu jauh (paling lama satu tahun ke depan).",
    "remind_text_empty": "Tulis teks pengingat sesudah waktunya, misalnya: <code>/pengingat 30m Sesi dimulai</code>",
    "remind_text_too_long": "Teks pengingat terlalu panjang (maksimal {max} karakter).",
    "remind_no_stage": "Belum ada tahap yang berjalan; pengingat dikirim ke peserta tahap yang berjalan.",
    "remind_pick_audience": "Pengingat untuk <b>{stage}</b> akan dikirim <b>{when}</b>:\n\n{text}\n\nKirim ke siapa?",
    "remind_pick_institution": "Kirim ke peserta dari instansi mana?",
    "remind_no_session": "Tidak ada sesi pada hari itu, jadi “belum hadir” tidak bisa dipakai. Pilih penerima lain.",
    "remind_confirm": "Pengingat akan dikirim <b>{when}</b> ke {audience} — saat ini {count} orang:\n\n{text}",
    "btn_schedule_reminder": "✅ Jadwalkan",
    "btn_discard": "✖️ Batal",
    "remind_scheduled": "✅ Pengingat #{id} dijadwalkan {when} untuk {audience}. Lihat /daftarpengingat.",
    "remind_draft_gone": "Draf pengingat ini sudah tidak berlaku. Ketik /pengingat lagi.",
    "remind_discarded": "Pengingat dibatalkan; tidak ada yang dijadwalkan.",
    "reminders_none": "Tidak ada pengingat terjadwal.",
    "reminders_header": "<b>Pengingat terjadwal</b> (waktu {zone})",
    "reminders_line": "#{id} · {when} · {kind} · {audience}\n{preview}",
    "reminders_more": "… dan {count} lagi.",
    "reminder_kind_auto": "otomatis",
    "reminder_kind_custom": "khusus",
    "btn_cancel_reminder": "Batalkan #{id}",
    "reminder_cancelled": "Pengingat #{id} dibatalkan.",
    "reminder_not_cancellable": "Pengingat #{id} tidak bisa dibatalkan lagi (status: {status}).",
    # --- h5: storage failures, cancelled forms ---
    "storage_failed_idea": (
        "⚠️ Ide Anda <b>belum disimpan</b>: penyimpanan bot sedang bermasalah. "
        "Mohon kirim ulang ide yang sama beberapa saat lagi."
    ),
    "storage_failed_vote": (
        "⚠️ Pilihan Anda <b>belum tercatat</b>: penyimpanan bot sedang bermasalah. "
        "Mohon pilih lagi beberapa saat lagi."
    ),
    "storage_failed_registration": (
        "⚠️ Pendaftaran Anda <b>belum disimpan</b>: penyimpanan bot sedang bermasalah. "
        "Mohon daftar lagi dengan /start beberapa saat lagi."
    ),
    "storage_failed_other": (
        "⚠️ Yang baru Anda kirim <b>belum disimpan</b>: penyimpanan bot sedang bermasalah. "
        "Mohon kirim lagi beberapa saat lagi."
    ),
    "storage_failed_report": (
        "⚠️ Bot tidak bisa menulis ke basis data (<code>{error}</code>): disk penuh, hanya-baca, "
        "atau rusak. Pengirim diberi tahu bahwa kirimannya belum disimpan dan diminta mengirim "
        "ulang. Mohon periksa server. (Pemberitahuan ini paling sering sekali per {minutes} menit.)"
    ),
    # --- h3: roles re-checked, forged input ---
    "role_bad_id": "<code>{user_id}</code> bukan ID Telegram yang valid (angka 1 sampai 16 digit). Tidak ada yang diubah.",
    "role_bot": "Itu ID bot ini sendiri; bot tidak bisa diberi peran. Tidak ada yang diubah.",
    "role_lost": "Anda tidak lagi memiliki peran untuk formulir ini, jadi formulir ditutup. Tidak ada yang disimpan atau diubah.",
    "group_button": "Tombol ini hanya berfungsi di chat pribadi dengan bot.",
    # --- h7: command table (menu descriptions, key menu_<Indonesian command>) ---
    "menu_start": "Daftar untuk tahap yang berjalan",
    "menu_ide": "Kirim ide",
    "menu_ideku": "Ide saya",
    "menu_jadwal": "Jadwal sesi",
    "menu_hadir": "Isi daftar hadir (daring)",
    "menu_profil": "Lihat dan ubah profil",
    "menu_bahasa": "Ganti bahasa",
    "menu_dataku": "Semua data saya",
    "menu_batal": "Hentikan proses",
    "menu_bantuan": "Bantuan",
    "menu_rekapide": "Rekap ide per dimensi",
    "menu_pengingat": "Kirim pengingat",
    "menu_daftarpengingat": "Pengingat terjadwal",
    "menu_polling": "Buat polling",
    "menu_hasil": "Hasil polling",
    "menu_suaratangan": "Suara angkat tangan",
    "menu_prioritas": "Pemungutan suara prioritas ide",
    "menu_ekspor": "Ekspor Excel untuk tim penyusun",
    "menu_tahap": "Tahap dan pendaftaran",
    "menu_peserta": "Peserta tahap",
    "menu_impor": "Impor daftar peserta luring",
    "menu_templatpeserta": "Templat daftar peserta",
    "menu_daftarluring": "Daftarkan peserta luring",
    "menu_idekertas": "Masukkan ide dari kertas",
    "menu_kehadiran": "Rekap kehadiran",
    "menu_catathadir": "Catat kehadiran tanpa Telegram",
    "menu_qr": "Kode QR daftar hadir",
    "menu_ubahtahap": "Ubah data tahap",
    "menu_ubahsesi": "Ubah sesi",
    "menu_tambahsesi": "Tambah sesi",
    "menu_peran": "Peran fasilitator dan sekretariat",
    "menu_audit": "Log audit",
    "menu_status": "Status bot",
    # --- h4: privacy, files and roster limits ---
    "erase_backup_note": "Salinan cadangan basis data yang masih memuatnya terhapus dalam {backup_days} hari.",
    "review_attachment_unavailable": "Lampiran ide ini tidak bisa diambil dari Telegram saat ini. Coba lagi nanti.",
    "roster_error_too_large": (
        "Berkas “{name}” jauh lebih besar daripada daftar peserta mana pun, jadi tidak dibaca. "
        "Tidak ada yang diimpor. Kirim daftar biasa (paling banyak {max} peserta, satu baris per "
        "peserta), misalnya dari /templatpeserta."
    ),
    # --- h6: deliveries and floods ---
    "reminder_report_uncertain": (
        "Termasuk {uncertain} yang terkirim tetapi tidak dijawab Telegram: mungkin sudah sampai, "
        "tidak dikirim ulang agar tidak ganda."
    ),
    # --- similar: similarity, supports, attachments ---
    "review_supports": "👍 Dukungan: {count}",
    "btn_export_zip_full": "📎 Lengkap + lampiran",
    "btn_export_zip_public": "📎 Publik + lampiran",
    "export_zip_kind": "{kind}, dengan lampiran",
    "export_zip_files": (
        "📎 {files} lampiran di dalam .zip{skipped}. Buka .zip-nya, lalu berkas Excel di dalamnya: "
        "kolom Lampiran menautkan setiap berkas."
    ),
    "export_zip_skipped": " ({count} tidak disertakan, alasannya di kolom Lampiran)",
    "xlsx_attachment_too_big": "tidak disertakan: {size} MB, di atas batas unduhan 20 MB",
    "xlsx_attachment_over_total": "tidak disertakan: batas ukuran .zip tercapai",
    "xlsx_attachment_unavailable": "tidak disertakan: tidak bisa diambil dari Telegram",
    # --- regchange: registration changes and staff forms ---
    "ask_name_staff": "Siapa nama lengkap peserta (beserta gelar, jika ada)?",
    "name_empty_staff": "Nama tidak boleh kosong. Ketik nama lengkap peserta.",
    "name_too_short_staff": "Nama terlalu pendek. Ketik nama lengkap peserta.",
    "ask_institution_kind_staff": "Dari mana asal peserta?",
    "ask_institution_opd_staff": "Pilih perangkat daerah peserta (atau ketik namanya):",
    "ask_institution_kecamatan_staff": "Pilih kecamatan peserta (atau ketik namanya):",
    "ask_institution_typed_staff": "Ketik nama instansi peserta:",
    "ask_position_staff": "Apa jabatan peserta?",
    "ask_dimension_staff": "Ide peserta untuk dimensi apa?",
    "ask_horizon_staff": "{dimension}\nIde peserta untuk jangka waktu berapa?",
    "ask_idea_content_staff": (
        "{dimension} · {horizon}\n"
        "Ketik ide peserta seperti tertulis di kertas, atau kirim foto kertasnya (boleh dengan keterangan)."
    ),
    "stage_short": "Tahap {n}",
    "mode_word_offline": "luring",
    "mode_word_online": "daring",
    "btn_switch_mode": "🔁 {stage}: {mode}",
    "profile_switch_hint": "Rencana berubah? Tombol 🔁 memindahkan pendaftaran antara daring dan luring.",
    "switched_mode": "✅ {stage}: Anda sekarang peserta <b>{mode}</b>. Pengingat dan /jadwal mengikuti.",
    "switched_mode_same": "Anda sudah peserta {mode} untuk {stage}. Tidak ada yang diubah.",
    "change_stage_finished": "{stage} sudah selesai, jadi pendaftarannya tidak diubah lagi.",
    "change_no_registration": "Pendaftaran ini sudah tidak ada. Tidak ada yang diubah.",
    "menu_ubahpeserta": "Ubah atau batalkan data peserta",
    "help_secretariat_registrations": (
        "<b>Data peserta</b>\n"
        "/ubahpeserta nama — cari peserta (juga yang tanpa Telegram), lalu ubah nama, instansi, "
        "jabatan, atau kehadiran, atau batalkan pendaftarannya\n"
        "/ubahpeserta P-0012 — langsung dengan nomor peserta\n"
        "/ubahpeserta 1 7 — peserta nomor 7 pada /peserta 1"
    ),
    "pedit_ask": (
        "Ubah data peserta. Ketik sebagian nama peserta, nomor peserta (mis. P-0012), atau nomor "
        "tahap dan nomor urut pada /peserta (mis. 1 7). Ketik /batal untuk berhenti."
    ),
    "pedit_no_match": "Tidak ada peserta dengan nama “{query}”. Coba lagi, atau /batal.",
    "pedit_no_number": "Tidak ada peserta dengan nomor {number}. Coba lagi, atau /batal.",
    "pedit_pick": "Pilih peserta:",
    "pedit_screen": (
        "<b>Data peserta P-{pid:04d}</b>{no_tg}\n{profile}\n\n<b>Pendaftaran</b>\n{registrations}\n\n"
        "Apa yang diubah?"
    ),
    "btn_pedit_withdraw": "❌ Batalkan {stage}",
    "btn_pedit_done": "Selesai",
    "pedit_ask_name": "Nama sekarang: {old}\nKetik nama lengkap peserta yang benar (beserta gelar, jika ada):",
    "pedit_ask_institution": (
        "Instansi sekarang: {old}\nKetik nama instansi peserta yang benar "
        "(mis. Dinas Kesehatan atau Kecamatan Cibal):"
    ),
    "pedit_ask_position": "Jabatan sekarang: {old}\nApa jabatan peserta?",
    "pedit_saved": "✅ {field} diubah: {old} → {new}.",
    "pedit_unchanged": "Tidak ada yang berubah: {field} sudah {new}.",
    "pedit_mode_saved": "✅ {stage}: {name} sekarang peserta <b>{mode}</b>.",
    "pedit_confirm_withdraw": (
        "Batalkan pendaftaran <b>{name}</b> untuk <b>{stage}</b>?\n"
        "Pengingat dan polling tidak lagi dikirim kepadanya dan ia tidak dihitung sebagai peserta "
        "di ekspor. Ide-idenya tetap tersimpan. Ia bisa mendaftar lagi nanti."
    ),
    "btn_pedit_withdraw_yes": "Ya, batalkan",
    "pedit_withdrawn": "✅ Pendaftaran {name} untuk <b>{stage}</b> dibatalkan.",
    "pedit_gone": "Peserta ini sudah tidak ada. Cari lagi dengan /ubahpeserta.",
    "pedit_done": "Selesai. Perubahan sudah tersimpan.",
    # --- workbook: shareable workbook and participation ---
    "export_choose_kind_shareable": (
        "<b>{stage}</b>\n"
        "📤 <b>Untuk dibagikan</b> — berkas Excel tim penyusun: peserta hanya dengan nomor peserta, "
        "jabatan dan instansi; tanpa nama, telepon, ID Telegram, lampiran, dan tanpa log audit. "
        "Aman diteruskan ke tim penyusun.\n"
        "🔒 <b>Lengkap</b> — dengan data pribadi: nama, telepon dan ID Telegram, hanya untuk "
        "sekretariat; setiap lembarnya bertanda <i>BERISI DATA PRIBADI</i>."
    ),
    "btn_export_shareable": "📤 Untuk dibagikan",
    "export_kind_shareable": "untuk dibagikan",
    "export_kind_private": "lengkap, BERISI DATA PRIBADI",
    "xlsx_kind_shareable": "Untuk dibagikan (peserta dengan nomor, jabatan dan instansi; tanpa nama, telepon, ID Telegram dan lampiran)",
    "xlsx_kind_private": "Lengkap — BERISI DATA PRIBADI (nama, telepon, ID Telegram), hanya untuk sekretariat",
    "xlsx_private_mark": "⚠ BERISI DATA PRIBADI — hanya untuk sekretariat, jangan dibagikan",
    "xlsx_page_footer": "Halaman &P dari &N",
    # --- decisions: decisions and notes to authors ---
    "menu_keputusan": "Impor keputusan tim penyusun",
    "menu_kabarkeputusan": "Kabarkan keputusan ke penulis ide",
    "help_secretariat_decisions": (
        "/keputusan — impor keputusan tim penyusun: kirim berkas Excel hasil /ekspor yang kolom "
        "keputusannya sudah diisi (juga bisa: kirim berkasnya dengan keterangan /keputusan)\n"
        "/kabarkeputusan — kirim kabar singkat keputusan ke setiap penulis ide, dalam bahasanya"
    ),
    "decision_status_accepted": "diterima",
    "decision_status_merged": "digabung",
    "decision_status_rejected": "ditolak",
    "decision_status_review": "perlu kajian",
    "decision_category_policy": "kebijakan dan kelembagaan",
    "decision_category_infrastructure": "infrastruktur",
    "decision_category_application": "aplikasi",
    "decision_category_literacy": "literasi",
    "decision_summary": "🏛 Keputusan tim penyusun: <b>{status}</b>",
    "decision_merged": "digabung ke {ref}",
    "decision_programme": "program “{programme}”",
    "decision_agency": "penanggung jawab: {agency}",
    "decision_horizon": "jangka waktu {years} tahun",
    "decisions_start": (
        "<b>Impor keputusan tim penyusun</b>\n"
        "Kirim berkas Excel (.xlsx) hasil /ekspor yang kolom keputusannya (Keputusan, Digabung "
        "ke, Jangka waktu final, Instansi penanggung jawab, Kategori rencana aksi, Nama program, "
        "Catatan) sudah diisi di lembar Ide. Semua baris diperiksa dulu: jika ada satu saja yang "
        "bermasalah, tidak ada yang diterapkan. /batal untuk berhenti."
    ),
    "decisions_file_expected": "Kirim berkas .xlsx hasil /ekspor sebagai dokumen, atau /batal.",
    "decisions_wrong_type": "Berkas “{name}” bukan berkas Excel .xlsx. Kirim berkas Excel hasil /ekspor.",
    "decisions_too_big": "Berkas terlalu besar ({size} MB; maksimal {max} MB). Tidak ada yang dibaca.",
    "decisions_download_failed": "Berkas tidak bisa diambil dari Telegram. Coba kirim lagi.",
    "decisions_error_too_large": (
        "Berkas “{name}” jauh lebih besar daripada berkas ekspor mana pun, jadi tidak dibaca. "
        "Tidak ada yang diterapkan."
    ),
    "decisions_error_unreadable": "Berkas “{name}” tidak bisa dibaca sebagai berkas Excel .xlsx. Tidak ada yang diterapkan.",
    "decisions_error_no_sheet": "Berkas “{name}” tidak punya lembar “{sheet}”. Kirim berkas Excel hasil /ekspor.",
    "decisions_error_no_columns": (
        "Lembar “{sheet}” di berkas “{name}” tidak punya kolom Referensi dan Keputusan. "
        "Kirim berkas Excel hasil /ekspor yang terbaru."
    ),
    "decisions_problems_header": (
        "❌ Tidak ada keputusan yang diterapkan: {count} masalah. Perbaiki baris berikut, lalu "
        "kirim lagi berkasnya:"
    ),
    "decisions_problem_line": "{sheet}, baris {row}: {reason}",
    "decisions_problem_ref_invalid": "referensi “{value}” bukan referensi ide (contoh #I-0042)",
    "decisions_problem_ref_unknown": "ide {value} tidak ada",
    "decisions_problem_status_empty": "keputusan kosong padahal kolom keputusan lain terisi",
    "decisions_problem_status_unknown": (
        "keputusan “{value}” tidak dikenal (pilih diterima, digabung, ditolak atau perlu kajian)"
    ),
    "decisions_problem_merged_invalid": "“digabung ke” “{value}” bukan referensi ide (contoh #I-0042)",
    "decisions_problem_merged_self": "ide tidak bisa digabung ke dirinya sendiri ({value})",
    "decisions_problem_merged_unknown": "ide tujuan penggabungan {value} tidak ada",
    "decisions_problem_merged_not_merged": "“digabung ke” {value} diisi, tetapi keputusannya bukan “digabung”",
    "decisions_problem_merged_missing": "keputusan “digabung” perlu kolom “digabung ke” (referensi ide tujuan)",
    "decisions_problem_horizon_unknown": "jangka waktu “{value}” tidak dikenal (pilih 1, 5 atau 10)",
    "decisions_problem_agency_unknown": "instansi “{value}” tidak ada di daftar instansi lokakarya",
    "decisions_problem_category_unknown": (
        "kategori “{value}” tidak dikenal (pilih kebijakan dan kelembagaan, infrastruktur, "
        "aplikasi atau literasi)"
    ),
    "decisions_problem_programme_too_long": "nama program terlalu panjang (maksimal {max} karakter): “{value}…”",
    "decisions_problem_note_too_long": "catatan terlalu panjang (maksimal {max} karakter): “{value}…”",
    "decisions_problem_duplicate": "ide yang sama sudah ada di baris {value}",
    "decisions_report": (
        "✅ Keputusan diterapkan dari “{name}”: {applied} baru, {changed} diubah, "
        "{unchanged} tanpa perubahan."
    ),
    "decisions_cancelled": "Impor keputusan dibatalkan. Tidak ada yang diubah.",
    "decisions_in_progress": "Anda sedang mengimpor keputusan. Kirim berkasnya, atau /batal dulu.",
    "myideas_other_decisions": "<b>Keputusan atas ide Anda di tahap lain</b>",
    "myideas_other_decision_line": "<b>{ref}</b> · {text}\n{decision}",
    "note_header": "📣 <b>Kabar dari tim penyusun masterplan</b>\nKeputusan atas ide yang Anda kirim:",
    "note_line": "<b>{ref}</b> · {text}\n{decision}",
    "note_footer": "Terima kasih atas ide Anda. Lihat kapan saja dengan /ideku.",
    "notes_confirm": (
        "<b>Kabar keputusan ke penulis ide</b>\n"
        "• {to_send} penulis akan menerima satu pesan singkat tentang ide mereka\n"
        "• {already} sudah menerima kabar keputusan yang sama (tidak dikirim ulang)\n"
        "• {unreachable} tidak bisa dihubungi lewat Telegram\n"
        "Kirim sekarang?"
    ),
    "notes_nothing": (
        "Tidak ada kabar baru untuk dikirim: {already} penulis sudah menerima kabar keputusan "
        "yang sama, {unreachable} tidak bisa dihubungi. Impor keputusan dulu dengan /keputusan."
    ),
    "btn_notes_send": "📣 Kirim",
    "btn_notes_cancel": "Batal",
    "notes_started": "Mengirim kabar ke {count} penulis ide… Laporannya menyusul.",
    "notes_cancelled_confirm": "Tidak ada kabar yang dikirim.",
    "notes_report": (
        "Kabar keputusan N-{id}: {sent} terkirim, {blocked} memblokir bot, {failed} gagal."
    ),
    # --- wording: privacy notice, next step, expired buttons, stage numerals, times ---
    "stale_button_unregistered": "Tombol ini sudah tidak aktif. Ketik /start untuk mendaftar.",
    "stage_numbered": "Tahap {n}",
    "registered_next": (
        "Berikutnya: kirim ide Anda — cukup ketik dan kirim di sini (atau pakai /ide). "
        "Jadwal sesi ada di /jadwal."
    ),
    "btn_disagree": "Tidak setuju",
    "privacy_declined": (
        "Baik, tidak ada data Anda yang disimpan. Tanpa persetujuan Anda tidak bisa mendaftar "
        "lewat bot; hubungi sekretariat, atau ketik /start bila berubah pikiran."
    ),
    "poll_deadline_past": "Waktu {value} sudah lewat. Tulis waktu yang akan datang.",
    # --- tags: hashtags and similar ideas ---
    "idea_not_saved": "<i>Ide belum disimpan.</i>",
    "tag_did_you_mean": "Maksud Anda {tag}?",
    "tag_pick_dimension": "Ide ini menyebut dua dimensi. Pilih satu:",
    "tag_pick_horizon": "{dimension}\nIde ini menyebut dua jangka waktu. Pilih satu:",
    "idea_long_choice": (
        "Ide ini panjang ({length} karakter; agar mudah dibaca, batasnya {max}). "
        "Simpan apa adanya, atau pecah per paragraf menjadi {parts} ide?"
    ),
    "idea_long_keep_only": (
        "Ide ini panjang ({length} karakter; agar mudah dibaca, batasnya {max}) dan tidak "
        "berparagraf. Simpan apa adanya? Atau ketik /batal dan kirim dalam beberapa pesan."
    ),
    "btn_keep_long": "Simpan apa adanya",
    "btn_split_long": "Pecah per paragraf",
    "similar_found": (
        "Ide serupa sudah ada di tahap ini:\n<b>{ref}</b> · {dimension}\n{text}\n\n"
        "Dukung ide itu, atau tetap kirim ide Anda sebagai ide baru?"
    ),
    "btn_support_idea": "Dukung ide ini",
    "btn_send_as_new": "Tetap kirim ide baru",
    "support_counted": (
        "👍 Dukungan Anda untuk <b>{ref}</b> tercatat ({count} dukungan). "
        "Ide Anda tidak disimpan sebagai ide baru."
    ),
    "support_already": (
        "Anda sudah mendukung <b>{ref}</b>; dukungan dihitung sekali per orang ({count} dukungan). "
        "Ide Anda tidak disimpan sebagai ide baru."
    ),
    "similar_gone": "Ide {ref} sudah dibatalkan, jadi tidak bisa didukung. Kirim ide Anda sebagai ide baru?",
    "choice_expired": "Pilihan ini sudah tidak berlaku. Tidak ada yang diubah.",
    "idea_pick_horizon_below": "Jangka waktu belum ditentukan: pilih di bawah, atau lain kali tambahkan #1th, #5th, atau #10th.",
    # --- intake: free-form ideas ---
    "intake_ask_dimension": (
        "📝 Ide Anda dicatat sebagai draf: <i>{idea}</i>\n"
        "<b>Ide belum disimpan.</b> Pilih dimensinya:"
    ),
    "intake_guess": "Sepertinya: <b>{dimension}</b> (tombol pertama)",
    "intake_ask_horizon": (
        "📝 <i>{idea}</i>\n{dimension}\n"
        "<b>Ide belum disimpan.</b> Untuk jangka waktu berapa? Setelah ini ide langsung disimpan."
    ),
    "intake_greeting": (
        "Halo! 👋 Untuk mengirim ide, tulis saja idenya di sini dalam satu pesan (boleh foto, "
        "pesan suara, atau dokumen), atau ketik /ide. Semua perintah: /bantuan."
    ),
    "intake_thanks": "Sama-sama! 🙏 Ide lain bisa Anda kirim kapan saja: tulis saja di sini. Semua perintah: /bantuan.",
    "intake_question": (
        "Untuk mengirim ide, tulis saja idenya di sini dalam satu pesan (boleh foto, pesan suara, "
        "atau dokumen); saya tanyakan dimensi dan jangka waktunya dengan tombol. Atau ketik /ide. "
        "Jadwal: /jadwal. Semua perintah: /bantuan."
    ),
    "intake_short": (
        "Pesan ini terlalu pendek untuk sebuah ide. <b>Ide belum disimpan.</b> Tulis idenya "
        "dalam satu kalimat, misalnya: <i>Pasar desa daring untuk kopi Manggarai</i>. "
        "Semua perintah: /bantuan."
    ),
    "intake_register_first": "Untuk mengirim ide, daftar dulu untuk <b>{stage}</b>: ketik /daftar.",
    "intake_kept_register": (
        "📝 Ide Anda dicatat sebagai draf. <b>Ide belum disimpan.</b>\n"
        "Daftar dulu untuk <b>{stage}</b>: ketuk /daftar. Setelah pendaftaran selesai, ide ini "
        "langsung ditawarkan untuk disimpan."
    ),
    "intake_kept_form_open": (
        "📝 Ide Anda dicatat sebagai draf. <b>Ide belum disimpan.</b>\n"
        "Formulir sebelumnya masih terbuka: pilih salah satu tombol di atas, atau ketik /batal. Setelah itu ide ini ditawarkan untuk disimpan."
    ),
    "intake_kept_next": (
        "📝 Ide ini juga dicatat sebagai draf: <i>{idea}</i>\n"
        "<b>Ide belum disimpan.</b> Selesaikan dulu ide sebelumnya di bawah; ide ini ditawarkan "
        "sesudahnya."
    ),
}
