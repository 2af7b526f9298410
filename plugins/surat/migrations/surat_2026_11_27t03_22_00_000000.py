"""One counter row per (sequence, year), and the built-in letter types.

The unique index is what `INSERT ... ON CONFLICT (kunci, tahun)` needs on both engines.

The built-in types are written as literal rows, frozen as they were shipped when this migration was written, through
a copy of the table as it stood then: a migration never imports the plugin's live code, so a column added to
`surat_jenis` later (or removed, or a changed template in `bawaan/`) cannot break a fresh install. A change to the
shipped set reaches installations through a new migration of its own.
"""

import json

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import Boolean, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-11-27T03:22:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "penghitung nomor dan jenis surat bawaan"


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
    mandiri = Boolean(default=False)
    persetujuan = Boolean(default=False)
    aktif = Boolean(default=True)
    diubah = Timestamptz(default=TimestamptzNow())


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="surat", description=DESCRIPTION)

    async def up():
        engine = engine_finder()
        await engine.run_ddl(
            "CREATE UNIQUE INDEX IF NOT EXISTS surat_urutan_kunci_tahun ON surat_urutan (kunci, tahun)")
        JenisSurat._meta.db = engine  # a table caches the first engine it met; this process may have had another
        existing = {r["kode"] for r in await JenisSurat.select(JenisSurat.kode).run()}
        missing = [JenisSurat(**stored(row)) for row in ROWS if row["kode"] not in existing]
        if missing:
            await JenisSurat.insert(*missing).run()

    async def down():
        await engine_finder().run_ddl("DROP INDEX IF EXISTS surat_urutan_kunci_tahun")

    manager.add_raw(up)
    manager.add_raw_backwards(down)
    return manager


def stored(row: dict) -> dict:
    """A row as the table keeps it: the extra fields as JSON, one requirement per line."""
    return {**row, "isian": json.dumps(row["isian"]), "persyaratan": "\n".join(row["persyaratan"])}


# The twelve shipped letter types, in the order they were numbered (ids 1 to 12 on a fresh install).
ROWS = (
    {
        "kode": "domisili",
        "nama": "Surat Keterangan Domisili",
        "kode_klasifikasi": "400.12.2.2",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "isian": [
            {"kunci": "sejak", "label": "Berdomisili sejak (mis. tahun 2015)", "jenis": "teks", "wajib": False},
        ],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi Kartu Tanda Penduduk elektronik (KTP-el)",
            "Fotokopi Kartu Keluarga",
        ],
        "template": """\
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  <tr><td class="label">Nama</td><td class="titik">:</td><td><b>{{ penduduk.nama }}</b></td></tr>
  <tr><td class="label">NIK</td><td class="titik">:</td><td>{{ penduduk.nik }}</td></tr>
  <tr><td class="label">Tempat/Tanggal Lahir</td><td class="titik">:</td><td>{{ penduduk.tempat_tanggal_lahir }}</td></tr>
  <tr><td class="label">Jenis Kelamin</td><td class="titik">:</td><td>{{ penduduk.jenis_kelamin }}</td></tr>
  <tr><td class="label">Agama</td><td class="titik">:</td><td>{{ penduduk.agama }}</td></tr>
  <tr><td class="label">Status Perkawinan</td><td class="titik">:</td><td>{{ penduduk.status_kawin }}</td></tr>
  <tr><td class="label">Pekerjaan</td><td class="titik">:</td><td>{{ penduduk.pekerjaan }}</td></tr>
  <tr><td class="label">Kewarganegaraan</td><td class="titik">:</td><td>{{ penduduk.kewarganegaraan }}</td></tr>
  <tr><td class="label">Alamat</td><td class="titik">:</td><td>{{ penduduk.alamat_lengkap }}</td></tr>
</table>
<p class="isi">Berdasarkan data kependudukan yang ada pada kami, orang tersebut di atas benar berdomisili di {% if penduduk.jorong %}{{ nagari.sebutan_dusun }} {{ penduduk.jorong }}, {% endif %}{{ nagari.sebutan_desa }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, pada alamat sebagaimana tersebut di atas{% if isian.sejak %} sejak {{ isian.sejak }}{% endif %}.</p>
<p class="isi">Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "mandiri": True,
        "persetujuan": False,
    },
    {
        "kode": "usaha",
        "nama": "Surat Keterangan Usaha",
        "kode_klasifikasi": "500.2.1",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "isian": [
            {"kunci": "nama_usaha", "label": "Nama usaha", "jenis": "teks", "wajib": True},
            {"kunci": "jenis_usaha", "label": "Jenis/bidang usaha", "jenis": "teks", "wajib": True},
            {"kunci": "alamat_usaha", "label": "Alamat tempat usaha", "jenis": "teks_panjang", "wajib": True},
            {"kunci": "mulai_usaha", "label": "Mulai menjalankan usaha", "jenis": "tanggal", "wajib": False},
        ],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi Kartu Tanda Penduduk elektronik (KTP-el)",
            "Fotokopi Kartu Keluarga",
            "Foto tempat usaha (bila ada)",
        ],
        "template": """\
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  <tr><td class="label">Nama</td><td class="titik">:</td><td><b>{{ penduduk.nama }}</b></td></tr>
  <tr><td class="label">NIK</td><td class="titik">:</td><td>{{ penduduk.nik }}</td></tr>
  <tr><td class="label">Tempat/Tanggal Lahir</td><td class="titik">:</td><td>{{ penduduk.tempat_tanggal_lahir }}</td></tr>
  <tr><td class="label">Jenis Kelamin</td><td class="titik">:</td><td>{{ penduduk.jenis_kelamin }}</td></tr>
  <tr><td class="label">Agama</td><td class="titik">:</td><td>{{ penduduk.agama }}</td></tr>
  <tr><td class="label">Pekerjaan</td><td class="titik">:</td><td>{{ penduduk.pekerjaan }}</td></tr>
  <tr><td class="label">Kewarganegaraan</td><td class="titik">:</td><td>{{ penduduk.kewarganegaraan }}</td></tr>
  <tr><td class="label">Alamat</td><td class="titik">:</td><td>{{ penduduk.alamat_lengkap }}</td></tr>
</table>
<p class="isi">Sepanjang pengetahuan kami, orang tersebut di atas benar memiliki dan menjalankan usaha dengan keterangan sebagai berikut:</p>
<table class="data">
  <tr><td class="label">Nama Usaha</td><td class="titik">:</td><td><b>{{ isian.nama_usaha }}</b></td></tr>
  <tr><td class="label">Jenis Usaha</td><td class="titik">:</td><td>{{ isian.jenis_usaha }}</td></tr>
  <tr><td class="label">Alamat Usaha</td><td class="titik">:</td><td>{{ isian.alamat_usaha }}</td></tr>
  {% if isian.mulai_usaha %}<tr><td class="label">Mulai Usaha</td><td class="titik">:</td><td>{{ isian.mulai_usaha }}</td></tr>{% endif %}
</table>
<p class="isi">Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "mandiri": True,
        "persetujuan": False,
    },
    {
        "kode": "tidak_mampu",
        "nama": "Surat Keterangan Tidak Mampu",
        "kode_klasifikasi": "400.9.1",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "isian": [],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi Kartu Tanda Penduduk elektronik (KTP-el)",
            "Fotokopi Kartu Keluarga",
            "Kartu bantuan sosial yang dimiliki (bila ada)",
        ],
        "template": """\
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  <tr><td class="label">Nama</td><td class="titik">:</td><td><b>{{ penduduk.nama }}</b></td></tr>
  <tr><td class="label">NIK</td><td class="titik">:</td><td>{{ penduduk.nik }}</td></tr>
  <tr><td class="label">Tempat/Tanggal Lahir</td><td class="titik">:</td><td>{{ penduduk.tempat_tanggal_lahir }}</td></tr>
  <tr><td class="label">Jenis Kelamin</td><td class="titik">:</td><td>{{ penduduk.jenis_kelamin }}</td></tr>
  <tr><td class="label">Agama</td><td class="titik">:</td><td>{{ penduduk.agama }}</td></tr>
  <tr><td class="label">Status Perkawinan</td><td class="titik">:</td><td>{{ penduduk.status_kawin }}</td></tr>
  <tr><td class="label">Pekerjaan</td><td class="titik">:</td><td>{{ penduduk.pekerjaan }}</td></tr>
  <tr><td class="label">Alamat</td><td class="titik">:</td><td>{{ penduduk.alamat_lengkap }}</td></tr>
</table>
<p class="isi">Orang tersebut di atas adalah benar penduduk {{ nagari.sebutan_desa }} {{ nagari.nama }}. Berdasarkan data kependudukan dan pendataan keluarga yang ada pada Pemerintah {{ nagari.sebutan_desa }} {{ nagari.nama }}, yang bersangkutan beserta keluarganya tergolong keluarga berpenghasilan rendah (kurang mampu) secara ekonomi.</p>
<p class="isi">Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya. Apabila di kemudian hari ternyata terdapat kekeliruan dalam keterangan ini, akan dilakukan perbaikan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "mandiri": True,
        "persetujuan": False,
    },
    {
        "kode": "pengantar_skck",
        "nama": "Surat Pengantar SKCK",
        "kode_klasifikasi": "300.1.4",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "isian": [],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi Kartu Tanda Penduduk elektronik (KTP-el)",
            "Fotokopi Kartu Keluarga",
            "Fotokopi akta kelahiran atau ijazah terakhir",
        ],
        "template": """\
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  <tr><td class="label">Nama</td><td class="titik">:</td><td><b>{{ penduduk.nama }}</b></td></tr>
  <tr><td class="label">NIK</td><td class="titik">:</td><td>{{ penduduk.nik }}</td></tr>
  <tr><td class="label">Tempat/Tanggal Lahir</td><td class="titik">:</td><td>{{ penduduk.tempat_tanggal_lahir }}</td></tr>
  <tr><td class="label">Jenis Kelamin</td><td class="titik">:</td><td>{{ penduduk.jenis_kelamin }}</td></tr>
  <tr><td class="label">Agama</td><td class="titik">:</td><td>{{ penduduk.agama }}</td></tr>
  <tr><td class="label">Status Perkawinan</td><td class="titik">:</td><td>{{ penduduk.status_kawin }}</td></tr>
  <tr><td class="label">Pendidikan Terakhir</td><td class="titik">:</td><td>{{ penduduk.pendidikan }}</td></tr>
  <tr><td class="label">Pekerjaan</td><td class="titik">:</td><td>{{ penduduk.pekerjaan }}</td></tr>
  <tr><td class="label">Kewarganegaraan</td><td class="titik">:</td><td>{{ penduduk.kewarganegaraan }}</td></tr>
  <tr><td class="label">Alamat</td><td class="titik">:</td><td>{{ penduduk.alamat_lengkap }}</td></tr>
</table>
<p class="isi">Orang tersebut di atas adalah benar penduduk {{ nagari.sebutan_desa }} {{ nagari.nama }}. Sepanjang pengetahuan kami, yang bersangkutan berkelakuan baik dalam kehidupan bermasyarakat dan tidak pernah tercatat terlibat dalam perkara pidana maupun tindakan yang melanggar ketertiban umum di wilayah {{ nagari.sebutan_desa }} {{ nagari.nama }}.</p>
<p class="isi">Sehubungan dengan itu, kami mohon bantuan pihak Kepolisian Negara Republik Indonesia untuk dapat memberikan Surat Keterangan Catatan Kepolisian (SKCK) kepada yang bersangkutan guna keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat pengantar ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat pengantar ini dibuat dengan sebenarnya. Atas perhatian dan bantuan yang diberikan, kami ucapkan terima kasih.</p>
""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "mandiri": True,
        "persetujuan": False,
    },
    {
        "kode": "kelahiran",
        "nama": "Surat Keterangan Kelahiran",
        "kode_klasifikasi": "400.12.3.1",
        "subjek": "penduduk",
        "orang_tua": True,
        "pasangan": False,
        "isian": [
            {"kunci": "nama_bayi", "label": "Nama bayi", "jenis": "teks", "wajib": True},
            {"kunci": "jenis_kelamin_bayi", "label": "Jenis kelamin bayi", "jenis": "pilihan", "wajib": True, "pilihan": ["Laki-laki", "Perempuan"]},
            {"kunci": "tempat_lahir_bayi", "label": "Tempat lahir", "jenis": "teks", "wajib": True},
            {"kunci": "tanggal_lahir_bayi", "label": "Tanggal lahir", "jenis": "tanggal", "wajib": True},
            {"kunci": "pukul", "label": "Pukul (mis. 14.30 WIB)", "jenis": "teks", "wajib": False},
            {"kunci": "anak_ke", "label": "Anak ke-", "jenis": "angka", "wajib": True},
        ],
        "persyaratan": [
            "Surat keterangan lahir dari bidan, puskesmas, atau rumah sakit",
            "Fotokopi Kartu Keluarga orang tua",
            "Fotokopi Kartu Tanda Penduduk elektronik (KTP-el) ayah dan ibu",
            "Fotokopi buku nikah atau akta perkawinan orang tua",
            "Fotokopi KTP-el dua orang saksi",
        ],
        "template": """\
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa telah lahir seorang anak:</p>
<table class="data">
  <tr><td class="label">Nama</td><td class="titik">:</td><td><b>{{ isian.nama_bayi }}</b></td></tr>
  <tr><td class="label">Jenis Kelamin</td><td class="titik">:</td><td>{{ isian.jenis_kelamin_bayi }}</td></tr>
  <tr><td class="label">Tempat Lahir</td><td class="titik">:</td><td>{{ isian.tempat_lahir_bayi }}</td></tr>
  <tr><td class="label">Tanggal Lahir</td><td class="titik">:</td><td>{{ isian.tanggal_lahir_bayi }}{% if isian.pukul %}, pukul {{ isian.pukul }}{% endif %}</td></tr>
  <tr><td class="label">Anak ke-</td><td class="titik">:</td><td>{{ isian.anak_ke }}</td></tr>
  <tr><td class="label">Alamat</td><td class="titik">:</td><td>{{ penduduk.alamat_lengkap }}</td></tr>
</table>
<p class="isi">Anak tersebut adalah anak dari seorang ayah dan ibu sebagai berikut:</p>
<table class="data">
  <tr><td class="label">Nama Ayah</td><td class="titik">:</td><td><b>{% if ayah %}{{ ayah.nama }}{% else %}{{ penduduk.nama_ayah }}{% endif %}</b></td></tr>
  {% if ayah %}
  <tr><td class="label">NIK</td><td class="titik">:</td><td>{{ ayah.nik }}</td></tr>
  <tr><td class="label">Tempat/Tanggal Lahir</td><td class="titik">:</td><td>{{ ayah.tempat_tanggal_lahir }}</td></tr>
  <tr><td class="label">Pekerjaan</td><td class="titik">:</td><td>{{ ayah.pekerjaan }}</td></tr>
  <tr><td class="label">Alamat</td><td class="titik">:</td><td>{{ ayah.alamat_lengkap }}</td></tr>
  {% endif %}
  <tr><td class="label">Nama Ibu</td><td class="titik">:</td><td><b>{% if ibu %}{{ ibu.nama }}{% else %}{{ penduduk.nama_ibu }}{% endif %}</b></td></tr>
  {% if ibu %}
  <tr><td class="label">NIK</td><td class="titik">:</td><td>{{ ibu.nik }}</td></tr>
  <tr><td class="label">Tempat/Tanggal Lahir</td><td class="titik">:</td><td>{{ ibu.tempat_tanggal_lahir }}</td></tr>
  <tr><td class="label">Pekerjaan</td><td class="titik">:</td><td>{{ ibu.pekerjaan }}</td></tr>
  <tr><td class="label">Alamat</td><td class="titik">:</td><td>{{ ibu.alamat_lengkap }}</td></tr>
  {% endif %}
</table>
<p class="isi">Keterangan ini dibuat berdasarkan laporan keluarga yang bersangkutan dan data kependudukan yang ada pada Pemerintah {{ nagari.sebutan_desa }} {{ nagari.nama }}, dan diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.</p>
<p class="penutup">Demikian surat keterangan kelahiran ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 0,
        "kertas": "F4",
        "mandiri": False,
        "persetujuan": False,
    },
    {
        "kode": "kematian",
        "nama": "Surat Keterangan Kematian",
        "kode_klasifikasi": "400.12.3.2",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "isian": [
            {"kunci": "tanggal_meninggal", "label": "Tanggal meninggal", "jenis": "tanggal", "wajib": True},
            {"kunci": "tempat_meninggal", "label": "Tempat meninggal", "jenis": "teks", "wajib": True},
            {"kunci": "sebab", "label": "Sebab kematian", "jenis": "pilihan", "wajib": True, "pilihan": ["Sakit biasa/tua", "Wabah penyakit", "Kecelakaan", "Kriminalitas", "Bunuh diri", "Lainnya"]},
            {"kunci": "pelapor", "label": "Nama pelapor", "jenis": "teks", "wajib": False},
        ],
        "persyaratan": [
            "Surat keterangan kematian dari dokter, puskesmas, atau rumah sakit (bila ada)",
            "Kartu Tanda Penduduk elektronik (KTP-el) almarhum/almarhumah",
            "Kartu Keluarga almarhum/almarhumah",
            "Fotokopi KTP-el pelapor",
            "Fotokopi KTP-el dua orang saksi",
        ],
        "template": """\
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  <tr><td class="label">Nama</td><td class="titik">:</td><td><b>{{ penduduk.nama }}</b></td></tr>
  <tr><td class="label">NIK</td><td class="titik">:</td><td>{{ penduduk.nik }}</td></tr>
  <tr><td class="label">Tempat/Tanggal Lahir</td><td class="titik">:</td><td>{{ penduduk.tempat_tanggal_lahir }}</td></tr>
  <tr><td class="label">Jenis Kelamin</td><td class="titik">:</td><td>{{ penduduk.jenis_kelamin }}</td></tr>
  <tr><td class="label">Agama</td><td class="titik">:</td><td>{{ penduduk.agama }}</td></tr>
  <tr><td class="label">Status Perkawinan</td><td class="titik">:</td><td>{{ penduduk.status_kawin }}</td></tr>
  <tr><td class="label">Pekerjaan</td><td class="titik">:</td><td>{{ penduduk.pekerjaan }}</td></tr>
  <tr><td class="label">Alamat Terakhir</td><td class="titik">:</td><td>{{ penduduk.alamat_lengkap }}</td></tr>
</table>
<p class="isi">Orang tersebut di atas benar telah meninggal dunia dengan keterangan sebagai berikut:</p>
<table class="data">
  <tr><td class="label">Tanggal Meninggal</td><td class="titik">:</td><td>{{ isian.tanggal_meninggal }}</td></tr>
  <tr><td class="label">Tempat Meninggal</td><td class="titik">:</td><td>{{ isian.tempat_meninggal }}</td></tr>
  <tr><td class="label">Sebab Kematian</td><td class="titik">:</td><td>{{ isian.sebab }}</td></tr>
</table>
<p class="isi">Keterangan ini dibuat berdasarkan laporan {% if isian.pelapor %}dari Saudara/i <b>{{ isian.pelapor }}</b> {% else %}keluarga almarhum/almarhumah {% endif %}serta data kependudukan yang ada pada Pemerintah {{ nagari.sebutan_desa }} {{ nagari.nama }}, dan diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.</p>
<p class="penutup">Demikian surat keterangan kematian ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 0,
        "kertas": "F4",
        "mandiri": False,
        "persetujuan": False,
    },
    {
        "kode": "pindah",
        "nama": "Surat Keterangan Pindah",
        "kode_klasifikasi": "400.12.2.3",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "isian": [
            {"kunci": "alamat_tujuan", "label": "Alamat tujuan", "jenis": "teks_panjang", "wajib": True},
            {"kunci": "desa_tujuan", "label": "Desa/kelurahan tujuan", "jenis": "teks", "wajib": True},
            {"kunci": "kecamatan_tujuan", "label": "Kecamatan tujuan", "jenis": "teks", "wajib": True},
            {"kunci": "kabupaten_tujuan", "label": "Kabupaten/kota tujuan", "jenis": "teks", "wajib": True},
            {"kunci": "provinsi_tujuan", "label": "Provinsi tujuan", "jenis": "teks", "wajib": True},
            {"kunci": "alasan_pindah", "label": "Alasan pindah", "jenis": "pilihan", "wajib": True, "pilihan": ["Pekerjaan", "Pendidikan", "Keamanan", "Kesehatan", "Perumahan", "Keluarga", "Lainnya"]},
            {"kunci": "jumlah_pengikut", "label": "Jumlah anggota keluarga yang ikut pindah", "jenis": "angka", "wajib": False},
        ],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Kartu Tanda Penduduk elektronik (KTP-el) asli",
            "Kartu Keluarga asli",
            "Fotokopi KTP-el anggota keluarga yang ikut pindah",
        ],
        "template": """\
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  <tr><td class="label">Nama</td><td class="titik">:</td><td><b>{{ penduduk.nama }}</b></td></tr>
  <tr><td class="label">NIK</td><td class="titik">:</td><td>{{ penduduk.nik }}</td></tr>
  <tr><td class="label">Nomor KK</td><td class="titik">:</td><td>{{ penduduk.no_kk }}</td></tr>
  <tr><td class="label">Tempat/Tanggal Lahir</td><td class="titik">:</td><td>{{ penduduk.tempat_tanggal_lahir }}</td></tr>
  <tr><td class="label">Jenis Kelamin</td><td class="titik">:</td><td>{{ penduduk.jenis_kelamin }}</td></tr>
  <tr><td class="label">Agama</td><td class="titik">:</td><td>{{ penduduk.agama }}</td></tr>
  <tr><td class="label">Status Perkawinan</td><td class="titik">:</td><td>{{ penduduk.status_kawin }}</td></tr>
  <tr><td class="label">Pekerjaan</td><td class="titik">:</td><td>{{ penduduk.pekerjaan }}</td></tr>
  <tr><td class="label">Kewarganegaraan</td><td class="titik">:</td><td>{{ penduduk.kewarganegaraan }}</td></tr>
  <tr><td class="label">Alamat Asal</td><td class="titik">:</td><td>{{ penduduk.alamat_lengkap }}</td></tr>
</table>
<p class="isi">Orang tersebut di atas adalah benar penduduk {{ nagari.sebutan_desa }} {{ nagari.nama }} yang bermaksud pindah tempat tinggal ke alamat sebagai berikut:</p>
<table class="data">
  <tr><td class="label">Alamat Tujuan</td><td class="titik">:</td><td>{{ isian.alamat_tujuan }}</td></tr>
  <tr><td class="label">Desa/Kelurahan</td><td class="titik">:</td><td>{{ isian.desa_tujuan }}</td></tr>
  <tr><td class="label">Kecamatan</td><td class="titik">:</td><td>{{ isian.kecamatan_tujuan }}</td></tr>
  <tr><td class="label">Kabupaten/Kota</td><td class="titik">:</td><td>{{ isian.kabupaten_tujuan }}</td></tr>
  <tr><td class="label">Provinsi</td><td class="titik">:</td><td>{{ isian.provinsi_tujuan }}</td></tr>
  <tr><td class="label">Alasan Pindah</td><td class="titik">:</td><td>{{ isian.alasan_pindah }}</td></tr>
  {% if isian.jumlah_pengikut %}<tr><td class="label">Jumlah Pengikut</td><td class="titik">:</td><td>{{ isian.jumlah_pengikut }} orang</td></tr>{% endif %}
</table>
<p class="isi">Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>, dan selanjutnya dapat dipergunakan sebagai pengantar untuk pengurusan administrasi kependudukan di daerah tujuan.{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat keterangan pindah ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "mandiri": False,
        "persetujuan": False,
    },
    {
        "kode": "penduduk",
        "nama": "Surat Keterangan Penduduk",
        "kode_klasifikasi": "400.12.2.1",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "isian": [],
        "persyaratan": [
            "Fotokopi Kartu Tanda Penduduk elektronik (KTP-el)",
            "Fotokopi Kartu Keluarga",
        ],
        "template": """\
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  <tr><td class="label">Nama</td><td class="titik">:</td><td><b>{{ penduduk.nama }}</b></td></tr>
  <tr><td class="label">NIK</td><td class="titik">:</td><td>{{ penduduk.nik }}</td></tr>
  <tr><td class="label">Nomor KK</td><td class="titik">:</td><td>{{ penduduk.no_kk }}</td></tr>
  <tr><td class="label">Tempat/Tanggal Lahir</td><td class="titik">:</td><td>{{ penduduk.tempat_tanggal_lahir }}</td></tr>
  <tr><td class="label">Jenis Kelamin</td><td class="titik">:</td><td>{{ penduduk.jenis_kelamin }}</td></tr>
  <tr><td class="label">Agama</td><td class="titik">:</td><td>{{ penduduk.agama }}</td></tr>
  <tr><td class="label">Status Perkawinan</td><td class="titik">:</td><td>{{ penduduk.status_kawin }}</td></tr>
  <tr><td class="label">Hubungan dalam Keluarga</td><td class="titik">:</td><td>{{ penduduk.hubungan }}</td></tr>
  <tr><td class="label">Pendidikan Terakhir</td><td class="titik">:</td><td>{{ penduduk.pendidikan }}</td></tr>
  <tr><td class="label">Pekerjaan</td><td class="titik">:</td><td>{{ penduduk.pekerjaan }}</td></tr>
  <tr><td class="label">Kewarganegaraan</td><td class="titik">:</td><td>{{ penduduk.kewarganegaraan }}</td></tr>
  <tr><td class="label">Alamat</td><td class="titik">:</td><td>{{ penduduk.alamat_lengkap }}</td></tr>
</table>
<p class="isi">Orang tersebut di atas adalah benar penduduk {{ nagari.sebutan_desa }} {{ nagari.nama }} yang tercatat dalam buku induk kependudukan kami dan bertempat tinggal pada alamat sebagaimana tersebut di atas.</p>
<p class="isi">Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "mandiri": True,
        "persetujuan": False,
    },
    {
        "kode": "pengantar",
        "nama": "Surat Pengantar",
        "kode_klasifikasi": "400.12.2",
        "subjek": "penduduk_atau_luar",
        "orang_tua": False,
        "pasangan": False,
        "isian": [
            {"kunci": "perihal", "label": "Perihal yang diurus", "jenis": "teks", "wajib": True},
        ],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi Kartu Tanda Penduduk elektronik (KTP-el)",
            "Fotokopi Kartu Keluarga",
        ],
        "template": """\
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini memberikan pengantar kepada:</p>
<table class="data">
  <tr><td class="label">Nama</td><td class="titik">:</td><td><b>{{ penduduk.nama }}</b></td></tr>
  <tr><td class="label">NIK</td><td class="titik">:</td><td>{{ penduduk.nik }}</td></tr>
  <tr><td class="label">Tempat/Tanggal Lahir</td><td class="titik">:</td><td>{{ penduduk.tempat_tanggal_lahir }}</td></tr>
  <tr><td class="label">Jenis Kelamin</td><td class="titik">:</td><td>{{ penduduk.jenis_kelamin }}</td></tr>
  <tr><td class="label">Agama</td><td class="titik">:</td><td>{{ penduduk.agama }}</td></tr>
  <tr><td class="label">Pekerjaan</td><td class="titik">:</td><td>{{ penduduk.pekerjaan }}</td></tr>
  <tr><td class="label">Kewarganegaraan</td><td class="titik">:</td><td>{{ penduduk.kewarganegaraan }}</td></tr>
  <tr><td class="label">Alamat</td><td class="titik">:</td><td>{{ penduduk.alamat_lengkap }}</td></tr>
</table>
<p class="isi">Orang tersebut di atas bermaksud mengurus <b>{{ isian.perihal }}</b> untuk keperluan: <b>{{ surat.keperluan }}</b>.</p>
<p class="isi">Sehubungan dengan hal tersebut, kami mohon bantuan Bapak/Ibu pejabat atau instansi yang berwenang untuk dapat memberikan pelayanan sebagaimana mestinya kepada yang bersangkutan sesuai dengan ketentuan yang berlaku.{% if surat.berlaku_sampai %} Surat pengantar ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat pengantar ini dibuat untuk dapat dipergunakan sebagaimana mestinya. Atas perhatian dan bantuannya, kami ucapkan terima kasih.</p>
""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "mandiri": True,
        "persetujuan": False,
    },
    {
        "kode": "bepergian",
        "nama": "Surat Keterangan Bepergian",
        "kode_klasifikasi": "400.12.2.4",
        "subjek": "penduduk_atau_luar",
        "orang_tua": False,
        "pasangan": False,
        "isian": [
            {"kunci": "tujuan", "label": "Tempat tujuan", "jenis": "teks", "wajib": True},
            {"kunci": "tanggal_berangkat", "label": "Tanggal berangkat", "jenis": "tanggal", "wajib": True},
            {"kunci": "lama", "label": "Lama bepergian (mis. 2 minggu)", "jenis": "teks", "wajib": True},
        ],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi Kartu Tanda Penduduk elektronik (KTP-el)",
        ],
        "template": """\
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  <tr><td class="label">Nama</td><td class="titik">:</td><td><b>{{ penduduk.nama }}</b></td></tr>
  <tr><td class="label">NIK</td><td class="titik">:</td><td>{{ penduduk.nik }}</td></tr>
  <tr><td class="label">Tempat/Tanggal Lahir</td><td class="titik">:</td><td>{{ penduduk.tempat_tanggal_lahir }}</td></tr>
  <tr><td class="label">Jenis Kelamin</td><td class="titik">:</td><td>{{ penduduk.jenis_kelamin }}</td></tr>
  <tr><td class="label">Pekerjaan</td><td class="titik">:</td><td>{{ penduduk.pekerjaan }}</td></tr>
  <tr><td class="label">Kewarganegaraan</td><td class="titik">:</td><td>{{ penduduk.kewarganegaraan }}</td></tr>
  <tr><td class="label">Alamat</td><td class="titik">:</td><td>{{ penduduk.alamat_lengkap }}</td></tr>
</table>
<p class="isi">Orang tersebut di atas benar akan melakukan perjalanan dengan keterangan sebagai berikut:</p>
<table class="data">
  <tr><td class="label">Tempat Tujuan</td><td class="titik">:</td><td>{{ isian.tujuan }}</td></tr>
  <tr><td class="label">Tanggal Berangkat</td><td class="titik">:</td><td>{{ isian.tanggal_berangkat }}</td></tr>
  <tr><td class="label">Lama Bepergian</td><td class="titik">:</td><td>{{ isian.lama }}</td></tr>
</table>
<p class="isi">Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>. Kepada pihak yang berkepentingan, kami mohon kiranya dapat memberikan bantuan dan kemudahan kepada yang bersangkutan selama dalam perjalanan.{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "mandiri": True,
        "persetujuan": False,
    },
    {
        "kode": "penghasilan_ortu",
        "nama": "Surat Keterangan Penghasilan Orang Tua",
        "kode_klasifikasi": "400.3.5",
        "subjek": "penduduk",
        "orang_tua": True,
        "pasangan": False,
        "isian": [
            {"kunci": "penghasilan_ayah", "label": "Penghasilan ayah (Rp per bulan; isi 0 bila tidak berpenghasilan)", "jenis": "angka", "wajib": True},
            {"kunci": "penghasilan_ibu", "label": "Penghasilan ibu (Rp per bulan; isi 0 bila tidak berpenghasilan)", "jenis": "angka", "wajib": True},
            {"kunci": "sekolah", "label": "Nama sekolah/perguruan tinggi anak", "jenis": "teks", "wajib": False},
        ],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi Kartu Keluarga",
            "Fotokopi Kartu Tanda Penduduk elektronik (KTP-el) ayah dan ibu",
            "Fotokopi kartu pelajar atau kartu tanda mahasiswa (bila ada)",
        ],
        "template": """\
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini menerangkan bahwa:</p>
<table class="data">
  <tr><td class="label">Nama</td><td class="titik">:</td><td><b>{{ penduduk.nama }}</b></td></tr>
  <tr><td class="label">NIK</td><td class="titik">:</td><td>{{ penduduk.nik }}</td></tr>
  <tr><td class="label">Tempat/Tanggal Lahir</td><td class="titik">:</td><td>{{ penduduk.tempat_tanggal_lahir }}</td></tr>
  <tr><td class="label">Jenis Kelamin</td><td class="titik">:</td><td>{{ penduduk.jenis_kelamin }}</td></tr>
  {% if isian.sekolah %}<tr><td class="label">Sekolah/Perguruan Tinggi</td><td class="titik">:</td><td>{{ isian.sekolah }}</td></tr>{% endif %}
  <tr><td class="label">Alamat</td><td class="titik">:</td><td>{{ penduduk.alamat_lengkap }}</td></tr>
</table>
<p class="isi">adalah benar anak dari orang tua sebagai berikut:</p>
<table class="data">
  <tr><td class="label">Nama Ayah</td><td class="titik">:</td><td><b>{% if ayah %}{{ ayah.nama }}{% else %}{{ penduduk.nama_ayah }}{% endif %}</b></td></tr>
  {% if ayah %}
  <tr><td class="label">NIK</td><td class="titik">:</td><td>{{ ayah.nik }}</td></tr>
  <tr><td class="label">Pekerjaan</td><td class="titik">:</td><td>{{ ayah.pekerjaan }}</td></tr>
  {% endif %}
  <tr><td class="label">Penghasilan per Bulan</td><td class="titik">:</td><td>{{ isian.penghasilan_ayah | rupiah }} <i>({{ isian.penghasilan_ayah | rupiah_terbilang }})</i></td></tr>
  <tr><td class="label">Nama Ibu</td><td class="titik">:</td><td><b>{% if ibu %}{{ ibu.nama }}{% else %}{{ penduduk.nama_ibu }}{% endif %}</b></td></tr>
  {% if ibu %}
  <tr><td class="label">NIK</td><td class="titik">:</td><td>{{ ibu.nik }}</td></tr>
  <tr><td class="label">Pekerjaan</td><td class="titik">:</td><td>{{ ibu.pekerjaan }}</td></tr>
  {% endif %}
  <tr><td class="label">Penghasilan per Bulan</td><td class="titik">:</td><td>{{ isian.penghasilan_ibu | rupiah }} <i>({{ isian.penghasilan_ibu | rupiah_terbilang }})</i></td></tr>
</table>
<p class="isi">Keterangan penghasilan tersebut di atas dibuat berdasarkan pengakuan orang tua yang bersangkutan dan sepanjang pengetahuan kami sesuai dengan keadaan yang sebenarnya.</p>
<p class="isi">Surat keterangan ini diberikan untuk keperluan: <b>{{ surat.keperluan }}</b>.{% if surat.berlaku_sampai %} Surat keterangan ini berlaku sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "mandiri": True,
        "persetujuan": False,
    },
    {
        "kode": "izin_keramaian",
        "nama": "Surat Izin Keramaian",
        "kode_klasifikasi": "300.1.5",
        "subjek": "penduduk",
        "orang_tua": False,
        "pasangan": False,
        "isian": [
            {"kunci": "nama_acara", "label": "Nama/jenis acara", "jenis": "teks", "wajib": True},
            {"kunci": "tanggal_acara", "label": "Tanggal acara", "jenis": "tanggal", "wajib": True},
            {"kunci": "waktu", "label": "Waktu (mis. pukul 08.00 s.d. 17.00 WIB)", "jenis": "teks", "wajib": True},
            {"kunci": "tempat_acara", "label": "Tempat acara", "jenis": "teks", "wajib": True},
            {"kunci": "hiburan", "label": "Hiburan yang ditampilkan", "jenis": "teks", "wajib": False},
            {"kunci": "jumlah_undangan", "label": "Perkiraan jumlah undangan (orang)", "jenis": "angka", "wajib": False},
        ],
        "persyaratan": [
            "Surat pengantar RT/RW",
            "Fotokopi Kartu Tanda Penduduk elektronik (KTP-el) penanggung jawab acara",
            "Surat pernyataan kesanggupan menjaga ketertiban dari penyelenggara",
            "Persetujuan tertulis dari tetangga sekitar tempat acara (bila diperlukan)",
        ],
        "template": """\
<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} {{ nagari.nama }}, Kecamatan {{ nagari.kecamatan }}, Kabupaten {{ nagari.kabupaten }}, dengan ini memberikan izin kepada:</p>
<table class="data">
  <tr><td class="label">Nama</td><td class="titik">:</td><td><b>{{ penduduk.nama }}</b></td></tr>
  <tr><td class="label">NIK</td><td class="titik">:</td><td>{{ penduduk.nik }}</td></tr>
  <tr><td class="label">Tempat/Tanggal Lahir</td><td class="titik">:</td><td>{{ penduduk.tempat_tanggal_lahir }}</td></tr>
  <tr><td class="label">Pekerjaan</td><td class="titik">:</td><td>{{ penduduk.pekerjaan }}</td></tr>
  <tr><td class="label">Alamat</td><td class="titik">:</td><td>{{ penduduk.alamat_lengkap }}</td></tr>
</table>
<p class="isi">selaku penyelenggara dan penanggung jawab, untuk mengadakan keramaian dengan keterangan sebagai berikut:</p>
<table class="data">
  <tr><td class="label">Nama Acara</td><td class="titik">:</td><td><b>{{ isian.nama_acara }}</b></td></tr>
  <tr><td class="label">Tanggal</td><td class="titik">:</td><td>{{ isian.tanggal_acara }}</td></tr>
  <tr><td class="label">Waktu</td><td class="titik">:</td><td>{{ isian.waktu }}</td></tr>
  <tr><td class="label">Tempat</td><td class="titik">:</td><td>{{ isian.tempat_acara }}</td></tr>
  {% if isian.hiburan %}<tr><td class="label">Hiburan</td><td class="titik">:</td><td>{{ isian.hiburan }}</td></tr>{% endif %}
  {% if isian.jumlah_undangan %}<tr><td class="label">Perkiraan Undangan</td><td class="titik">:</td><td>± {{ isian.jumlah_undangan }} orang</td></tr>{% endif %}
  <tr><td class="label">Keperluan</td><td class="titik">:</td><td>{{ surat.keperluan }}</td></tr>
</table>
<p class="isi">Izin ini diberikan dengan ketentuan bahwa penyelenggara wajib:</p>
<ol>
  <li>menjaga keamanan, ketertiban, dan kebersihan di tempat acara dan lingkungan sekitarnya selama acara berlangsung;</li>
  <li>menghormati norma agama, adat istiadat, dan kebiasaan yang berlaku dalam masyarakat {{ nagari.sebutan_desa }} {{ nagari.nama }};</li>
  <li>mengakhiri acara tepat pada waktu yang telah ditetapkan di atas;</li>
  <li>tidak menyediakan atau membiarkan peredaran minuman keras dan narkotika, serta tidak mengadakan perjudian dalam bentuk apa pun;</li>
  <li>mengatur kelancaran lalu lintas dan tidak menutup jalan umum tanpa izin dari pihak yang berwenang;</li>
  <li>memberitahukan penyelenggaraan acara kepada Kepolisian setempat dan mengurus izin lain yang diperlukan sesuai dengan ketentuan peraturan perundang-undangan;</li>
  <li>bertanggung jawab sepenuhnya atas segala akibat, gangguan, dan kerugian yang timbul dari penyelenggaraan acara tersebut.</li>
</ol>
<p class="isi">Apabila penyelenggara tidak mematuhi ketentuan tersebut di atas, izin ini dapat dicabut sewaktu-waktu dan acara dapat dihentikan.{% if surat.berlaku_sampai %} Izin ini hanya berlaku untuk acara tersebut di atas dan paling lama sampai dengan tanggal {{ surat.berlaku_sampai }}.{% endif %}</p>
<p class="penutup">Demikian surat izin ini diberikan untuk dapat dipergunakan sebagaimana mestinya.</p>
""",
        "masa_berlaku_hari": 30,
        "kertas": "F4",
        "mandiri": False,
        "persetujuan": True,
    },
)
