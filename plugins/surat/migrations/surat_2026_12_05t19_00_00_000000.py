"""The built-in letter types added with issue 20, 22 of them (pengantar_nikah, sktm_sekolah, sktm_berobat, kehilangan, ahli_waris, kuasa, biodata, keterangan_tanah, jual_beli_tanah, belum_menikah, janda_duda, beda_identitas, kelakuan_baik, domisili_usaha, lahir_mati, pengantar_pindah, penghasilan, hubungan_keluarga, ternak, wali, cerai, tinggal_sementara).

As in surat_2026_11_27t03_22_00_000000: the rows are frozen as they were shipped when this migration was written and
written through a copy of the table as it stood then, so a later change to `bawaan/` or to the table cannot break a
fresh install. An installation that already has a type of the same kode keeps its own.
"""

import json

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import Boolean, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-05T19:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "jenis surat bawaan tambahan (issue 20)"


class JenisSurat(Table, tablename="surat_jenis"):
    """`surat_jenis` as it stood at this migration (the columns its rows fill)."""

    kode = Varchar(length=40, unique=True)
    nama = Varchar(length=120)
    kode_klasifikasi = Varchar(length=40, default="")
    subjek = Varchar(length=24, default="penduduk")
    orang_tua = Boolean(default=False)
    pasangan = Boolean(default=False)
    isian = Text(default="[]")
    persyaratan = Text(default="")
    template = Text(default="")
    masa_berlaku_hari = Integer(default=30)
    kertas = Varchar(length=4, default="F4")
    margin = Varchar(length=24, default="15,20,15,25")
    peran = Text(default="[]")
    keluarga = Boolean(default=False)
    semua_status = Boolean(default=False)
    persetujuan = Boolean(default=False)
    aktif = Boolean(default=True)
    diubah = Timestamptz(default=TimestamptzNow())


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="surat", description=DESCRIPTION)

    async def up():
        JenisSurat._meta.db = engine_finder()  # a table caches the first engine it met; this process may have had another
        existing = {r["kode"] for r in await JenisSurat.select(JenisSurat.kode).run()}
        missing = [JenisSurat(**stored(row)) for row in ROWS if row["kode"] not in existing]
        if missing:
            await JenisSurat.insert(*missing).run()

    manager.add_raw(up)
    return manager


def stored(row: dict) -> dict:
    """A row as the table keeps it: roles and fields as JSON, one requirement per line."""
    return {**row, "peran": json.dumps(row["peran"]), "isian": json.dumps(row["isian"]),
            "persyaratan": "\n".join(row["persyaratan"])}


ROWS = (
    {
        "kode": "pengantar_nikah",
        "nama": "Surat Pengantar Nikah",
        "kode_klasifikasi": "400.12.3.3",
        "subjek": "penduduk",
        "orang_tua": True,
        "pasangan": False,
        "peran": [
            {"kunci": "calon", "label": "Calon suami/istri", "orang_tua": True, "wajib": True},
        ],
        "keluarga": False,
        "semua_status": False,
        "isian": [
            {"kunci": "istri_ke", "label": "Bila pemohon laki-laki yang masih beristri: akan beristri ke-", "jenis": "angka", "wajib": False},
            {"kunci": "pasangan_terdahulu", "label": "Nama suami/istri terdahulu pemohon (bila duda/janda)", "jenis": "teks", "wajib": False},
            {"kunci": "pasangan_terdahulu_calon", "label": "Nama suami/istri terdahulu calon pasangan (bila duda/janda)", "jenis": "teks", "wajib": False},
            {"kunci": "tanggal_akad", "label": "Rencana tanggal akad nikah", "jenis": "tanggal", "wajib": True},
            {"kunci": "jam_akad", "label": "Rencana jam akad nikah (mis. 10.00 WIB)", "jenis": "teks", "wajib": False},
            {"kunci": "tempat_akad", "label": "Tempat akad nikah (mis. KUA Kecamatan Harau, atau rumah mempelai perempuan)", "jenis": "teks", "wajib": True},
            {"kunci": "maskawin", "label": "Maskawin (mis. seperangkat alat salat dan emas 5 gram, dibayar tunai)", "jenis": "teks", "wajib": False},
            {"kunci": "kua", "label": "KUA Kecamatan tujuan (kosongkan bila KUA kecamatan tempat tinggal pemohon)", "jenis": "teks", "wajib": False},
            {"kunci": "izin_orang_tua", "label": "Sertakan surat izin orang tua (Model N5)", "jenis": "pilihan", "wajib": True, "pilihan": [
    "Tidak perlu (keduanya sudah berumur 21 tahun)",
    "Untuk pemohon",
    "Untuk calon pasangan",
    "Untuk keduanya",
]},
        ],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi KTP-el calon pengantin dan kedua orang tuanya",
            "Fotokopi Kartu Keluarga calon pengantin",
            "Fotokopi akta kelahiran calon pengantin",
            "Pas foto 2x3 dan 4x6 berlatar biru, masing-masing 4 lembar",
            "Akta cerai (duda/janda cerai hidup) atau akta kematian pasangan terdahulu (duda/janda cerai mati)",
            "Surat izin orang tua (Model N5) bagi calon pengantin yang belum berumur 21 tahun",
            "Surat dispensasi kawin dari Pengadilan Agama bagi calon pengantin yang belum berumur 19 tahun",
            "Surat izin atasan/kesatuan bagi anggota TNI/POLRI",
        ],
        "template": """\
{#- Forms of Kepdirjen Bimas Islam 473/2020 that the village office prepares: N1 for both persons, N2, N4, and N5 when
    asked. N6 is left out: under PMA 30/2024 the KUA asks a widow(er) for the death certificate (akta kematian). -#}
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
{% macro status_n1(p, istri_ke) -%}
{%- set s = p.status_kawin | lower -%}
{%- if (p.jenis_kelamin | lower) == 'perempuan' -%}
{%- if 'cerai' in s or 'janda' in s %}Janda{% elif 'belum' in s or 'perawan' in s %}Perawan{% else %}{{ p.status_kawin or '-' }}{% endif -%}
{%- else -%}
{%- if 'cerai' in s or 'duda' in s %}Duda{% elif 'belum' in s or 'jejaka' in s %}Jejaka{% elif 'kawin' in s %}Beristri{% if istri_ke %}, akan beristri ke-{{ istri_ke }}{% endif %}{% else %}{{ p.status_kawin or '-' }}{% endif -%}
{%- endif -%}
{%- endmacro %}
{% macro bin(p) %}{{ 'binti' if (p.jenis_kelamin | lower) == 'perempuan' else 'bin' }} {{ p.nama_ayah or '-' }}{% endmacro %}
{% macro n1_isi(p, terdahulu, istri_ke) %}
<table class="data rapat">
  {{ baris('1. Nama', p.nama) }}
  {{ baris('2. NIK', p.nik) }}
  {{ baris('3. Jenis kelamin', p.jenis_kelamin) }}
  {{ baris('4. Tempat dan tanggal lahir', p.tempat_tanggal_lahir) }}
  {{ baris('5. Kewarganegaraan', p.kewarganegaraan) }}
  {{ baris('6. Agama', p.agama) }}
  {{ baris('7. Pekerjaan', p.pekerjaan) }}
  {{ baris('8. Pendidikan terakhir', p.pendidikan) }}
  {{ baris('9. Bin/binti', bin(p)) }}
  {{ baris('10. Alamat', p.alamat_lengkap) }}
  {{ baris('11. Status perkawinan', status_n1(p, istri_ke)) }}
  {{ baris('12. Nama istri/suami terdahulu', terdahulu) }}
</table>
{% endmacro %}
{% macro orang_tua(o, nama_cadangan) %}
<table class="data rapat">
  {% if o %}
  {{ baris('Nama lengkap dan alias', o.nama) }}
  {{ baris('NIK', o.nik) }}
  {{ baris('Tempat dan tanggal lahir', o.tempat_tanggal_lahir) }}
  {{ baris('Kewarganegaraan', o.kewarganegaraan) }}
  {{ baris('Agama', o.agama) }}
  {{ baris('Pekerjaan', o.pekerjaan) }}
  {{ baris('Alamat', o.alamat_lengkap) }}
  {% else %}
  {{ baris('Nama lengkap dan alias', nama_cadangan) }}
  {% endif %}
</table>
{% endmacro %}
{% macro delapan(p) %}
<table class="data rapat">
  {{ baris('1. Nama lengkap dan alias', p.nama) }}
  {{ baris('2. Bin/binti', bin(p)) }}
  {{ baris('3. NIK', p.nik) }}
  {{ baris('4. Tempat dan tanggal lahir', p.tempat_tanggal_lahir) }}
  {{ baris('5. Kewarganegaraan', p.kewarganegaraan) }}
  {{ baris('6. Agama', p.agama) }}
  {{ baris('7. Pekerjaan', p.pekerjaan) }}
  {{ baris('8. Alamat', p.alamat_lengkap) }}
</table>
{% endmacro %}
{% macro ttd_dua(kiri_atas, kiri_nama, kanan_atas, kanan_nama) %}
<table width="100%" style="margin-top: 14pt"><tr>
  <td width="50%" style="text-align: center">{{ kiri_atas }}<br><br><br><br><b><u>{{ kiri_nama or '(..............................)' }}</u></b></td>
  <td width="50%" style="text-align: center">{{ kanan_atas }}<br><br><br><br><b><u>{{ kanan_nama or '(..............................)' }}</u></b></td>
</tr></table>
{% endmacro %}
{% macro model(kode) %}<p style="text-align: right; font-size: 8pt; margin: 0">Lampiran Kepdirjen Bimas Islam Nomor 473 Tahun 2020 &middot; <b>Model {{ kode }}</b></p>{% endmacro %}
{% macro n5(anak, ayah_anak, ibu_anak, pasangan_anak) %}
<div class="halaman-baru"></div>
{{ model('N5') }}
<p class="judul">SURAT IZIN ORANG TUA</p>
<p>Yang bertanda tangan di bawah ini:</p>
<p><b>A. Ayah</b></p>
{% if ayah_anak %}{{ delapan(ayah_anak) }}{% else %}<table class="data rapat">{{ baris('1. Nama lengkap dan alias', anak.nama_ayah) }}</table>{% endif %}
<p><b>B. Ibu</b></p>
{% if ibu_anak %}{{ delapan(ibu_anak) }}{% else %}<table class="data rapat">{{ baris('1. Nama lengkap dan alias', anak.nama_ibu) }}</table>{% endif %}
<p>adalah ayah dan ibu kandung dari:</p>
{{ delapan(anak) }}
<p>dengan ini memberikan izin kepada anak kami tersebut untuk menikah dengan:</p>
{{ delapan(pasangan_anak) }}
<p class="penutup">Demikian surat izin ini kami buat dengan kesadaran sendiri, tanpa paksaan dari siapa pun, untuk dipergunakan sebagaimana mestinya.</p>
<p style="text-align: right">{{ nagari.nama }}, {{ surat.tanggal }}</p>
{{ ttd_dua('Ayah/wali/pengampu,', ayah_anak.nama if ayah_anak else anak.nama_ayah, 'Ibu/wali/pengampu,', ibu_anak.nama if ibu_anak else anak.nama_ibu) }}
{% endmacro %}
<style>table.rapat td { font-size: 10pt; line-height: 1.15; padding: 0 2pt; } table.rapat { margin-bottom: 4pt; }</style>
{%- set calon = orang.calon -%}
{%- set pemohon_pria = (penduduk.jenis_kelamin | lower) != 'perempuan' -%}
{%- set suami = penduduk if pemohon_pria else calon -%}
{%- set istri = calon if pemohon_pria else penduduk -%}
{%- set kua = isian.kua or ('KUA Kecamatan ' ~ nagari.kecamatan) -%}
{%- set calon_warga = calon.no_kk or calon.jorong -%}
{{ model('N1') }}
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, menerangkan dengan sesungguhnya bahwa:</p>
{{ n1_isi(penduduk, isian.pasangan_terdahulu, isian.istri_ke) }}
<p>adalah benar anak dari pernikahan seorang pria:</p>
{{ orang_tua(ayah, penduduk.nama_ayah) }}
<p>dengan seorang wanita:</p>
{{ orang_tua(ibu, penduduk.nama_ibu) }}
<p class="isi">Yang bersangkutan bermaksud menikah dengan <b>{{ calon.nama }}</b> dan akan mendaftarkan kehendak nikahnya di {{ kua }}. Surat pengantar ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat pengantar ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat pengantar ini dibuat dengan sebenarnya, dengan mengingat sumpah jabatan, untuk dipergunakan sebagaimana mestinya.</p>
<div class="halaman-baru"></div>
{{ model('N1') }}
{% if calon_warga %}
<p>KANTOR {{ nagari.sebutan_desa | upper }} {{ nagari.nama | upper }}, KECAMATAN {{ nagari.kecamatan | upper }}, KABUPATEN {{ nagari.kabupaten | upper }}</p>
{% else %}
<p>KANTOR DESA/KELURAHAN: .................................... KECAMATAN: .................................... KABUPATEN/KOTA: ....................................</p>
<p style="font-size: 8pt"><i>Halaman ini disiapkan dari data yang disampaikan pemohon, untuk diperiksa, diberi nomor, dan ditandatangani oleh kepala desa/lurah tempat tinggal calon {{ 'istri' if pemohon_pria else 'suami' }}.</i></p>
{% endif %}
<p class="judul">PENGANTAR NIKAH</p>
<p style="text-align: center">Nomor: {% if calon_warga %}{{ surat.nomor }}{% else %}....................................{% endif %}</p>
<p>Yang bertanda tangan di bawah ini menerangkan dengan sesungguhnya bahwa:</p>
{{ n1_isi(calon, isian.pasangan_terdahulu_calon, '') }}
<p>adalah benar anak dari pernikahan seorang pria:</p>
{{ orang_tua(calon.ayah, calon.nama_ayah) }}
<p>dengan seorang wanita:</p>
{{ orang_tua(calon.ibu, calon.nama_ibu) }}
<p class="penutup">Demikian surat pengantar ini dibuat dengan sebenarnya, dengan mengingat sumpah jabatan, untuk dipergunakan sebagaimana mestinya.</p>
<table width="100%" style="margin-top: 10pt"><tr><td width="50%"></td><td width="50%" style="text-align: center">
{% if calon_warga %}{{ nagari.nama }}, {{ surat.tanggal }}<br>{{ penandatangan.jabatan }}<br><br><br><br><b><u>{{ penandatangan.nama }}</u></b>
{% else %}.................., ..............................<br>Kepala Desa/Lurah<br><br><br><br>(......................................){% endif %}
</td></tr></table>
<div class="halaman-baru"></div>
{{ model('N2') }}
<table width="100%"><tr>
  <td width="60%">Perihal: <b>Permohonan Kehendak Nikah</b></td>
  <td width="40%" style="text-align: right">{{ nagari.nama }}, {{ surat.tanggal }}</td>
</tr></table>
<p>Kepada Yth.<br>Kepala {{ kua }}<br>di tempat</p>
<p class="isi">Dengan hormat, bersama ini kami mengajukan permohonan kehendak nikah atas nama:</p>
<table class="data rapat">
  {{ baris('Calon suami', suami.nama) }}
  {{ baris('Calon istri', istri.nama) }}
  {{ baris('Tanggal dan jam akad', isian.tanggal_akad ~ (', pukul ' ~ isian.jam_akad if isian.jam_akad else '')) }}
  {{ baris('Tempat akad nikah', isian.tempat_akad) }}
  {{ baris('Maskawin', isian.maskawin) }}
</table>
<p class="isi">Sebagai bahan pemeriksaan, kami lampirkan: surat pengantar nikah dari desa/kelurahan (Model N1) kedua calon pengantin; persetujuan calon pengantin (Model N4); fotokopi KTP-el, akta kelahiran dan Kartu Keluarga kedua calon pengantin; fotokopi KTP-el orang tua; pas foto; surat keterangan sehat; serta, bila diperlukan, surat izin orang tua (Model N5), akta cerai atau akta kematian pasangan terdahulu, dispensasi kawin, dan izin atasan bagi anggota TNI/POLRI.</p>
<p class="penutup">Demikian permohonan ini kami sampaikan. Kami mohon kiranya kehendak nikah ini dapat diperiksa, dihadiri, dan dicatat sesuai dengan ketentuan peraturan perundang-undangan.</p>
{{ ttd_dua('Diterima tanggal ....................<br>Yang menerima,<br>Kepala KUA/Penghulu' | safe, '', 'Hormat kami,<br>Pemohon' | safe, penduduk.nama) }}
<div class="halaman-baru"></div>
{{ model('N4') }}
<p class="judul">PERSETUJUAN CALON PENGANTIN</p>
<p>Yang bertanda tangan di bawah ini:</p>
<p><b>A. Calon suami</b></p>
{{ delapan(suami) }}
<p><b>B. Calon istri</b></p>
{{ delapan(istri) }}
<p class="isi">menyatakan dengan sesungguhnya bahwa atas dasar sukarela, dengan kesadaran sendiri, dan tanpa paksaan dari siapa pun, kami setuju untuk melangsungkan pernikahan.</p>
<p class="penutup">Demikian surat persetujuan ini kami buat untuk dipergunakan sebagaimana mestinya.</p>
<p style="text-align: right">{{ nagari.nama }}, {{ surat.tanggal }}</p>
{{ ttd_dua('Calon suami,', suami.nama, 'Calon istri,', istri.nama) }}
{% if isian.izin_orang_tua in ('Untuk pemohon', 'Untuk keduanya') %}{{ n5(penduduk, ayah, ibu, calon) }}{% endif %}
{% if isian.izin_orang_tua in ('Untuk calon pasangan', 'Untuk keduanya') %}{{ n5(calon, calon.ayah, calon.ibu, penduduk) }}{% endif %}
""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "persetujuan": False,
    },
    {
        "kode": "sktm_sekolah",
        "nama": "Surat Keterangan Tidak Mampu untuk Pendidikan",
        "kode_klasifikasi": "400.9.2",
        "subjek": "penduduk",
        "orang_tua": True,
        "pasangan": False,
        "peran": [],
        "keluarga": False,
        "semua_status": False,
        "isian": [
            {"kunci": "sekolah", "label": "Nama sekolah/perguruan tinggi", "jenis": "teks", "wajib": True},
            {"kunci": "kelas", "label": "Kelas/semester/program studi", "jenis": "teks", "wajib": False},
            {"kunci": "nomor_induk", "label": "NISN/NIM (bila ada)", "jenis": "teks", "wajib": False},
            {"kunci": "penghasilan", "label": "Penghasilan orang tua seluruhnya (Rp per bulan)", "jenis": "angka", "wajib": True},
            {"kunci": "tanggungan", "label": "Jumlah tanggungan keluarga (orang)", "jenis": "angka", "wajib": False},
        ],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi Kartu Keluarga",
            "Fotokopi KTP-el ayah dan ibu (atau wali)",
            "Fotokopi kartu pelajar atau kartu tanda mahasiswa (bila sudah bersekolah/kuliah)",
            "Kartu bantuan sosial yang dimiliki, mis. KIP atau KKS (bila ada)",
        ],
        "template": """\
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  {{ baris('Nama', penduduk.nama) }}
  {{ baris('NIK', penduduk.nik) }}
  {{ baris('Tempat/Tanggal Lahir', penduduk.tempat_tanggal_lahir) }}
  {{ baris('Jenis Kelamin', penduduk.jenis_kelamin) }}
  {{ baris('Sekolah/Perguruan Tinggi', isian.sekolah) }}
  {% if isian.kelas %}{{ baris('Kelas/Semester', isian.kelas) }}{% endif %}
  {% if isian.nomor_induk %}{{ baris('NISN/NIM', isian.nomor_induk) }}{% endif %}
  {{ baris('Alamat', penduduk.alamat_lengkap) }}
</table>
<p class="isi">adalah anak dari:</p>
<table class="data">
  {{ baris('Nama Ayah', ayah.nama if ayah else penduduk.nama_ayah) }}
  {% if ayah %}{{ baris('Pekerjaan Ayah', ayah.pekerjaan) }}{% endif %}
  {{ baris('Nama Ibu', ibu.nama if ibu else penduduk.nama_ibu) }}
  {% if ibu %}{{ baris('Pekerjaan Ibu', ibu.pekerjaan) }}{% endif %}
  {{ baris('Penghasilan Orang Tua', (isian.penghasilan | rupiah) ~ ' per bulan') }}
  {% if isian.tanggungan %}{{ baris('Jumlah Tanggungan', isian.tanggungan ~ ' orang') }}{% endif %}
</table>
<p class="isi">Berdasarkan data kependudukan dan pengamatan kami, keluarga tersebut di atas tergolong keluarga kurang mampu secara ekonomi, dengan penghasilan orang tua seluruhnya lebih kurang {{ isian.penghasilan | rupiah }} ({{ isian.penghasilan | rupiah_terbilang }}) per bulan, sehingga memerlukan keringanan biaya atau bantuan pendidikan bagi anaknya tersebut.</p>
<p class="isi">Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya. Apabila di kemudian hari keterangan ini ternyata tidak benar, surat keterangan ini dapat dicabut.</p>
""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "persetujuan": False,
    },
    {
        "kode": "sktm_berobat",
        "nama": "Surat Keterangan Tidak Mampu untuk Berobat",
        "kode_klasifikasi": "400.9.3",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "peran": [],
        "keluarga": True,
        "semua_status": False,
        "isian": [
            {"kunci": "fasilitas", "label": "Rumah sakit/puskesmas tempat berobat", "jenis": "teks", "wajib": True},
            {"kunci": "penyakit", "label": "Keluhan/penyakit (bila disebutkan)", "jenis": "teks", "wajib": False},
            {"kunci": "penghasilan", "label": "Penghasilan keluarga (Rp per bulan)", "jenis": "angka", "wajib": False},
            {"kunci": "jaminan", "label": "Jaminan kesehatan yang dimiliki", "jenis": "pilihan", "wajib": True, "pilihan": [
    "Belum memiliki jaminan kesehatan",
    "BPJS Kesehatan PBI/KIS",
    "BPJS Kesehatan mandiri (tidak aktif)",
    "Lainnya",
]},
        ],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi Kartu Keluarga",
            "Fotokopi KTP-el pasien (atau akta kelahiran bila anak-anak)",
            "Surat rujukan atau keterangan dari puskesmas/rumah sakit (bila ada)",
            "Kartu BPJS Kesehatan/KIS (bila ada)",
        ],
        "template": """\
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
<style>table.daftar { border: 0.75pt solid #000; margin: 4pt 0 8pt 0; } table.daftar td { border: 0.75pt solid #000; padding: 1pt 2pt; font-size: 9.5pt; vertical-align: top; } table.daftar td.kepala { font-weight: bold; text-align: center; }</style>
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  {{ baris('Nama Pasien', penduduk.nama) }}
  {{ baris('NIK', penduduk.nik) }}
  {{ baris('Tempat/Tanggal Lahir', penduduk.tempat_tanggal_lahir) }}
  {{ baris('Jenis Kelamin', penduduk.jenis_kelamin) }}
  {{ baris('Pekerjaan', penduduk.pekerjaan) }}
  {{ baris('Alamat', penduduk.alamat_lengkap) }}
  {{ baris('Berobat ke', isian.fasilitas) }}
  {% if isian.penyakit %}{{ baris('Keluhan/Penyakit', isian.penyakit) }}{% endif %}
  {{ baris('Jaminan Kesehatan', isian.jaminan) }}
</table>
<p class="isi">adalah benar penduduk {{ nagari.sebutan_desa }} {{ nagari.nama }} yang berasal dari keluarga kurang mampu secara ekonomi{% if isian.penghasilan %}, dengan penghasilan keluarga lebih kurang {{ isian.penghasilan | rupiah }} ({{ isian.penghasilan | rupiah_terbilang }}) per bulan{% endif %}.{% if keluarga and keluarga.anggota %} Susunan keluarganya menurut Kartu Keluarga Nomor {{ keluarga.no_kk }} adalah sebagai berikut:{% endif %}</p>
{% if keluarga and keluarga.anggota %}
<table class="daftar" width="100%">
  <tr><td class="kepala" width="5%">No.</td><td class="kepala" width="30%">Nama</td><td class="kepala" width="22%">NIK</td><td class="kepala" width="18%">Hubungan</td><td class="kepala" width="25%">Pekerjaan</td></tr>
  {% for a in keluarga.anggota %}<tr><td style="text-align: center">{{ loop.index }}</td><td>{{ a.nama }}</td><td>{{ a.nik or '-' }}</td><td>{{ a.hubungan or '-' }}</td><td>{{ a.pekerjaan or '-' }}</td></tr>
  {% endfor %}
</table>
{% endif %}
<p class="isi">Sehubungan dengan itu, kami mohon kiranya pihak {{ isian.fasilitas }} dapat memberikan keringanan biaya pengobatan atau membantu yang bersangkutan memperoleh jaminan kesehatan sesuai dengan ketentuan yang berlaku. Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "persetujuan": False,
    },
    {
        "kode": "kehilangan",
        "nama": "Surat Keterangan Kehilangan",
        "kode_klasifikasi": "300.1.6",
        "subjek": "penduduk_atau_luar",
        "orang_tua": False,
        "pasangan": False,
        "peran": [],
        "keluarga": False,
        "semua_status": False,
        "isian": [
            {"kunci": "barang", "label": "Barang/dokumen yang hilang (mis. Buku tabungan BRI a.n. pelapor)", "jenis": "teks_panjang", "wajib": True},
            {"kunci": "tanggal_hilang", "label": "Tanggal diketahui hilang", "jenis": "tanggal", "wajib": True},
            {"kunci": "waktu_hilang", "label": "Perkiraan waktu (mis. sekitar pukul 09.00 WIB)", "jenis": "teks", "wajib": False},
            {"kunci": "tempat_hilang", "label": "Tempat/perkiraan tempat hilang", "jenis": "teks", "wajib": True},
            {"kunci": "kejadian", "label": "Uraian singkat kejadian", "jenis": "teks_panjang", "wajib": False},
        ],
        "persyaratan": [
            "Fotokopi KTP-el pelapor (atau identitas lain yang masih ada)",
            "Fotokopi Kartu Keluarga",
            "Fotokopi dokumen/barang yang hilang (bila ada)",
        ],
        "template": """\
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  {{ baris('Nama', penduduk.nama) }}
  {{ baris('NIK', penduduk.nik) }}
  {{ baris('Tempat/Tanggal Lahir', penduduk.tempat_tanggal_lahir) }}
  {{ baris('Jenis Kelamin', penduduk.jenis_kelamin) }}
  {{ baris('Pekerjaan', penduduk.pekerjaan) }}
  {{ baris('Alamat', penduduk.alamat_lengkap) }}
</table>
<p class="isi">telah datang melapor kepada kami bahwa yang bersangkutan telah kehilangan barang/dokumen dengan keterangan sebagai berikut:</p>
<table class="data">
  {{ baris('Barang/Dokumen', isian.barang) }}
  {{ baris('Tanggal', isian.tanggal_hilang ~ (', ' ~ isian.waktu_hilang if isian.waktu_hilang else '')) }}
  {{ baris('Tempat', isian.tempat_hilang) }}
  {% if isian.kejadian %}{{ baris('Kejadian', isian.kejadian) }}{% endif %}
</table>
<p class="isi">Keterangan ini dibuat berdasarkan laporan yang bersangkutan, dan tidak menggantikan barang atau dokumen yang hilang. Surat keterangan ini dapat dipergunakan sebagai pengantar untuk membuat laporan kehilangan kepada Kepolisian atau untuk mengurus penggantian dokumen pada instansi yang menerbitkannya, guna keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "persetujuan": False,
    },
    {
        "kode": "ahli_waris",
        "nama": "Surat Keterangan Ahli Waris",
        "kode_klasifikasi": "400.12.3.6",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "peran": [
            {"kunci": "saksi_1", "label": "Saksi pertama", "orang_tua": False, "wajib": True},
            {"kunci": "saksi_2", "label": "Saksi kedua", "orang_tua": False, "wajib": True},
        ],
        "keluarga": False,
        "semua_status": True,
        "isian": [
            {"kunci": "tanggal_meninggal", "label": "Tanggal pewaris meninggal dunia", "jenis": "tanggal", "wajib": True},
            {"kunci": "tempat_meninggal", "label": "Tempat meninggal", "jenis": "teks", "wajib": True},
            {"kunci": "ahli_waris", "label": "Ahli waris", "jenis": "daftar", "wajib": True, "kolom": [
    {"kunci": "nama", "label": "Nama"},
    {"kunci": "nik", "label": "NIK"},
    {"kunci": "lahir", "label": "Tempat/tanggal lahir"},
    {"kunci": "hubungan", "label": "Hubungan dengan pewaris"},
]},
        ],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi akta kematian atau surat keterangan kematian pewaris",
            "Fotokopi Kartu Keluarga dan KTP-el pewaris",
            "Fotokopi KTP-el dan Kartu Keluarga seluruh ahli waris",
            "Fotokopi buku nikah/akta perkawinan pewaris",
            "Fotokopi akta kelahiran anak-anak pewaris",
            "Surat pernyataan ahli waris yang ditandatangani seluruh ahli waris dan dua orang saksi",
        ],
        "template": """\
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
{%- set alm = 'almarhumah' if (penduduk.jenis_kelamin | lower) == 'perempuan' else 'almarhum' -%}
<style>table.daftar { border: 0.75pt solid #000; margin: 4pt 0 8pt 0; } table.daftar td { border: 0.75pt solid #000; padding: 2pt 3pt; font-size: 10pt; vertical-align: top; } table.daftar td.kepala { font-weight: bold; text-align: center; }</style>
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  {{ baris('Nama', penduduk.nama) }}
  {{ baris('NIK', penduduk.nik) }}
  {{ baris('Tempat/Tanggal Lahir', penduduk.tempat_tanggal_lahir) }}
  {{ baris('Jenis Kelamin', penduduk.jenis_kelamin) }}
  {{ baris('Agama', penduduk.agama) }}
  {{ baris('Alamat Terakhir', penduduk.alamat_lengkap) }}
</table>
<p class="isi">telah meninggal dunia pada tanggal {{ isian.tanggal_meninggal }} di {{ isian.tempat_meninggal }}. Berdasarkan surat pernyataan para ahli waris yang disaksikan oleh dua orang saksi, serta data kependudukan yang ada pada Pemerintah {{ nagari.sebutan_desa }} {{ nagari.nama }}, {{ alm }} meninggalkan ahli waris sebagai berikut:</p>
<table class="daftar" width="100%">
  <tr><td class="kepala" width="6%">No.</td><td class="kepala" width="32%">Nama</td><td class="kepala" width="22%">NIK</td><td class="kepala" width="22%">Tempat/Tanggal Lahir</td><td class="kepala" width="18%">Hubungan</td></tr>
  {% for w in isian.ahli_waris %}<tr><td style="text-align: center">{{ loop.index }}</td><td>{{ w.nama }}</td><td>{{ w.nik or '-' }}</td><td>{{ w.lahir or '-' }}</td><td>{{ w.hubungan or '-' }}</td></tr>
  {% endfor %}
</table>
<p class="isi">Keterangan ini dibuat berdasarkan pernyataan para ahli waris tersebut (terlampir) yang disaksikan oleh <b>{{ orang.saksi_1.nama }}</b> dan <b>{{ orang.saksi_2.nama }}</b>. Surat keterangan ini tidak menetapkan besarnya bagian masing-masing ahli waris, dan dapat ditinjau kembali bila di kemudian hari ternyata ada ahli waris lain atau keterangan yang tidak benar.</p>
<p class="isi">Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>. Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
<div class="halaman-baru"></div>
<p class="judul">PERNYATAAN AHLI WARIS</p>
<p class="isi">Kami yang bertanda tangan di bawah ini menyatakan dengan sesungguhnya bahwa kami adalah seluruh ahli waris dari {{ alm }} <b>{{ penduduk.nama }}</b>, yang meninggal dunia pada tanggal {{ isian.tanggal_meninggal }}, dan tidak ada ahli waris lain selain kami. Apabila pernyataan ini tidak benar, kami bersedia menanggung segala akibatnya menurut hukum, tanpa melibatkan Pemerintah {{ nagari.sebutan_desa }} {{ nagari.nama }}. Pembagian harta peninggalan dilakukan menurut hukum yang berlaku bagi pewaris.</p>
<table class="daftar" width="100%">
  <tr><td class="kepala" width="6%">No.</td><td class="kepala" width="40%">Nama</td><td class="kepala" width="24%">Hubungan</td><td class="kepala" width="30%">Tanda Tangan</td></tr>
  {% for w in isian.ahli_waris %}<tr><td style="text-align: center">{{ loop.index }}</td><td>{{ w.nama }}</td><td>{{ w.hubungan or '-' }}</td><td><br><br>{{ loop.index }}. ..................</td></tr>
  {% endfor %}
</table>
<p>Saksi-saksi:</p>
<table width="100%"><tr>
  <td width="50%" style="text-align: center">Saksi I<br><br><br><br><b><u>{{ orang.saksi_1.nama }}</u></b></td>
  <td width="50%" style="text-align: center">Saksi II<br><br><br><br><b><u>{{ orang.saksi_2.nama }}</u></b></td>
</tr></table>
<p style="text-align: center; margin-top: 12pt">Diketahui oleh,<br>{{ penandatangan.jabatan }}<br><br><br><br><b><u>{{ penandatangan.nama }}</u></b></p>
""",
        "masa_berlaku_hari": 0,
        "kertas": "F4",
        "persetujuan": True,
    },
    {
        "kode": "kuasa",
        "nama": "Surat Kuasa",
        "kode_klasifikasi": "100.3.4",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "peran": [
            {"kunci": "penerima", "label": "Penerima kuasa", "orang_tua": False, "wajib": True},
        ],
        "keluarga": False,
        "semua_status": False,
        "isian": [
            {"kunci": "urusan", "label": "Hal yang dikuasakan (mis. mengambil dana PKH atas nama pemberi kuasa di Bank Nagari)", "jenis": "teks_panjang", "wajib": True},
            {"kunci": "alasan", "label": "Alasan pemberi kuasa tidak dapat hadir sendiri", "jenis": "teks", "wajib": False},
            {"kunci": "berlaku_sampai", "label": "Kuasa berlaku sampai tanggal (kosongkan bila sampai urusan selesai)", "jenis": "tanggal", "wajib": False},
        ],
        "persyaratan": [
            "Fotokopi KTP-el pemberi kuasa",
            "Fotokopi KTP-el penerima kuasa",
            "Fotokopi Kartu Keluarga pemberi kuasa",
            "Dokumen yang berkaitan dengan urusan yang dikuasakan",
        ],
        "template": """\
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
{% macro pihak(p) %}
<table class="data rapat">
  {{ baris('Nama', p.nama) }}
  {{ baris('NIK', p.nik) }}
  {{ baris('Tempat/Tanggal Lahir', p.tempat_tanggal_lahir) }}
  {{ baris('Pekerjaan', p.pekerjaan) }}
  {{ baris('Alamat', p.alamat_lengkap) }}
</table>
{% endmacro %}
<style>table.rapat td { line-height: 1.15; padding: 0 2pt; }</style>
{%- set penerima = orang.penerima -%}
<p class="isi">Yang bertanda tangan di bawah ini:</p>
{{ pihak(penduduk) }}
<p>selanjutnya disebut <b>PEMBERI KUASA</b>, dengan ini memberikan kuasa kepada:</p>
{{ pihak(penerima) }}
<p>selanjutnya disebut <b>PENERIMA KUASA</b>.</p>
<p class="isi"><b>KHUSUS</b> untuk dan atas nama Pemberi Kuasa: {{ isian.urusan }}{% if isian.alasan %}, karena {{ isian.alasan }}{% endif %}. Untuk itu Penerima Kuasa berhak menghadap pejabat atau instansi yang berwenang, menandatangani surat-surat yang diperlukan, serta melakukan segala tindakan yang patut untuk keperluan tersebut.</p>
<p class="isi">Kuasa ini tidak dapat dialihkan kepada orang lain dan berlaku {% if isian.berlaku_sampai %}sampai dengan tanggal {{ isian.berlaku_sampai }}{% else %}sampai urusan tersebut selesai{% endif %}. Segala akibat yang timbul dari pemberian kuasa ini menjadi tanggung jawab Pemberi Kuasa.</p>
<table width="100%" style="margin-top: 8pt"><tr>
  <td width="50%" style="text-align: center">Penerima Kuasa,<br><br><br><br><b><u>{{ penerima.nama }}</u></b></td>
  <td width="50%" style="text-align: center">Pemberi Kuasa,<br><span style="font-size: 8pt">(meterai)</span><br><br><br><b><u>{{ penduduk.nama }}</u></b></td>
</tr></table>
<p class="isi" style="margin-top: 8pt">Kami, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, menerangkan bahwa Pemberi Kuasa tersebut di atas adalah benar penduduk {{ nagari.sebutan_desa }} {{ nagari.nama }} dan surat kuasa ini ditandatangani para pihak di hadapan kami, untuk keperluan: <b>{{ surat.keperluan }}</b>.</p>
""",
        "masa_berlaku_hari": 0,
        "kertas": "F4",
        "persetujuan": False,
    },
    {
        "kode": "biodata",
        "nama": "Biodata Penduduk",
        "kode_klasifikasi": "400.12.2.5",
        "subjek": "penduduk",
        "orang_tua": True,
        "pasangan": False,
        "peran": [],
        "keluarga": True,
        "semua_status": False,
        "isian": [],
        "persyaratan": [
            "Fotokopi KTP-el",
            "Fotokopi Kartu Keluarga",
        ],
        "template": """\
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
<style>table.daftar { border: 0.75pt solid #000; margin: 4pt 0 8pt 0; } table.daftar td { border: 0.75pt solid #000; padding: 1pt 2pt; font-size: 9pt; vertical-align: top; } table.daftar td.kepala { font-weight: bold; text-align: center; } table.rapat td { line-height: 1.15; padding: 0 2pt; }</style>
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<p><b>A. Data Pribadi</b></p>
<table class="data rapat">
  {{ baris('Nama Lengkap', penduduk.nama) }}
  {{ baris('NIK', penduduk.nik) }}
  {{ baris('Nomor Kartu Keluarga', penduduk.no_kk) }}
  {{ baris('Jenis Kelamin', penduduk.jenis_kelamin) }}
  {{ baris('Tempat/Tanggal Lahir', penduduk.tempat_tanggal_lahir) }}
  {{ baris('Umur', penduduk.umur) }}
  {{ baris('Agama', penduduk.agama) }}
  {{ baris('Golongan Darah', penduduk.golongan_darah) }}
  {{ baris('Status Perkawinan', penduduk.status_kawin) }}
  {{ baris('Hubungan dalam Keluarga', penduduk.hubungan) }}
  {{ baris('Pendidikan Terakhir', penduduk.pendidikan) }}
  {{ baris('Pekerjaan', penduduk.pekerjaan) }}
  {{ baris('Kewarganegaraan', penduduk.kewarganegaraan) }}
  {{ baris('Alamat', penduduk.alamat_lengkap) }}
</table>
<p><b>B. Data Orang Tua</b></p>
<table class="data rapat">
  {{ baris('Nama Ayah', ayah.nama if ayah else penduduk.nama_ayah) }}
  {% if ayah %}{{ baris('NIK Ayah', ayah.nik) }}{% endif %}
  {{ baris('Nama Ibu', ibu.nama if ibu else penduduk.nama_ibu) }}
  {% if ibu %}{{ baris('NIK Ibu', ibu.nik) }}{% endif %}
</table>
<p class="isi">Biodata ini disusun sesuai dengan data yang tercatat dalam buku induk kependudukan {{ nagari.sebutan_desa }} {{ nagari.nama }} pada tanggal surat ini, dan diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Susunan anggota keluarga yang bersangkutan tercantum pada lampiran. Demikian biodata ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
<div class="halaman-baru"></div>
<p class="judul">LAMPIRAN BIODATA PENDUDUK</p>
<p style="text-align: center">{{ penduduk.nama }} &middot; NIK {{ penduduk.nik }}</p>
<p><b>Anggota Keluarga</b>{% if keluarga %} (Kartu Keluarga Nomor {{ keluarga.no_kk }}, kepala keluarga {{ keluarga.kepala }}){% endif %}</p>
{% if keluarga and keluarga.anggota %}
<table class="daftar" width="100%">
  <tr><td class="kepala" width="5%">No.</td><td class="kepala" width="25%">Nama</td><td class="kepala" width="20%">NIK</td><td class="kepala" width="7%">L/P</td><td class="kepala" width="23%">Tempat/Tanggal Lahir</td><td class="kepala" width="20%">Hubungan</td></tr>
  {% for a in keluarga.anggota %}<tr><td style="text-align: center">{{ loop.index }}</td><td>{{ a.nama }}</td><td>{{ a.nik or '-' }}</td><td style="text-align: center">{{ 'P' if (a.jenis_kelamin | lower) == 'perempuan' else 'L' }}</td><td>{{ a.tempat_tanggal_lahir or '-' }}</td><td>{{ a.hubungan or '-' }}</td></tr>
  {% endfor %}
</table>
{% else %}<p class="isi">Tidak tercatat dalam Kartu Keluarga di buku induk kependudukan kami.</p>{% endif %}

""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "persetujuan": False,
    },
    {
        "kode": "keterangan_tanah",
        "nama": "Surat Keterangan Tanah",
        "kode_klasifikasi": "500.17.1",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "peran": [
            {"kunci": "saksi_1", "label": "Saksi pertama (mis. pemilik tanah yang berbatasan)", "orang_tua": False, "wajib": True},
            {"kunci": "saksi_2", "label": "Saksi kedua", "orang_tua": False, "wajib": True},
        ],
        "keluarga": False,
        "semua_status": False,
        "isian": [
            {"kunci": "lokasi", "label": "Letak tanah (nama tempat, wilayah, RT/RW)", "jenis": "teks", "wajib": True},
            {"kunci": "luas", "label": "Luas tanah (m²)", "jenis": "angka", "wajib": True},
            {"kunci": "status_tanah", "label": "Status tanah", "jenis": "pilihan", "wajib": True, "pilihan": [
    "Hak milik bersertifikat",
    "Hak milik adat, belum bersertifikat",
    "Tanah harta pencaharian (pusako randah)",
    "Tanah kaum (pusako tinggi)",
]},
            {"kunci": "nomor_bukti", "label": "Nomor sertifikat/SPPT PBB (bila ada)", "jenis": "teks", "wajib": False},
            {"kunci": "asal_tanah", "label": "Asal perolehan (mis. warisan orang tua, pembelian tahun 2010)", "jenis": "teks", "wajib": True},
            {"kunci": "penggunaan", "label": "Penggunaan tanah sekarang (mis. sawah, kebun gambir, pekarangan)", "jenis": "teks", "wajib": True},
            {"kunci": "batas_utara", "label": "Batas sebelah utara", "jenis": "teks", "wajib": True},
            {"kunci": "batas_timur", "label": "Batas sebelah timur", "jenis": "teks", "wajib": True},
            {"kunci": "batas_selatan", "label": "Batas sebelah selatan", "jenis": "teks", "wajib": True},
            {"kunci": "batas_barat", "label": "Batas sebelah barat", "jenis": "teks", "wajib": True},
        ],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi KTP-el dan Kartu Keluarga pemohon",
            "Fotokopi Surat Pemberitahuan Pajak Terutang (SPPT) PBB tahun terakhir",
            "Surat pernyataan penguasaan fisik bidang tanah yang diketahui pemilik tanah yang berbatasan",
            "Persetujuan mamak kepala waris/ahli waris bila tanah berasal dari warisan kaum",
            "Sketsa atau denah lokasi tanah",
        ],
        "template": """\
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
<style>table.rapat td { line-height: 1.15; padding: 0 2pt; }</style>
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data rapat">
  {{ baris('Nama', penduduk.nama) }}
  {{ baris('NIK', penduduk.nik) }}
  {{ baris('Tempat/Tanggal Lahir', penduduk.tempat_tanggal_lahir) }}
  {{ baris('Pekerjaan', penduduk.pekerjaan) }}
  {{ baris('Alamat', penduduk.alamat_lengkap) }}
</table>
<p class="isi">sepanjang pengetahuan kami dan berdasarkan keterangan saksi-saksi, benar menguasai dan mengusahakan sebidang tanah dengan keterangan sebagai berikut:</p>
<table class="data rapat">
  {{ baris('Letak', isian.lokasi ~ ', ' ~ nagari.sebutan_desa ~ ' ' ~ nagari.nama ~ ', Kecamatan ' ~ nagari.kecamatan) }}
  {{ baris('Luas', isian.luas ~ ' m² (' ~ (isian.luas | terbilang) ~ ' meter persegi)') }}
  {{ baris('Status Tanah', isian.status_tanah) }}
  {{ baris('Bukti Hak/Nomor', isian.nomor_bukti) }}
  {{ baris('Asal Perolehan', isian.asal_tanah) }}
  {{ baris('Penggunaan', isian.penggunaan) }}
  {{ baris('Batas Utara', isian.batas_utara) }}
  {{ baris('Batas Timur', isian.batas_timur) }}
  {{ baris('Batas Selatan', isian.batas_selatan) }}
  {{ baris('Batas Barat', isian.batas_barat) }}
</table>
<p class="isi">Sepanjang pengetahuan kami, tanah tersebut tidak dalam sengketa dan tidak sedang dijaminkan. Keterangan ini dibuat berdasarkan pernyataan pemohon yang disaksikan oleh <b>{{ orang.saksi_1.nama }}</b> dan <b>{{ orang.saksi_2.nama }}</b>; surat keterangan ini bukan bukti hak milik atas tanah dan tidak menggantikan sertifikat. Apabila di kemudian hari ternyata keterangan pemohon tidak benar, surat keterangan ini batal dengan sendirinya.</p>
<p class="isi">Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.</p>
<table width="100%" style="margin-top: 8pt"><tr>
  <td width="33%" style="text-align: center">Pemohon,<br><br><br><br><b><u>{{ penduduk.nama }}</u></b></td>
  <td width="33%" style="text-align: center">Saksi I,<br><br><br><br><b><u>{{ orang.saksi_1.nama }}</u></b></td>
  <td width="34%" style="text-align: center">Saksi II,<br><br><br><br><b><u>{{ orang.saksi_2.nama }}</u></b></td>
</tr></table>
""",
        "masa_berlaku_hari": 0,
        "kertas": "F4",
        "persetujuan": True,
    },
    {
        "kode": "jual_beli_tanah",
        "nama": "Surat Keterangan Jual Beli Tanah",
        "kode_klasifikasi": "500.17.2",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "peran": [
            {"kunci": "pembeli", "label": "Pembeli", "orang_tua": False, "wajib": True},
            {"kunci": "saksi_1", "label": "Saksi pertama", "orang_tua": False, "wajib": True},
            {"kunci": "saksi_2", "label": "Saksi kedua", "orang_tua": False, "wajib": True},
        ],
        "keluarga": False,
        "semua_status": False,
        "isian": [
            {"kunci": "lokasi", "label": "Letak tanah (nama tempat, wilayah, RT/RW)", "jenis": "teks", "wajib": True},
            {"kunci": "luas", "label": "Luas tanah (m²)", "jenis": "angka", "wajib": True},
            {"kunci": "status_tanah", "label": "Status tanah", "jenis": "pilihan", "wajib": True, "pilihan": [
    "Hak milik bersertifikat",
    "Hak milik adat, belum bersertifikat",
    "Tanah harta pencaharian (pusako randah)",
]},
            {"kunci": "nomor_bukti", "label": "Nomor sertifikat/surat keterangan tanah/SPPT PBB", "jenis": "teks", "wajib": False},
            {"kunci": "batas_utara", "label": "Batas sebelah utara", "jenis": "teks", "wajib": True},
            {"kunci": "batas_timur", "label": "Batas sebelah timur", "jenis": "teks", "wajib": True},
            {"kunci": "batas_selatan", "label": "Batas sebelah selatan", "jenis": "teks", "wajib": True},
            {"kunci": "batas_barat", "label": "Batas sebelah barat", "jenis": "teks", "wajib": True},
            {"kunci": "harga", "label": "Harga jual (Rp)", "jenis": "angka", "wajib": True},
            {"kunci": "tanggal_transaksi", "label": "Tanggal jual beli", "jenis": "tanggal", "wajib": True},
        ],
        "persyaratan": [
            "Fotokopi KTP-el dan Kartu Keluarga penjual dan pembeli",
            "Fotokopi KTP-el dua orang saksi",
            "Bukti kepemilikan tanah (sertifikat, surat keterangan tanah, atau alas hak lain)",
            "Fotokopi SPPT PBB tahun terakhir dan bukti lunas PBB",
            "Persetujuan suami/istri penjual, dan persetujuan ahli waris/mamak kepala waris bila tanah berasal dari warisan",
            "Kuitansi atau bukti pembayaran",
        ],
        "template": """\
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
<style>table.rapat td { line-height: 1.15; padding: 0 2pt; }</style>
{% macro pihak(p) %}
<table class="data rapat">
  {{ baris('Nama', p.nama) }}
  {{ baris('NIK', p.nik) }}
  {{ baris('Tempat/Tanggal Lahir', p.tempat_tanggal_lahir) }}
  {{ baris('Pekerjaan', p.pekerjaan) }}
  {{ baris('Alamat', p.alamat_lengkap) }}
</table>
{% endmacro %}
{%- set pembeli = orang.pembeli -%}
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa pada tanggal {{ isian.tanggal_transaksi }} telah terjadi jual beli sebidang tanah antara:</p>
<p><b>I. Penjual</b>, selanjutnya disebut PIHAK PERTAMA:</p>
{{ pihak(penduduk) }}
<p><b>II. Pembeli</b>, selanjutnya disebut PIHAK KEDUA:</p>
{{ pihak(pembeli) }}
<p class="isi">Tanah yang diperjualbelikan adalah sebagai berikut:</p>
<table class="data rapat">
  {{ baris('Letak', isian.lokasi ~ ', ' ~ nagari.sebutan_desa ~ ' ' ~ nagari.nama ~ ', Kecamatan ' ~ nagari.kecamatan) }}
  {{ baris('Luas', isian.luas ~ ' m² (' ~ (isian.luas | terbilang) ~ ' meter persegi)') }}
  {{ baris('Status Tanah', isian.status_tanah) }}
  {{ baris('Bukti Hak/Nomor', isian.nomor_bukti) }}
  {{ baris('Batas Utara', isian.batas_utara) }}
  {{ baris('Batas Timur', isian.batas_timur) }}
  {{ baris('Batas Selatan', isian.batas_selatan) }}
  {{ baris('Batas Barat', isian.batas_barat) }}
  {{ baris('Harga', (isian.harga | rupiah) ~ ' (' ~ (isian.harga | rupiah_terbilang) ~ ')') }}
</table>
<p class="isi">PIHAK PERTAMA menyatakan telah menerima pembayaran harga tersebut seluruhnya dari PIHAK KEDUA dan menyerahkan tanah tersebut kepada PIHAK KEDUA, serta menjamin bahwa tanah itu adalah haknya, tidak sedang dijaminkan, tidak dalam sengketa, dan telah mendapat persetujuan dari pihak yang berhak menurut hukum dan adat yang berlaku. Jual beli ini disaksikan oleh <b>{{ orang.saksi_1.nama }}</b> dan <b>{{ orang.saksi_2.nama }}</b>.</p>
<p class="isi">Surat keterangan ini bukan akta jual beli. Untuk tanah yang bersertifikat, atau bila tanah akan didaftarkan ke Kantor Pertanahan, peralihan haknya wajib dibuat dengan akta Pejabat Pembuat Akta Tanah (PPAT). Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.</p>
<table width="100%" style="margin-top: 8pt"><tr>
  <td width="50%" style="text-align: center">PIHAK PERTAMA,<br>Penjual<br><br><br><br><b><u>{{ penduduk.nama }}</u></b></td>
  <td width="50%" style="text-align: center">PIHAK KEDUA,<br>Pembeli<br><br><br><br><b><u>{{ pembeli.nama }}</u></b></td>
</tr><tr>
  <td width="50%" style="text-align: center"><br>Saksi I<br><br><br><br><b><u>{{ orang.saksi_1.nama }}</u></b></td>
  <td width="50%" style="text-align: center"><br>Saksi II<br><br><br><br><b><u>{{ orang.saksi_2.nama }}</u></b></td>
</tr></table>
""",
        "masa_berlaku_hari": 0,
        "kertas": "F4",
        "persetujuan": True,
    },
    {
        "kode": "belum_menikah",
        "nama": "Surat Keterangan Belum Pernah Menikah",
        "kode_klasifikasi": "400.12.2.6",
        "subjek": "penduduk",
        "orang_tua": True,
        "pasangan": False,
        "peran": [],
        "keluarga": False,
        "semua_status": False,
        "isian": [],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi KTP-el",
            "Fotokopi Kartu Keluarga",
            "Surat pernyataan belum pernah menikah bermeterai",
        ],
        "template": """\
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  {{ baris('Nama', penduduk.nama) }}
  {{ baris('NIK', penduduk.nik) }}
  {{ baris('Tempat/Tanggal Lahir', penduduk.tempat_tanggal_lahir) }}
  {{ baris('Jenis Kelamin', penduduk.jenis_kelamin) }}
  {{ baris('Agama', penduduk.agama) }}
  {{ baris('Pekerjaan', penduduk.pekerjaan) }}
  {{ baris('Kewarganegaraan', penduduk.kewarganegaraan) }}
  {{ baris('Alamat', penduduk.alamat_lengkap) }}
  {{ baris('Nama Ayah', ayah.nama if ayah else penduduk.nama_ayah) }}
  {{ baris('Nama Ibu', ibu.nama if ibu else penduduk.nama_ibu) }}
</table>
<p class="isi">Berdasarkan data kependudukan yang ada pada kami, orang tersebut di atas tercatat berstatus perkawinan <b>{{ penduduk.status_kawin }}</b>. Sepanjang pengetahuan kami dan sesuai dengan surat pernyataan yang bersangkutan, orang tersebut sampai saat ini belum pernah menikah dan tidak sedang terikat perkawinan dengan siapa pun ({{ 'perawan' if (penduduk.jenis_kelamin | lower) == 'perempuan' else 'jejaka' }}).</p>
<p class="isi">Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "persetujuan": False,
    },
    {
        "kode": "janda_duda",
        "nama": "Surat Keterangan Janda/Duda",
        "kode_klasifikasi": "400.12.2.7",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "peran": [],
        "keluarga": False,
        "semua_status": False,
        "isian": [
            {"kunci": "sebab", "label": "Menjadi janda/duda karena", "jenis": "pilihan", "wajib": True, "pilihan": [
    "Cerai mati",
    "Cerai hidup",
]},
            {"kunci": "nama_pasangan", "label": "Nama suami/istri terdahulu", "jenis": "teks", "wajib": True},
            {"kunci": "tanggal_peristiwa", "label": "Tanggal meninggal/bercerai", "jenis": "tanggal", "wajib": False},
            {"kunci": "dasar", "label": "Dasar (mis. akta kematian nomor …, akta cerai nomor …)", "jenis": "teks", "wajib": False},
        ],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi KTP-el dan Kartu Keluarga",
            "Fotokopi akta kematian pasangan (cerai mati) atau akta cerai (cerai hidup)",
        ],
        "template": """\
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
{%- set sebutan = 'janda' if (penduduk.jenis_kelamin | lower) == 'perempuan' else 'duda' -%}
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  {{ baris('Nama', penduduk.nama) }}
  {{ baris('NIK', penduduk.nik) }}
  {{ baris('Tempat/Tanggal Lahir', penduduk.tempat_tanggal_lahir) }}
  {{ baris('Jenis Kelamin', penduduk.jenis_kelamin) }}
  {{ baris('Agama', penduduk.agama) }}
  {{ baris('Pekerjaan', penduduk.pekerjaan) }}
  {{ baris('Alamat', penduduk.alamat_lengkap) }}
</table>
<p class="isi">Orang tersebut di atas adalah benar penduduk {{ nagari.sebutan_desa }} {{ nagari.nama }} yang berstatus <b>{{ sebutan }} {{ isian.sebab | lower }}</b> dari {{ 'almarhum' if isian.sebab == 'Cerai mati' and sebutan == 'janda' else ('almarhumah' if isian.sebab == 'Cerai mati' else 'Saudara/i') }} <b>{{ isian.nama_pasangan }}</b>{% if isian.tanggal_peristiwa %}, {{ 'yang meninggal dunia' if isian.sebab == 'Cerai mati' else 'bercerai' }} pada tanggal {{ isian.tanggal_peristiwa }}{% endif %}{% if isian.dasar %}, berdasarkan {{ isian.dasar }}{% endif %}. Sampai dengan tanggal surat ini, sepanjang pengetahuan kami yang bersangkutan belum menikah lagi. Dalam buku induk kependudukan, yang bersangkutan tercatat berstatus {{ penduduk.status_kawin }}.</p>
<p class="isi">Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "persetujuan": False,
    },
    {
        "kode": "beda_identitas",
        "nama": "Surat Keterangan Beda Identitas",
        "kode_klasifikasi": "400.12.2.8",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "peran": [],
        "keluarga": False,
        "semua_status": False,
        "isian": [
            {"kunci": "data_berbeda", "label": "Data yang berbeda", "jenis": "pilihan", "wajib": True, "pilihan": [
    "Nama",
    "Tempat/tanggal lahir",
    "Nama dan tanggal lahir",
    "NIK",
    "Nama orang tua",
    "Lainnya",
]},
            {"kunci": "perbedaan", "label": "Perbedaan", "jenis": "daftar", "wajib": True, "kolom": [
    {"kunci": "dokumen", "label": "Dokumen"},
    {"kunci": "nomor", "label": "Nomor dokumen"},
    {"kunci": "tertulis", "label": "Tertulis"},
]},
        ],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi KTP-el dan Kartu Keluarga",
            "Fotokopi setiap dokumen yang datanya berbeda",
            "Surat pernyataan bermeterai bahwa data tersebut adalah orang yang sama",
        ],
        "template": """\
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
<style>table.daftar { border: 0.75pt solid #000; margin: 4pt 0 8pt 0; } table.daftar td { border: 0.75pt solid #000; padding: 1pt 3pt; font-size: 10pt; vertical-align: top; } table.daftar td.kepala { font-weight: bold; text-align: center; }</style>
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  {{ baris('Nama', penduduk.nama) }}
  {{ baris('NIK', penduduk.nik) }}
  {{ baris('Tempat/Tanggal Lahir', penduduk.tempat_tanggal_lahir) }}
  {{ baris('Jenis Kelamin', penduduk.jenis_kelamin) }}
  {{ baris('Nomor KK', penduduk.no_kk) }}
  {{ baris('Alamat', penduduk.alamat_lengkap) }}
</table>
<p class="isi">adalah benar penduduk {{ nagari.sebutan_desa }} {{ nagari.nama }} yang identitasnya tercatat sebagaimana tersebut di atas sesuai dengan KTP-el dan Kartu Keluarga. Pada dokumen lain milik yang bersangkutan terdapat perbedaan penulisan <b>{{ isian.data_berbeda | lower }}</b>, sebagai berikut:</p>
<table class="daftar" width="100%">
  <tr><td class="kepala" width="6%">No.</td><td class="kepala" width="32%">Dokumen</td><td class="kepala" width="24%">Nomor Dokumen</td><td class="kepala" width="38%">Tertulis</td></tr>
  {% for d in isian.perbedaan %}<tr><td style="text-align: center">{{ loop.index }}</td><td>{{ d.dokumen }}</td><td>{{ d.nomor or '-' }}</td><td>{{ d.tertulis or '-' }}</td></tr>
  {% endfor %}
</table>
<p class="isi">Berdasarkan dokumen yang diperlihatkan dan surat pernyataan yang bersangkutan, data pada dokumen-dokumen tersebut di atas dan data pada KTP-el/Kartu Keluarga adalah <b>satu orang yang sama</b>, yaitu <b>{{ penduduk.nama }}</b>. Data yang berlaku dalam administrasi kependudukan adalah data sesuai KTP-el dan Kartu Keluarga. Surat keterangan ini tidak mengubah data pada dokumen mana pun; perbaikan dokumen dilakukan pada instansi yang menerbitkannya.</p>
<p class="isi">Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.</p>
<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 0,
        "kertas": "F4",
        "persetujuan": True,
    },
    {
        "kode": "kelakuan_baik",
        "nama": "Surat Keterangan Berkelakuan Baik",
        "kode_klasifikasi": "300.1.7",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "peran": [],
        "keluarga": False,
        "semua_status": False,
        "isian": [
            {"kunci": "sejak", "label": "Tinggal di wilayah ini sejak (mis. lahir, atau tahun 2012)", "jenis": "teks", "wajib": False},
        ],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi KTP-el",
            "Fotokopi Kartu Keluarga",
        ],
        "template": """\
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  {{ baris('Nama', penduduk.nama) }}
  {{ baris('NIK', penduduk.nik) }}
  {{ baris('Tempat/Tanggal Lahir', penduduk.tempat_tanggal_lahir) }}
  {{ baris('Jenis Kelamin', penduduk.jenis_kelamin) }}
  {{ baris('Agama', penduduk.agama) }}
  {{ baris('Status Perkawinan', penduduk.status_kawin) }}
  {{ baris('Pekerjaan', penduduk.pekerjaan) }}
  {{ baris('Kewarganegaraan', penduduk.kewarganegaraan) }}
  {{ baris('Alamat', penduduk.alamat_lengkap) }}
</table>
<p class="isi">Orang tersebut di atas adalah benar penduduk {{ nagari.sebutan_desa }} {{ nagari.nama }}{% if isian.sejak %} yang bertempat tinggal di wilayah kami sejak {{ isian.sejak }}{% endif %}. Sepanjang pengetahuan kami, yang bersangkutan berkelakuan baik, menghormati adat dan norma yang berlaku dalam masyarakat, aktif dalam kegiatan kemasyarakatan, serta tidak pernah tercatat terlibat dalam perkara pidana, penyalahgunaan narkotika, perjudian, atau perbuatan lain yang mengganggu ketenteraman dan ketertiban umum di wilayah {{ nagari.sebutan_desa }} {{ nagari.nama }}.</p>
<p class="isi">Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>, dan bukan pengganti Surat Keterangan Catatan Kepolisian (SKCK).{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 90,
        "kertas": "F4",
        "persetujuan": False,
    },
    {
        "kode": "domisili_usaha",
        "nama": "Surat Keterangan Domisili Usaha",
        "kode_klasifikasi": "500.2.2",
        "subjek": "penduduk_atau_luar",
        "orang_tua": False,
        "pasangan": False,
        "peran": [],
        "keluarga": False,
        "semua_status": False,
        "isian": [
            {"kunci": "nama_usaha", "label": "Nama usaha/badan usaha", "jenis": "teks", "wajib": True},
            {"kunci": "bentuk_usaha", "label": "Bentuk usaha", "jenis": "pilihan", "wajib": True, "pilihan": [
    "Perorangan",
    "CV",
    "PT",
    "Koperasi",
    "Badan usaha milik desa",
    "Kelompok usaha",
]},
            {"kunci": "bidang_usaha", "label": "Bidang/kegiatan usaha", "jenis": "teks", "wajib": True},
            {"kunci": "alamat_usaha", "label": "Alamat tempat usaha", "jenis": "teks_panjang", "wajib": True},
            {"kunci": "status_tempat", "label": "Status tempat usaha", "jenis": "pilihan", "wajib": True, "pilihan": [
    "Milik sendiri",
    "Sewa/kontrak",
    "Pinjam pakai",
]},
            {"kunci": "mulai_usaha", "label": "Mulai berusaha di tempat ini", "jenis": "tanggal", "wajib": False},
            {"kunci": "jumlah_pekerja", "label": "Jumlah pekerja (orang)", "jenis": "angka", "wajib": False},
        ],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi KTP-el pemilik/penanggung jawab usaha",
            "Bukti hak atau izin memakai tempat usaha (sertifikat, akta sewa, atau surat persetujuan pemilik)",
            "Foto tempat usaha",
        ],
        "template": """\
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  {{ baris('Nama Pemilik/Penanggung Jawab', penduduk.nama) }}
  {{ baris('NIK', penduduk.nik) }}
  {{ baris('Tempat/Tanggal Lahir', penduduk.tempat_tanggal_lahir) }}
  {{ baris('Alamat', penduduk.alamat_lengkap) }}
</table>
<p class="isi">adalah benar pemilik/penanggung jawab usaha yang berdomisili di wilayah {{ nagari.sebutan_desa }} {{ nagari.nama }}, dengan keterangan sebagai berikut:</p>
<table class="data">
  {{ baris('Nama Usaha', isian.nama_usaha) }}
  {{ baris('Bentuk Usaha', isian.bentuk_usaha) }}
  {{ baris('Bidang/Kegiatan Usaha', isian.bidang_usaha) }}
  {{ baris('Alamat Usaha', isian.alamat_usaha) }}
  {{ baris('Status Tempat Usaha', isian.status_tempat) }}
  {% if isian.mulai_usaha %}{{ baris('Berusaha di Tempat Ini Sejak', isian.mulai_usaha) }}{% endif %}
  {% if isian.jumlah_pekerja %}{{ baris('Jumlah Pekerja', isian.jumlah_pekerja ~ ' orang') }}{% endif %}
</table>
<p class="isi">Surat keterangan ini hanya menerangkan tempat kedudukan usaha tersebut dan bukan merupakan izin usaha. Perizinan berusaha tetap diurus sesuai dengan ketentuan peraturan perundang-undangan. Yang bersangkutan wajib menjaga kebersihan, keamanan, dan ketertiban lingkungan tempat usahanya.</p>
<p class="isi">Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 180,
        "kertas": "F4",
        "persetujuan": False,
    },
    {
        "kode": "lahir_mati",
        "nama": "Surat Keterangan Lahir Mati",
        "kode_klasifikasi": "400.12.3.5",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": True,
        "peran": [],
        "keluarga": False,
        "semua_status": False,
        "isian": [
            {"kunci": "tanggal", "label": "Tanggal kejadian", "jenis": "tanggal", "wajib": True},
            {"kunci": "pukul", "label": "Pukul (mis. 03.15 WIB)", "jenis": "teks", "wajib": False},
            {"kunci": "tempat", "label": "Tempat kejadian (rumah sakit/puskesmas/rumah)", "jenis": "teks", "wajib": True},
            {"kunci": "jenis_kelamin_bayi", "label": "Jenis kelamin bayi", "jenis": "pilihan", "wajib": True, "pilihan": [
    "Laki-laki",
    "Perempuan",
    "Tidak dapat ditentukan",
]},
            {"kunci": "usia_kandungan", "label": "Lamanya dalam kandungan (minggu)", "jenis": "angka", "wajib": True},
            {"kunci": "anak_ke", "label": "Kelahiran ke-", "jenis": "angka", "wajib": False},
            {"kunci": "penolong", "label": "Penolong persalinan", "jenis": "pilihan", "wajib": True, "pilihan": [
    "Dokter",
    "Bidan/perawat",
    "Dukun",
    "Lainnya",
]},
            {"kunci": "sebab", "label": "Sebab lahir mati (bila diketahui)", "jenis": "teks", "wajib": False},
            {"kunci": "pelapor", "label": "Nama pelapor dan hubungannya (mis. Syafrizal, suami)", "jenis": "teks", "wajib": False},
        ],
        "persyaratan": [
            "Surat keterangan lahir mati dari dokter, bidan, puskesmas, atau rumah sakit",
            "Fotokopi KTP-el ibu dan ayah",
            "Fotokopi Kartu Keluarga",
            "Fotokopi buku nikah/akta perkawinan orang tua",
            "Fotokopi KTP-el pelapor dan dua orang saksi",
        ],
        "template": """\
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
<style>table.rapat td { line-height: 1.15; padding: 0 2pt; }</style>
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa seorang ibu:</p>
<table class="data rapat">
  {{ baris('Nama', penduduk.nama) }}
  {{ baris('NIK', penduduk.nik) }}
  {{ baris('Tempat/Tanggal Lahir', penduduk.tempat_tanggal_lahir) }}
  {{ baris('Umur', penduduk.umur) }}
  {{ baris('Pekerjaan', penduduk.pekerjaan) }}
  {{ baris('Alamat', penduduk.alamat_lengkap) }}
</table>
{% if pasangan %}<p>istri dari:</p>
<table class="data rapat">
  {{ baris('Nama', pasangan.nama) }}
  {{ baris('NIK', pasangan.nik) }}
  {{ baris('Pekerjaan', pasangan.pekerjaan) }}
</table>{% endif %}
<p class="isi">telah melahirkan seorang bayi dalam keadaan <b>meninggal dunia (lahir mati)</b> dengan keterangan sebagai berikut:</p>
<table class="data rapat">
  {{ baris('Tanggal', isian.tanggal ~ (', pukul ' ~ isian.pukul if isian.pukul else '')) }}
  {{ baris('Tempat', isian.tempat) }}
  {{ baris('Jenis Kelamin Bayi', isian.jenis_kelamin_bayi) }}
  {{ baris('Lama dalam Kandungan', isian.usia_kandungan ~ ' minggu') }}
  {% if isian.anak_ke %}{{ baris('Kelahiran ke-', isian.anak_ke) }}{% endif %}
  {{ baris('Penolong Persalinan', isian.penolong) }}
  {% if isian.sebab %}{{ baris('Sebab Lahir Mati', isian.sebab) }}{% endif %}
  {% if isian.pelapor %}{{ baris('Pelapor', isian.pelapor) }}{% endif %}
</table>
<p class="isi">Keterangan ini dibuat berdasarkan laporan keluarga dan keterangan dari penolong persalinan, untuk dilaporkan kepada Dinas Kependudukan dan Pencatatan Sipil Kabupaten {{ nagari.kabupaten }} guna pencatatan lahir mati, dan diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.</p>
<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 0,
        "kertas": "F4",
        "persetujuan": False,
    },
    {
        "kode": "pengantar_pindah",
        "nama": "Surat Pengantar Pindah Antarkabupaten/Kota",
        "kode_klasifikasi": "400.12.2.11",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "peran": [],
        "keluarga": True,
        "semua_status": False,
        "isian": [
            {"kunci": "alamat_tujuan", "label": "Alamat tujuan (jalan, nomor rumah)", "jenis": "teks", "wajib": True},
            {"kunci": "rt_tujuan", "label": "RT tujuan", "jenis": "teks", "wajib": False},
            {"kunci": "rw_tujuan", "label": "RW tujuan", "jenis": "teks", "wajib": False},
            {"kunci": "desa_tujuan", "label": "Desa/kelurahan tujuan", "jenis": "teks", "wajib": True},
            {"kunci": "kecamatan_tujuan", "label": "Kecamatan tujuan", "jenis": "teks", "wajib": True},
            {"kunci": "kabupaten_tujuan", "label": "Kabupaten/kota tujuan", "jenis": "teks", "wajib": True},
            {"kunci": "provinsi_tujuan", "label": "Provinsi tujuan", "jenis": "teks", "wajib": True},
            {"kunci": "kode_pos_tujuan", "label": "Kode pos tujuan", "jenis": "teks", "wajib": False},
            {"kunci": "klasifikasi", "label": "Klasifikasi kepindahan", "jenis": "pilihan", "wajib": True, "pilihan": [
    "Antarkabupaten/kota dalam satu provinsi",
    "Antarprovinsi",
]},
            {"kunci": "alasan_pindah", "label": "Alasan pindah", "jenis": "pilihan", "wajib": True, "pilihan": [
    "Pekerjaan",
    "Pendidikan",
    "Keamanan",
    "Kesehatan",
    "Perumahan",
    "Keluarga",
    "Lainnya",
]},
            {"kunci": "jenis_kepindahan", "label": "Jenis kepindahan", "jenis": "pilihan", "wajib": True, "pilihan": [
    "Kepala keluarga",
    "Kepala keluarga dan seluruh anggota keluarga",
    "Kepala keluarga dan sebagian anggota keluarga",
    "Anggota keluarga",
]},
            {"kunci": "yang_tidak_pindah", "label": "Anggota keluarga yang tidak pindah", "jenis": "pilihan", "wajib": True, "pilihan": [
    "Tidak ada (semua pindah)",
    "Numpang KK",
    "Membuat KK baru",
    "Tetap dalam KK lama",
]},
            {"kunci": "yang_pindah_kk", "label": "Anggota keluarga yang pindah", "jenis": "pilihan", "wajib": True, "pilihan": [
    "Membuat KK baru",
    "Numpang KK",
]},
            {"kunci": "nik_pindah", "label": "NIK anggota keluarga yang ikut pindah, dipisah koma (kosongkan bila seluruh anggota KK pindah)", "jenis": "teks_panjang", "wajib": False},
            {"kunci": "tanggal_pindah", "label": "Rencana tanggal pindah", "jenis": "tanggal", "wajib": False},
        ],
        "persyaratan": [
            "Kartu Keluarga asli dan fotokopinya",
            "KTP-el asli pemohon",
            "Surat pernyataan persetujuan orang tua/wali bila yang pindah hanya anak di bawah 17 tahun",
            "Surat pernyataan bersedia menjadi kepala keluarga bagi anggota keluarga yang tidak pindah (bila kepala keluarga pindah)",
        ],
        "template": """\
{#- Page 2 is form F-1.03, Formulir Pendaftaran Perpindahan Penduduk (Permendagri 109/2019), filled in from the
    register; Permendagri 108/2019: the resident hands it in with the family card and Dukcapil issues the SKPWNI. -#}
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
{% macro kode(pilihan, nilai) %}{% for o in pilihan %}{% if o == nilai %}{{ loop.index }}. {% endif %}{% endfor %}{{ nilai }}{% endmacro %}
{% macro f(no, label, nilai) %}<tr><td class="no">{{ no }}</td><td class="lbl">{{ label }}</td><td class="isi">{{ nilai or '-' }}</td></tr>{% endmacro %}
{%- set semua = not isian.nik_pindah -%}
<style>table.f103 { border: 0.75pt solid #000; margin: 4pt 0; } table.f103 td { border: 0.75pt solid #000; padding: 1pt 3pt; font-size: 9pt; vertical-align: top; } table.f103 td.no { width: 6%; text-align: center; } table.f103 td.lbl { width: 34%; } table.f103 td.kepala { font-weight: bold; text-align: center; } .kode-form { text-align: right; font-size: 10pt; font-weight: bold; margin: 0; }</style>
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  {{ baris('Nama', penduduk.nama) }}
  {{ baris('NIK', penduduk.nik) }}
  {{ baris('Nomor KK', penduduk.no_kk) }}
  {{ baris('Tempat/Tanggal Lahir', penduduk.tempat_tanggal_lahir) }}
  {{ baris('Pekerjaan', penduduk.pekerjaan) }}
  {{ baris('Alamat Asal', penduduk.alamat_lengkap) }}
</table>
<p class="isi">adalah benar penduduk {{ nagari.sebutan_desa }} {{ nagari.nama }} yang bermaksud pindah ke {{ isian.alamat_tujuan }}, {{ isian.desa_tujuan }}, Kecamatan {{ isian.kecamatan_tujuan }}, {{ isian.kabupaten_tujuan }}, Provinsi {{ isian.provinsi_tujuan }}, karena alasan {{ isian.alasan_pindah | lower }}, bersama anggota keluarga sebanyak {% if keluarga and keluarga.anggota %}{% for a in keluarga.anggota if semua or a.nik in isian.nik_pindah %}{% if loop.last %}{{ loop.length }}{% endif %}{% else %}1{% endfor %}{% else %}1{% endif %} orang sebagaimana tercantum dalam Formulir Pendaftaran Perpindahan Penduduk (F-1.03) terlampir.</p>
<p class="isi">Sehubungan dengan itu, kami mohon Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten {{ nagari.kabupaten }} berkenan menerbitkan Surat Keterangan Pindah Warga Negara Indonesia (SKPWNI) bagi yang bersangkutan. Surat pengantar ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat pengantar ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat pengantar ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
<div class="halaman-baru"></div>
<p class="kode-form">F-1.03</p>
<p class="judul">FORMULIR PENDAFTARAN PERPINDAHAN PENDUDUK</p>
<p style="font-size: 8pt; text-align: center">Permendagri Nomor 109 Tahun 2019 &middot; diisi dari buku induk kependudukan {{ nagari.sebutan_desa }} {{ nagari.nama }}; periksa kembali sebelum ditandatangani</p>
<table class="f103" width="100%">
  {{ f('1.', 'Nomor Kartu Keluarga', penduduk.no_kk) }}
  {{ f('2.', 'Nama Lengkap Pemohon', penduduk.nama) }}
  {{ f('3.', 'NIK', penduduk.nik) }}
  {{ f('4.', 'Jenis Permohonan', '2. Surat Keterangan Pindah') }}
  {{ f('5.', 'Alamat Asal', penduduk.alamat_lengkap) }}
  {{ f('', 'a. Desa/Kelurahan', nagari.sebutan_desa ~ ' ' ~ nagari.nama) }}
  {{ f('', 'b. Kecamatan', nagari.kecamatan) }}
  {{ f('', 'c. Kabupaten/Kota', nagari.kabupaten) }}
  {{ f('', 'd. Provinsi', nagari.provinsi) }}
  {{ f('6.', 'Klasifikasi Kepindahan', ('4. ' if isian.klasifikasi.startswith('Antarkab') else '5. ') ~ isian.klasifikasi) }}
  {{ f('7.', 'Alamat Tujuan Pindah', isian.alamat_tujuan ~ (', RT ' ~ isian.rt_tujuan if isian.rt_tujuan else '') ~ (', RW ' ~ isian.rw_tujuan if isian.rw_tujuan else '')) }}
  {{ f('', 'a. Desa/Kelurahan', isian.desa_tujuan) }}
  {{ f('', 'b. Kecamatan', isian.kecamatan_tujuan) }}
  {{ f('', 'c. Kabupaten/Kota', isian.kabupaten_tujuan) }}
  {{ f('', 'd. Provinsi', isian.provinsi_tujuan) }}
  {{ f('', 'Kode Pos', isian.kode_pos_tujuan) }}
  {{ f('8.', 'Alasan Pindah', kode(['Pekerjaan', 'Pendidikan', 'Keamanan', 'Kesehatan', 'Perumahan', 'Keluarga', 'Lainnya'], isian.alasan_pindah)) }}
  {{ f('9.', 'Jenis Kepindahan', kode(['Kepala keluarga', 'Kepala keluarga dan seluruh anggota keluarga', 'Kepala keluarga dan sebagian anggota keluarga', 'Anggota keluarga'], isian.jenis_kepindahan)) }}
  {{ f('10.', 'Anggota Keluarga yang Tidak Pindah', isian.yang_tidak_pindah) }}
  {{ f('11.', 'Anggota Keluarga yang Pindah', isian.yang_pindah_kk) }}
  {% if isian.tanggal_pindah %}{{ f('', 'Rencana Tanggal Pindah', isian.tanggal_pindah) }}{% endif %}
</table>
<p style="font-size: 9pt; margin-top: 4pt">12. Daftar anggota keluarga yang pindah:</p>
<table class="f103" width="100%">
  <tr><td class="kepala" width="6%">No.</td><td class="kepala" width="28%">NIK</td><td class="kepala" width="44%">Nama Lengkap</td><td class="kepala" width="22%">SHDK</td></tr>
  {% if keluarga and keluarga.anggota %}
  {% for a in keluarga.anggota if semua or a.nik in isian.nik_pindah %}<tr><td style="text-align: center">{{ loop.index }}</td><td>{{ a.nik }}</td><td>{{ a.nama }}</td><td>{{ a.hubungan or '-' }}</td></tr>
  {% else %}<tr><td style="text-align: center">1</td><td>{{ penduduk.nik }}</td><td>{{ penduduk.nama }}</td><td>{{ penduduk.hubungan or '-' }}</td></tr>{% endfor %}
  {% else %}<tr><td style="text-align: center">1</td><td>{{ penduduk.nik }}</td><td>{{ penduduk.nama }}</td><td>{{ penduduk.hubungan or '-' }}</td></tr>{% endif %}
</table>
<p style="font-size: 8pt">Nomor 13 sampai dengan 20 formulir ini hanya untuk orang asing pemegang ITAS/ITAP dan untuk pindah ke luar negeri; tidak diisi.</p>
<table width="100%" style="margin-top: 10pt; font-size: 10pt"><tr>
  <td width="50%" style="text-align: center">Mengetahui,<br>Kepala Dinas Kependudukan dan Pencatatan Sipil<br>Kabupaten {{ nagari.kabupaten }}<br><br><br><br>(....................................)</td>
  <td width="50%" style="text-align: center">{{ nagari.nama }}, {{ surat.tanggal }}<br>Pemohon,<br><br><br><br><br><b><u>{{ penduduk.nama }}</u></b></td>
</tr></table>
""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "persetujuan": False,
    },
    {
        "kode": "penghasilan",
        "nama": "Surat Keterangan Penghasilan",
        "kode_klasifikasi": "400.9.4",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "peran": [],
        "keluarga": False,
        "semua_status": False,
        "isian": [
            {"kunci": "sumber", "label": "Sumber penghasilan (mis. bertani padi dan gambir)", "jenis": "teks", "wajib": True},
            {"kunci": "penghasilan", "label": "Penghasilan rata-rata (Rp per bulan)", "jenis": "angka", "wajib": True},
        ],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi KTP-el",
            "Fotokopi Kartu Keluarga",
            "Surat pernyataan penghasilan bermeterai",
        ],
        "template": """\
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  {{ baris('Nama', penduduk.nama) }}
  {{ baris('NIK', penduduk.nik) }}
  {{ baris('Tempat/Tanggal Lahir', penduduk.tempat_tanggal_lahir) }}
  {{ baris('Jenis Kelamin', penduduk.jenis_kelamin) }}
  {{ baris('Status Perkawinan', penduduk.status_kawin) }}
  {{ baris('Pekerjaan', penduduk.pekerjaan) }}
  {{ baris('Alamat', penduduk.alamat_lengkap) }}
</table>
<p class="isi">Orang tersebut di atas adalah benar penduduk {{ nagari.sebutan_desa }} {{ nagari.nama }} yang memperoleh penghasilan dari {{ isian.sumber }}, dengan penghasilan rata-rata lebih kurang <b>{{ isian.penghasilan | rupiah }}</b> ({{ isian.penghasilan | rupiah_terbilang }}) per bulan. Keterangan penghasilan ini dibuat berdasarkan pernyataan yang bersangkutan dan sepanjang pengetahuan kami sesuai dengan keadaan yang sebenarnya.</p>
<p class="isi">Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "persetujuan": False,
    },
    {
        "kode": "hubungan_keluarga",
        "nama": "Surat Keterangan Hubungan Keluarga",
        "kode_klasifikasi": "400.12.2.9",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "peran": [
            {"kunci": "kerabat", "label": "Anggota keluarga yang diterangkan", "orang_tua": False, "wajib": True},
        ],
        "keluarga": False,
        "semua_status": False,
        "isian": [
            {"kunci": "hubungan", "label": "Orang kedua adalah … dari pemohon (mis. anak kandung, kemenakan, adik kandung)", "jenis": "teks", "wajib": True},
        ],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi KTP-el dan Kartu Keluarga kedua orang",
            "Dokumen yang menunjukkan hubungan keluarga (akta kelahiran, buku nikah, atau ranji keluarga)",
        ],
        "template": """\
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
{% macro orang_data(p) %}
<table class="data">
  {{ baris('Nama', p.nama) }}
  {{ baris('NIK', p.nik) }}
  {{ baris('Tempat/Tanggal Lahir', p.tempat_tanggal_lahir) }}
  {{ baris('Jenis Kelamin', p.jenis_kelamin) }}
  {{ baris('Alamat', p.alamat_lengkap) }}
</table>
{% endmacro %}
{%- set kerabat = orang.kerabat -%}
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
{{ orang_data(penduduk) }}
<p>dan</p>
{{ orang_data(kerabat) }}
<p class="isi">Berdasarkan data kependudukan dan dokumen yang diperlihatkan kepada kami, serta keterangan keluarga yang bersangkutan, <b>{{ kerabat.nama }}</b> adalah benar <b>{{ isian.hubungan }}</b> dari <b>{{ penduduk.nama }}</b>.</p>
<p class="isi">Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "persetujuan": False,
    },
    {
        "kode": "ternak",
        "nama": "Surat Keterangan Asal-usul dan Jual Beli Ternak",
        "kode_klasifikasi": "500.7.1",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "peran": [
            {"kunci": "pembeli", "label": "Pembeli (kosongkan bila hanya keterangan asal-usul)", "orang_tua": False, "wajib": False},
        ],
        "keluarga": False,
        "semua_status": False,
        "isian": [
            {"kunci": "ternak", "label": "Ternak", "jenis": "daftar", "wajib": True, "kolom": [
    {"kunci": "jenis", "label": "Jenis ternak"},
    {"kunci": "kelamin", "label": "Jantan/betina"},
    {"kunci": "umur", "label": "Umur"},
    {"kunci": "warna", "label": "Warna dan ciri"},
]},
            {"kunci": "asal", "label": "Asal ternak", "jenis": "pilihan", "wajib": True, "pilihan": [
    "Dipelihara/diternakkan sendiri",
    "Dibeli dari pihak lain",
    "Warisan/pemberian",
    "Bagi hasil (paduoan)",
]},
            {"kunci": "harga", "label": "Harga jual (Rp; kosongkan bila bukan jual beli)", "jenis": "angka", "wajib": False},
            {"kunci": "tujuan", "label": "Tujuan ternak dibawa (mis. Pasar Ternak Palangki)", "jenis": "teks", "wajib": False},
        ],
        "persyaratan": [
            "Fotokopi KTP-el pemilik/penjual ternak",
            "Fotokopi KTP-el pembeli (bila jual beli)",
            "Surat keterangan kesehatan hewan dari petugas/puskeswan (untuk ternak yang dibawa ke luar daerah)",
        ],
        "template": """\
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
<style>table.rapat td { line-height: 1.15; padding: 0 2pt; } table.daftar { border: 0.75pt solid #000; margin: 4pt 0 8pt 0; } table.daftar td { border: 0.75pt solid #000; padding: 1pt 3pt; font-size: 10pt; vertical-align: top; } table.daftar td.kepala { font-weight: bold; text-align: center; }</style>
{%- set pembeli = orang.pembeli -%}
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data rapat">
  {{ baris('Nama', penduduk.nama) }}
  {{ baris('NIK', penduduk.nik) }}
  {{ baris('Pekerjaan', penduduk.pekerjaan) }}
  {{ baris('Alamat', penduduk.alamat_lengkap) }}
</table>
<p class="isi">adalah benar pemilik ternak yang berasal dari {{ nagari.sebutan_desa }} {{ nagari.nama }}, dengan asal-usul <b>{{ isian.asal | lower }}</b>, sebagai berikut:</p>
<table class="daftar" width="100%">
  <tr><td class="kepala" width="6%">No.</td><td class="kepala" width="28%">Jenis Ternak</td><td class="kepala" width="18%">Jantan/Betina</td><td class="kepala" width="14%">Umur</td><td class="kepala" width="34%">Warna dan Ciri</td></tr>
  {% for t in isian.ternak %}<tr><td style="text-align: center">{{ loop.index }}</td><td>{{ t.jenis }}</td><td>{{ t.kelamin or '-' }}</td><td>{{ t.umur or '-' }}</td><td>{{ t.warna or '-' }}</td></tr>
  {% endfor %}
</table>
{% if pembeli %}
<p class="isi">Ternak tersebut telah dijual kepada:</p>
<table class="data rapat">
  {{ baris('Nama Pembeli', pembeli.nama) }}
  {{ baris('NIK', pembeli.nik) }}
  {{ baris('Alamat', pembeli.alamat_lengkap) }}
  {% if isian.harga %}{{ baris('Harga', (isian.harga | rupiah) ~ ' (' ~ (isian.harga | rupiah_terbilang) ~ ')') }}{% endif %}
</table>
{% endif %}
<p class="isi">Sepanjang pengetahuan kami, ternak tersebut bukan hasil curian dan tidak dalam sengketa.{% if isian.tujuan %} Ternak tersebut akan dibawa ke {{ isian.tujuan }}.{% endif %} Kepada petugas di perjalanan, kami mohon kiranya dapat memberikan kelancaran sesuai dengan ketentuan yang berlaku. Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
{% if pembeli %}
<table width="100%" style="margin-top: 6pt"><tr>
  <td width="50%" style="text-align: center">Penjual,<br><br><br><br><b><u>{{ penduduk.nama }}</u></b></td>
  <td width="50%" style="text-align: center">Pembeli,<br><br><br><br><b><u>{{ pembeli.nama }}</u></b></td>
</tr></table>
{% else %}<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>{% endif %}
""",
        "masa_berlaku_hari": 14,
        "kertas": "F4",
        "persetujuan": False,
    },
    {
        "kode": "wali",
        "nama": "Surat Keterangan Wali",
        "kode_klasifikasi": "400.12.2.12",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "peran": [
            {"kunci": "anak", "label": "Anak yang berada di bawah perwalian", "orang_tua": True, "wajib": True},
        ],
        "keluarga": False,
        "semua_status": False,
        "isian": [
            {"kunci": "hubungan", "label": "Hubungan wali dengan anak (mis. paman/mamak kandung, nenek)", "jenis": "teks", "wajib": True},
            {"kunci": "sebab", "label": "Sebab perwalian", "jenis": "pilihan", "wajib": True, "pilihan": [
    "Kedua orang tua telah meninggal dunia",
    "Ayah telah meninggal dunia",
    "Ibu telah meninggal dunia",
    "Orang tua merantau/bekerja di luar daerah",
    "Orang tua tidak diketahui keberadaannya",
    "Lainnya",
]},
            {"kunci": "sejak", "label": "Diasuh sejak (mis. tahun 2019)", "jenis": "teks", "wajib": False},
        ],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi KTP-el dan Kartu Keluarga wali",
            "Fotokopi akta kelahiran dan Kartu Keluarga anak",
            "Fotokopi akta kematian orang tua anak, atau surat pernyataan orang tua menyerahkan pengasuhan",
        ],
        "template": """\
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
<style>table.rapat td { line-height: 1.15; padding: 0 2pt; }</style>
{%- set anak = orang.anak -%}
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data rapat">
  {{ baris('Nama', penduduk.nama) }}
  {{ baris('NIK', penduduk.nik) }}
  {{ baris('Tempat/Tanggal Lahir', penduduk.tempat_tanggal_lahir) }}
  {{ baris('Jenis Kelamin', penduduk.jenis_kelamin) }}
  {{ baris('Pekerjaan', penduduk.pekerjaan) }}
  {{ baris('Alamat', penduduk.alamat_lengkap) }}
</table>
<p class="isi">adalah benar <b>{{ isian.hubungan }}</b> dan wali yang mengasuh serta bertanggung jawab atas anak:</p>
<table class="data rapat">
  {{ baris('Nama', anak.nama) }}
  {{ baris('NIK', anak.nik) }}
  {{ baris('Tempat/Tanggal Lahir', anak.tempat_tanggal_lahir) }}
  {{ baris('Jenis Kelamin', anak.jenis_kelamin) }}
  {{ baris('Nama Ayah', anak.ayah.nama if anak.ayah else anak.nama_ayah) }}
  {{ baris('Nama Ibu', anak.ibu.nama if anak.ibu else anak.nama_ibu) }}
</table>
<p class="isi">Anak tersebut berada di bawah perwalian yang bersangkutan karena {{ isian.sebab | lower }}{% if isian.sejak %}, dan anak tersebut berada dalam asuhan yang bersangkutan sejak {{ isian.sejak }}{% endif %}. Keterangan ini dibuat berdasarkan keterangan keluarga dan sepanjang pengetahuan kami, dan bukan merupakan penetapan perwalian oleh pengadilan.</p>
<p class="isi">Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 90,
        "kertas": "F4",
        "persetujuan": False,
    },
    {
        "kode": "cerai",
        "nama": "Surat Keterangan Cerai",
        "kode_klasifikasi": "400.12.3.4",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "peran": [],
        "keluarga": False,
        "semua_status": False,
        "isian": [
            {"kunci": "mantan", "label": "Nama mantan suami/istri", "jenis": "teks", "wajib": True},
            {"kunci": "nik_mantan", "label": "NIK mantan suami/istri (bila diketahui)", "jenis": "teks", "wajib": False},
            {"kunci": "tanggal_cerai", "label": "Tanggal perceraian", "jenis": "tanggal", "wajib": True},
            {"kunci": "dasar", "label": "Dasar perceraian", "jenis": "pilihan", "wajib": True, "pilihan": [
    "Akta cerai Pengadilan Agama",
    "Akta perceraian Dinas Dukcapil",
    "Putusan pengadilan yang belum diaktakan",
    "Belum tercatat di pengadilan",
]},
            {"kunci": "nomor_dasar", "label": "Nomor akta/putusan (bila ada)", "jenis": "teks", "wajib": False},
            {"kunci": "anak", "label": "Anak dari perkawinan tersebut (nama; diasuh oleh)", "jenis": "daftar", "wajib": False, "kolom": [
    {"kunci": "nama", "label": "Nama anak"},
    {"kunci": "pengasuh", "label": "Diasuh oleh"},
]},
        ],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi KTP-el dan Kartu Keluarga",
            "Fotokopi akta cerai/putusan pengadilan (bila ada)",
            "Fotokopi buku nikah/akta perkawinan",
        ],
        "template": """\
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
<style>table.rapat td { line-height: 1.15; padding: 0 2pt; } table.daftar { border: 0.75pt solid #000; margin: 4pt 0 8pt 0; } table.daftar td { border: 0.75pt solid #000; padding: 1pt 3pt; font-size: 10pt; vertical-align: top; } table.daftar td.kepala { font-weight: bold; text-align: center; }</style>
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data rapat">
  {{ baris('Nama', penduduk.nama) }}
  {{ baris('NIK', penduduk.nik) }}
  {{ baris('Tempat/Tanggal Lahir', penduduk.tempat_tanggal_lahir) }}
  {{ baris('Jenis Kelamin', penduduk.jenis_kelamin) }}
  {{ baris('Agama', penduduk.agama) }}
  {{ baris('Pekerjaan', penduduk.pekerjaan) }}
  {{ baris('Alamat', penduduk.alamat_lengkap) }}
</table>
<p class="isi">adalah benar telah bercerai dengan:</p>
<table class="data rapat">
  {{ baris('Nama', isian.mantan) }}
  {% if isian.nik_mantan %}{{ baris('NIK', isian.nik_mantan) }}{% endif %}
  {{ baris('Tanggal Perceraian', isian.tanggal_cerai) }}
  {{ baris('Dasar', isian.dasar ~ (' Nomor ' ~ isian.nomor_dasar if isian.nomor_dasar else '')) }}
</table>
{% if isian.anak %}
<p class="isi">Dari perkawinan tersebut terdapat anak sebagai berikut:</p>
<table class="daftar" width="100%">
  <tr><td class="kepala" width="8%">No.</td><td class="kepala" width="52%">Nama Anak</td><td class="kepala" width="40%">Diasuh oleh</td></tr>
  {% for a in isian.anak %}<tr><td style="text-align: center">{{ loop.index }}</td><td>{{ a.nama }}</td><td>{{ a.pengasuh or '-' }}</td></tr>
  {% endfor %}
</table>
{% endif %}
<p class="isi">{% if isian.dasar == 'Belum tercatat di pengadilan' %}Perceraian tersebut belum diputus oleh pengadilan; keterangan ini dibuat berdasarkan pernyataan yang bersangkutan dan tidak menggantikan akta cerai. {% endif %}Sampai dengan tanggal surat ini, sepanjang pengetahuan kami yang bersangkutan belum menikah lagi. Dalam buku induk kependudukan, yang bersangkutan tercatat berstatus {{ penduduk.status_kawin }}.</p>
<p class="isi">Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "persetujuan": False,
    },
    {
        "kode": "tinggal_sementara",
        "nama": "Surat Keterangan Tempat Tinggal Sementara",
        "kode_klasifikasi": "400.12.2.10",
        "subjek": "penduduk_atau_luar",
        "orang_tua": False,
        "pasangan": False,
        "peran": [],
        "keluarga": False,
        "semua_status": False,
        "isian": [
            {"kunci": "alamat_tinggal", "label": "Alamat tempat tinggal sementara di wilayah ini", "jenis": "teks_panjang", "wajib": True},
            {"kunci": "pemilik_rumah", "label": "Nama pemilik rumah/tempat kos", "jenis": "teks", "wajib": False},
            {"kunci": "tujuan_tinggal", "label": "Tujuan tinggal", "jenis": "pilihan", "wajib": True, "pilihan": [
    "Bekerja",
    "Bersekolah/kuliah",
    "Mengikuti keluarga",
    "Berusaha/berdagang",
    "Lainnya",
]},
            {"kunci": "tempat_kegiatan", "label": "Nama tempat bekerja/sekolah (bila ada)", "jenis": "teks", "wajib": False},
            {"kunci": "sejak", "label": "Tinggal sejak tanggal", "jenis": "tanggal", "wajib": True},
            {"kunci": "lama", "label": "Perkiraan lama tinggal (mis. 1 tahun)", "jenis": "teks", "wajib": False},
        ],
        "persyaratan": [
            "Fotokopi KTP-el dan Kartu Keluarga daerah asal",
            "Surat pernyataan tidak keberatan dari pemilik rumah/tempat kos",
            "Surat keterangan dari tempat bekerja atau sekolah (bila ada)",
            "Pas foto 3x4, 2 lembar",
        ],
        "template": """\
{% macro baris(label, nilai) %}<tr><td class="label">{{ label }}</td><td class="titik">:</td><td>{{ nilai or '-' }}</td></tr>{% endmacro %}
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  {{ baris('Nama', penduduk.nama) }}
  {{ baris('NIK', penduduk.nik) }}
  {{ baris('Tempat/Tanggal Lahir', penduduk.tempat_tanggal_lahir) }}
  {{ baris('Jenis Kelamin', penduduk.jenis_kelamin) }}
  {{ baris('Pekerjaan', penduduk.pekerjaan) }}
  {{ baris('Kewarganegaraan', penduduk.kewarganegaraan) }}
  {{ baris('Alamat Asal', penduduk.alamat_lengkap) }}
</table>
<p class="isi">benar bertempat tinggal sementara di wilayah {{ nagari.sebutan_desa }} {{ nagari.nama }} dengan keterangan sebagai berikut:</p>
<table class="data">
  {{ baris('Alamat Tinggal Sementara', isian.alamat_tinggal) }}
  {% if isian.pemilik_rumah %}{{ baris('Pemilik Rumah/Tempat Kos', isian.pemilik_rumah) }}{% endif %}
  {{ baris('Tujuan Tinggal', isian.tujuan_tinggal ~ (' di ' ~ isian.tempat_kegiatan if isian.tempat_kegiatan else '')) }}
  {{ baris('Tinggal Sejak', isian.sejak) }}
  {% if isian.lama %}{{ baris('Perkiraan Lama Tinggal', isian.lama) }}{% endif %}
</table>
<p class="isi">Yang bersangkutan tidak pindah domisili dan tetap menjadi penduduk daerah asalnya. Selama tinggal di wilayah kami, yang bersangkutan wajib menaati peraturan, menghormati adat istiadat setempat, dan melaporkan diri bila berpindah tempat tinggal atau kembali ke daerah asal.</p>
<p class="isi">Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 180,
        "kertas": "F4",
        "persetujuan": False,
    },
)
