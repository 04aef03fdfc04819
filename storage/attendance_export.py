"""The words of the attendance sheets (*Kehadiran*, *Daftar hadir*): how and by what means
someone attended, as the drafting team reads them.

The sheets themselves are written by `storage.export_extra.attendance_sheets`.
"""

from __future__ import annotations

MODE_WORDS = {"offline": "luring", "online": "daring"}
METHOD_WORDS = {
    "qr": "kode QR",
    "button": "tombol",
    "command": "perintah /hadir",
    "secretariat": "sekretariat",
}
