"""The built-in statistics categories: code -> (title, description, the register field it groups by, or None for
a computed one such as age bands). Read by kategori.py, which builds the categories from it."""

# kode -> (judul, keterangan, register field or special, sensitif)
FIELDS = {
    "umur": ("Kelompok umur lima tahunan", "Penduduk menurut umur dalam tahun penuh, kelompok lima tahun.", None),
    "tahap_umur": ("Kelompok umur (balita sampai lansia)", "Balita, anak, remaja, dewasa, lansia.", None),
    "jenis_kelamin": ("Jenis kelamin", "Penduduk menurut jenis kelamin.", "jenis_kelamin"),
    "pendidikan_kk": ("Pendidikan dalam KK", "Pendidikan terakhir yang tercatat di kartu keluarga.", "pendidikan_kk"),
    "pendidikan_sedang": ("Pendidikan sedang ditempuh", "Jenjang pendidikan yang sedang dijalani.",
                          "pendidikan_sedang"),
    "pekerjaan": ("Pekerjaan", "Pekerjaan menurut daftar kode Dukcapil.", "pekerjaan"),
    "status_kawin": ("Status perkawinan", "Status perkawinan yang tercatat.", "status_kawin"),
    "agama": ("Agama", "Agama dan kepercayaan.", "agama"),
    "hubungan": ("Hubungan dalam keluarga", "Kedudukan dalam kartu keluarga (SHDK).", "hubungan"),
    "kewarganegaraan": ("Kewarganegaraan", "WNI, WNA, dua kewarganegaraan.", "kewarganegaraan"),
    "golongan_darah": ("Golongan darah", "Golongan darah yang tercatat.", "golongan_darah"),
    "cacat": ("Penyandang disabilitas", "Jenis disabilitas yang tercatat.", "cacat"),
    "sakit_menahun": ("Penyakit menahun", "Penyakit menahun yang tercatat.", "sakit_menahun"),
    "hamil": ("Kehamilan", "Perempuan menurut status hamil yang tercatat.", "hamil"),
    "cara_kb": ("Akseptor KB", "Cara keluarga berencana yang dipakai.", "cara_kb"),
    "asuransi": ("Asuransi kesehatan", "Jaminan kesehatan yang dimiliki.", "asuransi"),
    "akta_lahir": ("Kepemilikan akta kelahiran", "Ada atau tidaknya nomor akta kelahiran.", "akta_lahir"),
    "status_ktp": ("Status KTP-el", "Tahap perekaman dan pencetakan KTP-el.", "status_ktp"),
    "status_penduduk": ("Status penduduk", "Penduduk tetap dan tidak tetap.", "status_penduduk"),
    "wajib_ktp": ("Wajib KTP", "Berumur 17 tahun ke atas atau pernah kawin.", None),
    "calon_pemilih": ("Calon pemilih", "WNI berumur 17 tahun ke atas atau pernah kawin.", None),
    "kelas_sosial": ("Keluarga menurut tingkat kesejahteraan", "Kartu keluarga menurut kelas sosial.", None),
    "rumah_tangga": ("Rumah tangga", "Rumah tangga yang dihuni penduduk hidup.", None),
}
