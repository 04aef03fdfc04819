"""Labelled pairs of short ideas, as a smart-city workshop in Kabupaten Manggarai would send them.

Each pair is (first idea, second idea, label):
- `same`: the same idea in other words (what "Dukung ide ini" should catch);
- `related`: the same topic but a different idea (must stay apart);
- `unrelated`: nothing to do with each other.

Written by hand, with the typos, abbreviations ("umkm", "bts", "pjj", "yg", "utk") and mixed
Indonesian and English people type on a phone. Written before tuning; `split` keeps every third
pair out of tuning (the held-out part).
"""

from __future__ import annotations

from typing import Literal

Label = Literal["same", "related", "unrelated"]

PAIRS: list[tuple[str, str, Label]] = [
    # --- governance -------------------------------------------------------------------------
    (
        "Pelayanan KTP dan KK secara online supaya warga tidak perlu datang ke kabupaten",
        "Layanan adminduk online (KTP, KK) agar warga tdk usah ke Ruteng",
        "same",
    ),
    (
        "Mal pelayanan publik terpadu di Ruteng",
        "Bangun mall pelayanan publik yg terpadu di kota Ruteng",
        "same",
    ),
    (
        "Aplikasi pengaduan masyarakat yang terhubung ke semua OPD",
        "aplikasi pengaduan warga terintegrasi dgn seluruh opd",
        "same",
    ),
    (
        "Tanda tangan elektronik untuk surat menyurat di kantor camat",
        "TTE (tanda tangan elektronik) utk persuratan kecamatan",
        "same",
    ),
    (
        "Musrenbang desa dilakukan secara online",
        "musrenbang online di tingkat desa",
        "same",
    ),
    (
        "Transparansi anggaran desa dipublikasikan di website",
        "APBDes dipublikasikan di website desa agar transparan",
        "same",
    ),
    (
        "Satu data kabupaten untuk semua perangkat daerah",
        "Satu data Manggarai yang dipakai semua perangkat daerah",
        "same",
    ),
    (
        "Absensi pegawai pakai sidik jari online",
        "absensi online pegawai dgn fingerprint",
        "same",
    ),
    (
        "Perizinan usaha online lewat OSS dipercepat",
        "percepatan izin usaha online melalui OSS",
        "same",
    ),
    (
        "Website resmi setiap kecamatan diperbarui rutin",
        "website kecamatan harus update rutin",
        "same",
    ),
    (
        "Online public service for ID cards",
        "Layanan KTP online",
        "same",
    ),
    (
        "Rapat koordinasi OPD lewat zoom untuk hemat biaya perjalanan",
        "rakor opd via zoom supaya hemat biaya perjalanan dinas",
        "same",
    ),
    (
        "Pelayanan KTP online",
        "Pelayanan akta kelahiran online",
        "related",
    ),
    (
        "Aplikasi pengaduan masyarakat yang terhubung ke semua OPD",
        "Pelatihan admin pengaduan di setiap OPD",
        "related",
    ),
    (
        "Musrenbang desa dilakukan secara online",
        "Hasil musrenbang desa diumumkan di papan informasi desa",
        "related",
    ),
    (
        "Transparansi anggaran desa dipublikasikan di website",
        "Pelatihan operator website desa",
        "related",
    ),
    (
        "Satu data kabupaten untuk semua perangkat daerah",
        "Pusat data (data center) kabupaten dengan server sendiri",
        "related",
    ),
    (
        "Absensi pegawai pakai sidik jari online",
        "Tunjangan kinerja pegawai berdasarkan laporan kinerja harian",
        "related",
    ),
    (
        "Perizinan usaha online lewat OSS dipercepat",
        "Pajak daerah dibayar online",
        "related",
    ),
    (
        "Tanda tangan elektronik untuk surat menyurat di kantor camat",
        "Arsip surat kecamatan disimpan digital",
        "related",
    ),
    (
        "Mal pelayanan publik terpadu di Ruteng",
        "Pelayanan publik keliling ke desa terpencil",
        "related",
    ),
    (
        "Peraturan bupati tentang smart city",
        "Tim pelaksana smart city di setiap OPD",
        "related",
    ),
    (
        "Rapat koordinasi OPD lewat zoom untuk hemat biaya perjalanan",
        "Ruang rapat kabupaten dilengkapi alat video conference",
        "related",
    ),
    (
        "Pelayanan KTP online",
        "Festival kopi Manggarai tiap tahun",
        "unrelated",
    ),
    (
        "Musrenbang desa dilakukan secara online",
        "Bank sampah di setiap kelurahan",
        "unrelated",
    ),
    (
        "Absensi pegawai pakai sidik jari online",
        "Puskesmas keliling untuk desa terpencil",
        "unrelated",
    ),
    (
        "Aplikasi pengaduan masyarakat",
        "Aplikasi pemesanan ojek lokal",
        "unrelated",
    ),
    # --- connectivity (infrastructure cuts across dimensions) --------------------------------
    (
        "Perlu menara BTS di Kecamatan Cibal supaya sinyal internet bagus",
        "Bangun tower BTS di Cibal agar sinyal internet kuat",
        "same",
    ),
    (
        "Wifi gratis di kantor desa",
        "Sediakan wifi gratis di setiap kantor desa",
        "same",
    ),
    (
        "Internet masuk desa untuk semua desa di Reok",
        "semua desa di reok harus dpt akses internet",
        "same",
    ),
    (
        "Jaringan fiber optik sampai ke kecamatan",
        "tarik fiber optic ke semua kantor kecamatan",
        "same",
    ),
    (
        "Sinyal hp di Satar Mese Barat masih blank spot, perlu BTS",
        "Blank spot di Satar Mese Barat, mohon dibangun BTS",
        "same",
    ),
    (
        "Perlu menara BTS di Kecamatan Cibal",
        "Wifi gratis di taman kota Ruteng",
        "related",
    ),
    (
        "Wifi gratis di kantor desa",
        "Pelatihan perangkat desa menggunakan internet",
        "related",
    ),
    (
        "Internet masuk desa untuk semua desa di Reok",
        "Internet sekolah di Reok untuk ujian online",
        "related",
    ),
    (
        "Jaringan fiber optik sampai ke kecamatan",
        "Pemeliharaan jaringan listrik ke kecamatan",
        "related",
    ),
    (
        "Sinyal hp di Satar Mese Barat masih blank spot",
        "Sinyal hp di Satar Mese Barat putus kalau hujan, genset untuk BTS",
        "related",
    ),
    (
        "Wifi gratis di kantor desa",
        "Pupuk subsidi tepat waktu untuk petani",
        "unrelated",
    ),
    (
        "Perlu menara BTS di Kecamatan Cibal",
        "Festival budaya Cibal",
        "unrelated",
    ),
    # --- branding -----------------------------------------------------------------------------
    (
        "Promosi wisata Wae Rebo lewat media sosial",
        "promosi wisata wae rebo di medsos (instagram, tiktok)",
        "same",
    ),
    (
        "Festival kopi Manggarai setiap tahun",
        "Adakan festival kopi manggarai tahunan",
        "same",
    ),
    (
        "Logo dan tagline Manggarai untuk branding daerah",
        "Branding daerah dengan logo dan tagline khas Manggarai",
        "same",
    ),
    (
        "Website pariwisata resmi kabupaten dengan info homestay",
        "situs resmi pariwisata kab. manggarai berisi info homestay",
        "same",
    ),
    (
        "Peta digital destinasi wisata di google maps",
        "Semua destinasi wisata didaftarkan di google maps",
        "same",
    ),
    (
        "Pusat oleh-oleh kain songke di Ruteng",
        "Bangun pusat oleh2 songke di ruteng",
        "same",
    ),
    (
        "Video profil daerah untuk promosi investasi",
        "Video profil kabupaten utk promosi investasi",
        "same",
    ),
    (
        "Promote Manggarai coffee brand internationally",
        "promosi brand kopi manggarai ke luar negeri",
        "same",
    ),
    (
        "Sanggar tari caci untuk atraksi wisata",
        "tari caci dijadikan atraksi wisata rutin",
        "same",
    ),
    (
        "Promosi wisata Wae Rebo lewat media sosial",
        "Pelatihan pemandu wisata di Wae Rebo",
        "related",
    ),
    (
        "Festival kopi Manggarai setiap tahun",
        "Sertifikasi indikasi geografis kopi Manggarai",
        "related",
    ),
    (
        "Logo dan tagline Manggarai untuk branding daerah",
        "Seragam batik motif Manggarai untuk ASN",
        "related",
    ),
    (
        "Website pariwisata resmi kabupaten dengan info homestay",
        "Pelatihan pengelola homestay tentang kebersihan dan pelayanan tamu",
        "related",
    ),
    (
        "Peta digital destinasi wisata di google maps",
        "Jalan menuju destinasi wisata diperbaiki",
        "related",
    ),
    (
        "Pusat oleh-oleh kain songke di Ruteng",
        "Pelatihan penenun songke muda",
        "related",
    ),
    (
        "Video profil daerah untuk promosi investasi",
        "Forum investasi daerah setiap tahun",
        "related",
    ),
    (
        "Sanggar tari caci untuk atraksi wisata",
        "Museum budaya Manggarai",
        "related",
    ),
    (
        "Festival kopi Manggarai setiap tahun",
        "Penerangan jalan umum tenaga surya",
        "unrelated",
    ),
    (
        "Promosi wisata Wae Rebo lewat media sosial",
        "Sistem antrian online di RSUD",
        "unrelated",
    ),
    (
        "Logo dan tagline Manggarai",
        "Tempat pembuangan sampah akhir yang baru",
        "unrelated",
    ),
    (
        "Pusat oleh-oleh kain songke di Ruteng",
        "CCTV di persimpangan jalan kota Ruteng",
        "unrelated",
    ),
    # --- economy ------------------------------------------------------------------------------
    (
        "Pelatihan UMKM pemasaran online",
        "pelatihan pemasaran digital utk umkm",
        "same",
    ),
    (
        "Modal usaha UMKM dengan bunga rendah",
        "pinjaman modal bunga rendah bagi pelaku umkm",
        "same",
    ),
    (
        "Marketplace produk lokal Manggarai",
        "Aplikasi marketplace untuk jual produk lokal manggarai",
        "same",
    ),
    (
        "Pasar tani online untuk hasil pertanian",
        "pasar online hasil tani",
        "same",
    ),
    (
        "Pembayaran retribusi pasar pakai QRIS",
        "retribusi pasar dibayar dengan qris",
        "same",
    ),
    (
        "Informasi harga komoditas kopi dan cengkeh setiap hari untuk petani",
        "info harga harian kopi, cengkeh utk petani",
        "same",
    ),
    (
        "BUMDes dikelola secara digital",
        "Digitalisasi pengelolaan BUMDes",
        "same",
    ),
    (
        "Gudang penyimpanan hasil panen dengan sistem resi gudang",
        "resi gudang untuk hasil panen petani",
        "same",
    ),
    (
        "Koperasi petani kopi Manggarai",
        "bentuk koperasi utk petani kopi manggarai",
        "same",
    ),
    (
        "Training for small businesses on online marketing",
        "Pelatihan pemasaran online bagi UMKM",
        "same",
    ),
    (
        "Pelatihan UMKM pemasaran online",
        "Modal usaha UMKM dengan bunga rendah",
        "related",
    ),
    (
        "Marketplace produk lokal Manggarai",
        "Sertifikat halal dan izin PIRT untuk produk lokal",
        "related",
    ),
    (
        "Pasar tani online untuk hasil pertanian",
        "Penyuluhan pertanian organik",
        "related",
    ),
    (
        "Pembayaran retribusi pasar pakai QRIS",
        "Renovasi pasar inpres Ruteng",
        "related",
    ),
    (
        "Informasi harga komoditas kopi dan cengkeh setiap hari untuk petani",
        "Bibit kopi unggul untuk petani",
        "related",
    ),
    (
        "BUMDes dikelola secara digital",
        "Modal awal BUMDes dari dana desa",
        "related",
    ),
    (
        "Gudang penyimpanan hasil panen",
        "Jalan usaha tani ke sawah",
        "related",
    ),
    (
        "Koperasi petani kopi Manggarai",
        "Mesin pengolahan kopi (roasting) di desa",
        "related",
    ),
    (
        "Pelatihan UMKM pemasaran online",
        "Pelatihan UMKM membuat kemasan produk",
        "related",
    ),
    (
        "Modal usaha UMKM",
        "Modal usaha untuk nelayan",
        "related",
    ),
    (
        "Pelatihan UMKM pemasaran online",
        "Rumah singgah pasien di Kupang",
        "unrelated",
    ),
    (
        "Marketplace produk lokal Manggarai",
        "Sosialisasi bahaya narkoba di sekolah",
        "unrelated",
    ),
    (
        "Koperasi petani kopi",
        "Peringatan dini longsor di Reok Barat",
        "unrelated",
    ),
    (
        "Pembayaran retribusi pasar pakai QRIS",
        "Penghijauan daerah aliran sungai",
        "unrelated",
    ),
    # --- living -------------------------------------------------------------------------------
    (
        "Puskesmas keliling untuk desa terpencil",
        "puskesmas keliling ke desa2 terpencil",
        "same",
    ),
    (
        "Pendaftaran pasien online di RSUD Ben Mboi",
        "daftar online utk pasien rsud ben mboi spy tdk antri",
        "same",
    ),
    (
        "Telemedicine dari puskesmas ke dokter spesialis di RSUD",
        "konsultasi telemedis puskesmas dengan dokter spesialis rsud",
        "same",
    ),
    (
        "Ambulans desa yang bisa dipanggil lewat telepon",
        "layanan ambulans desa, panggil lewat telp",
        "same",
    ),
    (
        "Air bersih untuk semua desa",
        "penyediaan air bersih di seluruh desa",
        "same",
    ),
    (
        "Angkutan umum dari desa ke kota Ruteng",
        "transportasi umum desa ke ruteng",
        "same",
    ),
    (
        "Rumah layak huni untuk warga miskin",
        "bedah rumah tdk layak huni bagi warga miskin",
        "same",
    ),
    (
        "Data stunting balita dipantau dengan aplikasi",
        "aplikasi pemantauan stunting pada balita",
        "same",
    ),
    (
        "Penerangan jalan umum tenaga surya di jalan desa",
        "PJU tenaga surya di jalan2 desa",
        "same",
    ),
    (
        "Online queue for the hospital",
        "Antrian online di rumah sakit",
        "same",
    ),
    (
        "Perbaikan jalan rusak ke Kecamatan Lelak",
        "jalan ke lelak rusak parah mohon diperbaiki",
        "same",
    ),
    (
        "Puskesmas keliling untuk desa terpencil",
        "Tambah tenaga bidan di puskesmas terpencil",
        "related",
    ),
    (
        "Pendaftaran pasien online di RSUD Ben Mboi",
        "Rekam medis elektronik di RSUD Ben Mboi",
        "related",
    ),
    (
        "Telemedicine dari puskesmas ke dokter spesialis di RSUD",
        "Tambah dokter spesialis anak di RSUD",
        "related",
    ),
    (
        "Ambulans desa yang bisa dipanggil lewat telepon",
        "Posyandu aktif setiap bulan di desa",
        "related",
    ),
    (
        "Air bersih untuk semua desa",
        "Sumur bor untuk irigasi sawah",
        "related",
    ),
    (
        "Angkutan umum dari desa ke kota Ruteng",
        "Terminal bus Ruteng diperbaiki",
        "related",
    ),
    (
        "Rumah layak huni untuk warga miskin",
        "Sertifikat tanah gratis untuk warga",
        "related",
    ),
    (
        "Data stunting balita dipantau dengan aplikasi",
        "Makanan tambahan bergizi untuk ibu hamil",
        "related",
    ),
    (
        "Penerangan jalan umum tenaga surya di jalan desa",
        "Perbaikan jalan desa yang berlubang",
        "related",
    ),
    (
        "Perbaikan jalan rusak ke Kecamatan Lelak",
        "Jembatan penghubung ke Kecamatan Lelak",
        "related",
    ),
    (
        "Pendaftaran pasien online di RSUD",
        "Pendaftaran siswa baru online",
        "related",
    ),
    (
        "Puskesmas keliling untuk desa terpencil",
        "Promosi wisata Danau Ranamese",
        "unrelated",
    ),
    (
        "Air bersih untuk semua desa",
        "Tanda tangan elektronik untuk surat menyurat",
        "unrelated",
    ),
    (
        "Angkutan umum dari desa ke kota Ruteng",
        "Beasiswa untuk mahasiswa berprestasi",
        "unrelated",
    ),
    (
        "Data stunting balita dipantau dengan aplikasi",
        "Data pajak bumi dan bangunan online",
        "unrelated",
    ),
    # --- society ------------------------------------------------------------------------------
    (
        "Pembelajaran jarak jauh untuk sekolah di desa terpencil",
        "PJJ bagi sekolah2 di desa terpencil",
        "same",
    ),
    (
        "Pelatihan literasi digital untuk guru",
        "literasi digital bagi para guru",
        "same",
    ),
    (
        "Perpustakaan digital di setiap desa",
        "perpus digital di tiap desa",
        "same",
    ),
    (
        "CCTV di tempat umum untuk keamanan",
        "pasang cctv di tempat2 umum supaya aman",
        "same",
    ),
    (
        "Sosialisasi bahaya hoaks di media sosial kepada masyarakat",
        "sosialisasi anti hoax di medsos untuk warga",
        "same",
    ),
    (
        "Beasiswa untuk siswa miskin berprestasi",
        "beasiswa bagi siswa berprestasi dari keluarga miskin",
        "same",
    ),
    (
        "Pelatihan komputer untuk pemuda desa",
        "kursus komputer bagi pemuda di desa",
        "same",
    ),
    (
        "Nomor darurat 112 untuk seluruh kabupaten",
        "layanan call center darurat 112 di manggarai",
        "same",
    ),
    (
        "Rumah belajar komunitas untuk anak putus sekolah",
        "rumah belajar bagi anak2 yang putus sekolah",
        "same",
    ),
    (
        "Digital literacy for village youth",
        "Literasi digital bagi pemuda desa",
        "same",
    ),
    (
        "Pembelajaran jarak jauh untuk sekolah di desa terpencil",
        "Tablet untuk siswa SD",
        "related",
    ),
    (
        "Pelatihan literasi digital untuk guru",
        "Sertifikasi guru honorer",
        "related",
    ),
    (
        "Perpustakaan digital di setiap desa",
        "Perpustakaan keliling untuk sekolah",
        "related",
    ),
    (
        "CCTV di tempat umum untuk keamanan",
        "Siskamling digital di setiap RT",
        "related",
    ),
    (
        "Sosialisasi bahaya hoaks di media sosial kepada masyarakat",
        "Akun media sosial resmi pemda yang aktif",
        "related",
    ),
    (
        "Beasiswa untuk siswa miskin berprestasi",
        "Seragam sekolah gratis untuk siswa miskin",
        "related",
    ),
    (
        "Pelatihan komputer untuk pemuda desa",
        "Lapangan kerja bagi pemuda desa",
        "related",
    ),
    (
        "Nomor darurat 112 untuk seluruh kabupaten",
        "Pos pemadam kebakaran di tiap kecamatan",
        "related",
    ),
    (
        "Rumah belajar komunitas untuk anak putus sekolah",
        "Paket C untuk orang dewasa",
        "related",
    ),
    (
        "Pelatihan literasi digital untuk guru",
        "Pelatihan literasi digital untuk orang tua murid",
        "related",
    ),
    (
        "Pembelajaran jarak jauh",
        "Pasar ikan higienis di Reo",
        "unrelated",
    ),
    (
        "CCTV di tempat umum untuk keamanan",
        "Pupuk organik dari kotoran ternak",
        "unrelated",
    ),
    (
        "Beasiswa untuk siswa miskin berprestasi",
        "Sistem informasi tata ruang online",
        "unrelated",
    ),
    (
        "Perpustakaan digital di setiap desa",
        "Ambulans desa",
        "unrelated",
    ),
    # --- environment --------------------------------------------------------------------------
    (
        "Bank sampah di setiap kelurahan",
        "bank sampah di tiap2 kelurahan",
        "same",
    ),
    (
        "Pengolahan sampah plastik menjadi barang bernilai jual",
        "olah sampah plastik jadi barang yang bisa dijual",
        "same",
    ),
    (
        "Penerangan tenaga surya untuk desa yang belum ada listrik",
        "listrik tenaga surya (PLTS) untuk desa yang belum berlistrik",
        "same",
    ),
    (
        "Peringatan dini bencana longsor dengan sensor",
        "early warning system longsor pakai sensor",
        "same",
    ),
    (
        "Penanaman pohon di daerah aliran sungai",
        "penghijauan / tanam pohon di DAS",
        "same",
    ),
    (
        "Jadwal angkut sampah yang teratur di kota Ruteng",
        "pengangkutan sampah di ruteng harus terjadwal",
        "same",
    ),
    (
        "Larangan buang sampah ke sungai dengan sanksi",
        "sanksi bagi yg buang sampah di sungai",
        "same",
    ),
    (
        "Pemantauan kualitas air sungai secara online",
        "monitoring kualitas air sungai online",
        "same",
    ),
    (
        "Waste bank in every village",
        "Bank sampah di setiap desa",
        "same",
    ),
    (
        "Tempat sampah terpilah organik dan anorganik di kantor",
        "pemilahan sampah organik anorganik di kantor2",
        "same",
    ),
    (
        "Bank sampah di setiap kelurahan",
        "Tempat pembuangan akhir sampah yang baru",
        "related",
    ),
    (
        "Pengolahan sampah plastik menjadi barang bernilai jual",
        "Kompos dari sampah organik pasar",
        "related",
    ),
    (
        "Penerangan tenaga surya untuk desa yang belum ada listrik",
        "Pembangkit listrik mikrohidro di sungai",
        "related",
    ),
    (
        "Peringatan dini bencana longsor dengan sensor",
        "Peta rawan bencana longsor",
        "related",
    ),
    (
        "Penanaman pohon di daerah aliran sungai",
        "Larangan menebang hutan lindung",
        "related",
    ),
    (
        "Jadwal angkut sampah yang teratur di kota Ruteng",
        "Tambah truk sampah untuk kota Ruteng",
        "related",
    ),
    (
        "Larangan buang sampah ke sungai dengan sanksi",
        "Larangan penggunaan kantong plastik di pasar",
        "related",
    ),
    (
        "Pemantauan kualitas air sungai secara online",
        "Pemantauan kualitas udara di kota",
        "related",
    ),
    (
        "Tempat sampah terpilah organik dan anorganik di kantor",
        "Kantor pemerintah hemat listrik dan kertas",
        "related",
    ),
    (
        "Bank sampah di setiap kelurahan",
        "Bank desa untuk simpan pinjam",
        "related",
    ),
    (
        "Bank sampah di setiap kelurahan",
        "Pelayanan KTP online",
        "unrelated",
    ),
    (
        "Peringatan dini bencana longsor dengan sensor",
        "Pelatihan UMKM pemasaran online",
        "unrelated",
    ),
    (
        "Penanaman pohon di daerah aliran sungai",
        "Festival tari caci",
        "unrelated",
    ),
    (
        "Pemantauan kualitas air sungai secara online",
        "Pendaftaran pasien online",
        "unrelated",
    ),
    # --- more same: shorter, sloppier, word order, abbreviations ------------------------------
    (
        "e-KTP jemput bola ke desa",
        "perekaman ektp jemput bola di desa",
        "same",
    ),
    (
        "SIM keliling ke kecamatan",
        "layanan sim keliling di kecamatan2",
        "same",
    ),
    (
        "Dana desa untuk internet desa",
        "internet desa dibiayai dana desa",
        "same",
    ),
    (
        "Sekolah butuh laboratorium komputer",
        "lab komputer utk sekolah",
        "same",
    ),
    (
        "Kopi Manggarai dijual online",
        "penjualan kopi manggarai secara online",
        "same",
    ),
    (
        "Ojek online lokal Ruteng",
        "aplikasi ojol lokal untuk kota Ruteng",
        "same",
    ),
    (
        "Pasar murah menjelang hari raya",
        "adakan pasar murah jelang hari raya",
        "same",
    ),
    (
        "Kartu sehat untuk lansia",
        "kartu kesehatan bagi lansia",
        "same",
    ),
    (
        "Sistem informasi desa (SID) di semua desa",
        "semua desa pakai sistem informasi desa",
        "same",
    ),
    (
        "Pelatihan perangkat desa tentang aplikasi keuangan desa (Siskeudes)",
        "pelatihan siskeudes bagi perangkat desa",
        "same",
    ),
    (
        "Papan informasi digital di kantor bupati",
        "papan info digital di kantor bupati",
        "same",
    ),
    (
        "Lampu lalu lintas di simpang pasar Ruteng",
        "traffic light di simpang pasar ruteng",
        "same",
    ),
    (
        "Pengaduan jalan rusak lewat WhatsApp",
        "laporan jalan rusak via WA",
        "same",
    ),
    (
        "Homestay di desa wisata dapat pelatihan",
        "pelatihan bagi pengelola homestay desa wisata",
        "same",
    ),
    (
        "Subsidi pupuk tepat sasaran dengan kartu tani",
        "kartu tani agar pupuk subsidi tepat sasaran",
        "same",
    ),
    (
        "Tambah guru di sekolah terpencil",
        "penambahan guru utk sekolah2 terpencil",
        "same",
    ),
    (
        "Klinik UMKM di kabupaten",
        "klinik konsultasi umkm di kab",
        "same",
    ),
    (
        "Sertifikasi halal gratis untuk UMKM",
        "sertifikat halal gratis bagi umkm",
        "same",
    ),
    (
        "Pemetaan potensi desa secara digital",
        "peta digital potensi desa",
        "same",
    ),
    (
        "Taman kota ramah anak",
        "bangun taman kota yg ramah anak",
        "same",
    ),
    (
        "Bus sekolah untuk anak di desa jauh",
        "bis sekolah bagi anak2 desa yg jauh",
        "same",
    ),
    (
        "Posko bencana di setiap kecamatan",
        "posko siaga bencana di tiap kecamatan",
        "same",
    ),
    (
        "Irigasi untuk sawah di Lembor",
        "saluran irigasi sawah di lembor",
        "same",
    ),
    (
        "Kantor camat melayani izin usaha mikro",
        "izin usaha mikro bisa diurus di kantor camat",
        "same",
    ),
    (
        "Aplikasi lapor harga pasar",
        "aplikasi pelaporan harga di pasar",
        "same",
    ),
    (
        "Make the regency data open to the public",
        "data kabupaten terbuka untuk publik (open data)",
        "same",
    ),
    (
        "Pojok baca di kantor kecamatan",
        "pojok baca di kantor camat",
        "same",
    ),
    (
        "Hutan kota di Ruteng",
        "bangun hutan kota di ruteng",
        "same",
    ),
    # --- more related: one word away, same frame ---------------------------------------------
    (
        "e-KTP jemput bola ke desa",
        "Akta kematian jemput bola ke desa",
        "related",
    ),
    (
        "SIM keliling ke kecamatan",
        "Samsat keliling untuk bayar pajak kendaraan",
        "related",
    ),
    (
        "Dana desa untuk internet desa",
        "Dana desa untuk jalan desa",
        "related",
    ),
    (
        "Sekolah butuh laboratorium komputer",
        "Sekolah butuh perpustakaan",
        "related",
    ),
    (
        "Kopi Manggarai dijual online",
        "Kain songke dijual online",
        "related",
    ),
    (
        "Ojek online lokal Ruteng",
        "Tarif ojek diatur pemda",
        "related",
    ),
    (
        "Pasar murah menjelang hari raya",
        "Operasi pasar beras saat harga naik",
        "related",
    ),
    (
        "Kartu sehat untuk lansia",
        "Posyandu lansia di setiap desa",
        "related",
    ),
    (
        "Sistem informasi desa (SID) di semua desa",
        "Pelatihan operator sistem informasi desa",
        "related",
    ),
    (
        "Papan informasi digital di kantor bupati",
        "Papan informasi digital di terminal",
        "related",
    ),
    (
        "Lampu lalu lintas di simpang pasar Ruteng",
        "Parkir tertib di pasar Ruteng",
        "related",
    ),
    (
        "Pengaduan jalan rusak lewat WhatsApp",
        "Pengaduan pelayanan puskesmas lewat WhatsApp",
        "related",
    ),
    (
        "Subsidi pupuk tepat sasaran dengan kartu tani",
        "Asuransi gagal panen untuk petani",
        "related",
    ),
    (
        "Tambah guru di sekolah terpencil",
        "Rumah dinas guru di sekolah terpencil",
        "related",
    ),
    (
        "Klinik UMKM di kabupaten",
        "Pameran produk UMKM di kabupaten",
        "related",
    ),
    (
        "Sertifikasi halal gratis untuk UMKM",
        "Sertifikasi tanah gratis untuk petani",
        "related",
    ),
    (
        "Taman kota ramah anak",
        "Taman kota dengan wifi gratis",
        "related",
    ),
    (
        "Bus sekolah untuk anak di desa jauh",
        "Asrama untuk siswa dari desa jauh",
        "related",
    ),
    (
        "Posko bencana di setiap kecamatan",
        "Simulasi bencana di sekolah",
        "related",
    ),
    (
        "Irigasi untuk sawah di Lembor",
        "Traktor untuk kelompok tani di Lembor",
        "related",
    ),
    (
        "Aplikasi lapor harga pasar",
        "Aplikasi lapor bencana",
        "related",
    ),
    (
        "Make the regency data open to the public",
        "Protect the personal data of residents",
        "related",
    ),
    (
        "Pojok baca di kantor kecamatan",
        "Ruang laktasi di kantor kecamatan",
        "related",
    ),
    (
        "Hutan kota di Ruteng",
        "Ruang terbuka hijau di setiap kecamatan",
        "related",
    ),
    (
        "Wifi gratis di kantor desa",
        "Wifi gratis di sekolah",
        "related",
    ),
    (
        "Pelatihan UMKM pemasaran online",
        "Pelatihan petani pemasaran online",
        "related",
    ),
    (
        "Air bersih untuk semua desa",
        "Listrik untuk semua desa",
        "related",
    ),
    (
        "Pelayanan KTP online",
        "Pelayanan KTP di kecamatan",
        "related",
    ),
    # --- more unrelated -----------------------------------------------------------------------
    ("Ojek online lokal Ruteng", "Irigasi untuk sawah di Lembor", "unrelated"),
    ("Kartu sehat untuk lansia", "Video profil daerah", "unrelated"),
    ("Hutan kota di Ruteng", "Absensi online pegawai", "unrelated"),
    ("Klinik UMKM", "Penanaman mangrove di pantai Reo", "unrelated"),
    ("Bus sekolah", "Sertifikasi halal gratis untuk UMKM", "unrelated"),
    ("Papan informasi digital", "Beasiswa kuliah", "unrelated"),
    ("Pojok baca di kantor kecamatan", "Pasar murah menjelang hari raya", "unrelated"),
    ("Posko bencana", "Marketplace produk lokal", "unrelated"),
    ("Dana desa untuk internet desa", "Taman kota ramah anak", "unrelated"),
    ("Lampu lalu lintas", "Kopi Manggarai dijual online", "unrelated"),
    ("Sistem informasi desa", "Tambah dokter spesialis", "unrelated"),
    ("Smart parking in Ruteng", "Pelatihan penenun songke", "unrelated"),
    ("e-KTP jemput bola", "Kompos dari sampah organik", "unrelated"),
    ("Traktor untuk kelompok tani", "Website resmi kecamatan", "unrelated"),
]


def split(pairs: list[tuple[str, str, Label]]) -> tuple[list[int], list[int]]:
    """Indices for tuning (two of every three pairs) and held out (every third)."""
    tune = [i for i in range(len(pairs)) if i % 3 != 2]
    held = [i for i in range(len(pairs)) if i % 3 == 2]
    return tune, held


# Written after tuning ended and scored once, never tuned on: the honest held-out figure (the
# `split` held-out part above was looked at while tuning, so it flatters).
FRESH: list[tuple[str, str, Label]] = [
    ("Sistem antrian online di kantor Dukcapil", "antrian online dukcapil", "same"),
    ("Layanan pajak kendaraan keliling ke desa", "samsat keliling ke desa2", "same"),
    ("Aplikasi e-musrenbang untuk usulan warga", "usulan musrenbang warga lewat aplikasi", "same"),
    (
        "Laporan keuangan desa bisa dilihat warga online",
        "keuangan desa online agar warga bisa lihat",
        "same",
    ),
    ("Pelatihan ASN tentang keamanan siber", "pelatihan keamanan siber utk ASN", "same"),
    (
        "Grup WA resmi tiap kecamatan untuk info pemda",
        "grup whatsapp resmi kecamatan utk informasi pemerintah",
        "same",
    ),
    (
        "Paket wisata Wae Rebo dan Liang Bua dijual online",
        "jual paket wisata wae rebo + liang bua secara online",
        "same",
    ),
    ("Kalender event budaya tahunan Manggarai", "kalender tahunan event budaya manggarai", "same"),
    (
        "Galeri produk tenun songke di bandara Frans Sales Lega",
        "galeri tenun songke di bandara",
        "same",
    ),
    ("Toko online untuk produk kopi petani", "produk kopi petani dijual lewat toko online", "same"),
    (
        "Pembayaran pajak daerah lewat bank dan QRIS",
        "bayar pajak daerah dengan qris atau bank",
        "same",
    ),
    ("Pelatihan pembukuan sederhana untuk UMKM", "pelatihan pembukuan umkm sederhana", "same"),
    ("Pasar hewan dengan timbangan digital", "timbangan digital di pasar hewan", "same"),
    ("Sistem rujukan online antar puskesmas dan RSUD", "rujukan online puskesmas ke rsud", "same"),
    (
        "Rumah tunggu kelahiran di puskesmas terpencil",
        "rumah tunggu kelahiran utk ibu hamil di puskesmas terpencil",
        "same",
    ),
    (
        "Jadwal bus antar kecamatan diumumkan online",
        "info jadwal bis antar kecamatan online",
        "same",
    ),
    ("Pengolahan air minum di desa", "air minum desa diolah", "same"),
    (
        "Karang taruna dilatih membuat konten digital",
        "pelatihan konten digital bagi karang taruna",
        "same",
    ),
    ("Ronda malam terjadwal di setiap dusun", "jadwal ronda malam tiap dusun", "same"),
    ("Kelas menulis untuk pelajar SMA", "kelas menulis bagi pelajar sma", "same"),
    ("Tempat pembuangan sampah sementara di setiap desa", "TPS di tiap desa", "same"),
    (
        "Pembatasan penggunaan plastik sekali pakai di kantor pemerintah",
        "kantor pemda batasi plastik sekali pakai",
        "same",
    ),
    ("Penanaman bambu untuk mencegah longsor", "tanam bambu cegah longsor", "same"),
    (
        "Biogas dari kotoran ternak untuk rumah tangga",
        "biogas kotoran ternak utk rumah tangga",
        "same",
    ),
    (
        "Sensor curah hujan di daerah rawan banjir",
        "pasang sensor curah hujan di daerah rawan banjir",
        "same",
    ),
    ("Smart card for public transport", "kartu pintar untuk angkutan umum", "same"),
    (
        "Sistem antrian online di kantor Dukcapil",
        "Jam layanan Dukcapil diperpanjang sampai sore",
        "related",
    ),
    ("Layanan pajak kendaraan keliling ke desa", "Pajak kendaraan bisa dibayar online", "related"),
    ("Aplikasi e-musrenbang untuk usulan warga", "Musrenbang khusus perempuan dan anak", "related"),
    ("Laporan keuangan desa bisa dilihat warga online", "Pelatihan bendahara desa", "related"),
    ("Pelatihan ASN tentang keamanan siber", "Pelatihan ASN tentang pelayanan prima", "related"),
    (
        "Grup WA resmi tiap kecamatan untuk info pemda",
        "Radio komunitas kecamatan untuk info pemda",
        "related",
    ),
    (
        "Paket wisata Wae Rebo dan Liang Bua dijual online",
        "Toilet bersih di lokasi wisata Liang Bua",
        "related",
    ),
    ("Kalender event budaya tahunan Manggarai", "Gedung pertunjukan seni budaya", "related"),
    (
        "Galeri produk tenun songke di bandara Frans Sales Lega",
        "Penerbangan tambahan ke bandara Frans Sales Lega",
        "related",
    ),
    ("Toko online untuk produk kopi petani", "Pelatihan petani kopi pasca panen", "related"),
    (
        "Pembayaran pajak daerah lewat bank dan QRIS",
        "Target pendapatan pajak daerah naik",
        "related",
    ),
    (
        "Pelatihan pembukuan sederhana untuk UMKM",
        "Pelatihan pembukuan sederhana untuk BUMDes",
        "related",
    ),
    ("Pasar hewan dengan timbangan digital", "Vaksinasi ternak gratis", "related"),
    ("Sistem rujukan online antar puskesmas dan RSUD", "Ambulans untuk rujukan pasien", "related"),
    ("Rumah tunggu kelahiran di puskesmas terpencil", "Bidan desa tinggal di desa", "related"),
    (
        "Jadwal bus antar kecamatan diumumkan online",
        "Halte bus di jalan antar kecamatan",
        "related",
    ),
    ("Pengolahan air minum di desa", "Penampungan air hujan di desa", "related"),
    (
        "Karang taruna dilatih membuat konten digital",
        "Lomba video promosi desa untuk karang taruna",
        "related",
    ),
    ("Ronda malam terjadwal di setiap dusun", "Lampu penerangan di setiap dusun", "related"),
    ("Kelas menulis untuk pelajar SMA", "Kelas coding untuk pelajar SMA", "related"),
    ("Tempat pembuangan sampah sementara di setiap desa", "Truk sampah masuk desa", "related"),
    (
        "Pembatasan penggunaan plastik sekali pakai di kantor pemerintah",
        "Kantor pemerintah pakai panel surya",
        "related",
    ),
    ("Penanaman bambu untuk mencegah longsor", "Kerajinan bambu untuk dijual", "related"),
    (
        "Biogas dari kotoran ternak untuk rumah tangga",
        "Kandang ternak kelompok di luar kampung",
        "related",
    ),
    (
        "Sensor curah hujan di daerah rawan banjir",
        "Tanggul sungai di daerah rawan banjir",
        "related",
    ),
    ("Smart card for public transport", "Smart card for the school canteen", "related"),
    ("Sistem antrian online di kantor Dukcapil", "Pelatihan tari tradisional", "unrelated"),
    ("Galeri produk tenun songke", "Sensor curah hujan", "unrelated"),
    ("Toko online untuk produk kopi petani", "Ronda malam terjadwal", "unrelated"),
    ("Rumah tunggu kelahiran", "Kalender event budaya", "unrelated"),
    ("Biogas dari kotoran ternak", "Aplikasi e-musrenbang", "unrelated"),
    ("Kelas menulis untuk pelajar SMA", "Pasar hewan dengan timbangan digital", "unrelated"),
    ("Pelatihan ASN tentang keamanan siber", "Penanaman bambu untuk mencegah longsor", "unrelated"),
    ("Jadwal bus antar kecamatan", "Pembayaran pajak daerah lewat bank", "unrelated"),
]
