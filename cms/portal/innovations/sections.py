"""The sections of the innovation form, with what to write in each.

The form is long; agency staff write it over several sittings. Each section
says what belongs there and gives a short example, in the order in which the
public detail page shows them.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    guidance: str
    example: str = ""
    fields: list[str] = field(default_factory=list)


SECTIONS = [
    Section(
        "identitas",
        _("Identitas"),
        _(
            "Nama inovasi yang mudah diingat dan ringkasan yang bisa dibaca dalam satu menit: masalah apa, "
            "apa yang dilakukan, untuk siapa, dan hasil terpentingnya. Ringkasan paling banyak 200 kata."
        ),
        _(
            "Contoh ringkasan: \"Warga harus datang tiga kali ke kantor untuk mengurus akta kelahiran. Sejak 2017 "
            "petugas dukcapil melayani di rumah sakit bersalin, sehingga akta terbit sebelum ibu pulang. "
            "Cakupan akta anak naik dari 61% menjadi 94%.\""
        ),
        ["agency", "title", "summary", "product", "unit_name", "tags"],
    ),
    Section(
        "klasifikasi",
        _("Klasifikasi"),
        _(
            "Pilih yang paling tepat; klasifikasi dipakai untuk penyaringan di katalog. Sektor adalah urusan "
            "pemerintahan yang dilayani (boleh lebih dari satu), TPB/SDG adalah tujuan pembangunan yang didukung."
        ),
        _("Contoh: aplikasi antrean puskesmas = pelayanan publik, teknologi, digital, sektor kesehatan, TPB 3."),
        ["initiator", "form", "kind", "is_digital", "sectors", "sdgs"],
    ),
    Section(
        "wilayah",
        _("Wilayah & waktu"),
        _(
            "Wilayah terisi dari instansi Anda; ubah bila inovasi diterapkan di kabupaten/kota lain. "
            "Tahap: inisiatif (gagasan dan rancangan), uji coba (diterapkan terbatas), penerapan (berjalan penuh)."
        ),
        _("Contoh: dimulai 2016 sebagai uji coba di dua kecamatan, diterapkan di seluruh kota sejak Maret 2017."),
        ["province", "regency", "stage", "year_started", "year_implemented", "implemented_on"],
    ),
    Section(
        "problem",
        _("Masalah dan tujuan"),
        _("Keadaan sebelum inovasi, siapa yang dirugikan, dengan angka bila ada; lalu apa yang ingin dicapai."),
        _("Contoh: \"Hanya 61% anak usia 0–18 tahun memiliki akta kelahiran (2016) karena kantor dukcapil jauh ...\""),
        ["problem"],
    ),
    Section(
        "novelty",
        _("Kebaruan"),
        _("Apa yang berbeda dari cara sebelumnya atau dari daerah lain; apa yang pertama kali dilakukan."),
        _("Contoh: \"Pertama kali akta diterbitkan langsung di rumah sakit bersalin, tanpa berkas fisik.\""),
        ["novelty"],
    ),
    Section(
        "implementation_steps",
        _("Langkah penerapan"),
        _("Tahapan yang benar-benar dilakukan, berurutan, dengan pihak yang terlibat di tiap tahap."),
        _("Contoh: \"1. Nota kesepahaman dengan 12 rumah sakit. 2. Pelatihan bidan. 3. Penerbitan akta di tempat.\""),
        ["implementation_steps"],
    ),
    Section(
        "results",
        _("Hasil dan manfaat"),
        _("Perubahan yang terukur bagi warga dan bagi instansi; sebutkan sumber datanya. Rinci angkanya di Indikator hasil."),
        _("Contoh: \"Waktu pengurusan turun dari 14 hari menjadi 1 hari; biaya transportasi warga tidak ada lagi.\""),
        ["results"],
    ),
    Section(
        "resources",
        _("Sumber daya dan biaya"),
        _("Orang, anggaran (sumber dan jumlah per tahun), sarana dan mitra yang dibutuhkan."),
        _("Contoh: \"4 petugas, APBD Rp 120 juta per tahun untuk perangkat dan jaringan.\""),
        ["resources"],
    ),
    Section(
        "sustainability",
        _("Keberlanjutan"),
        _("Apa yang menjamin inovasi tetap berjalan: regulasi, anggaran rutin, SOP, kelembagaan."),
        _("Contoh: \"Diatur dalam Perwali No. 12/2018 dan masuk anggaran rutin dinas.\""),
        ["sustainability"],
    ),
    Section(
        "replication_prerequisites",
        _("Prasyarat replikasi"),
        _("Yang harus dimiliki daerah lain sebelum meniru inovasi ini."),
        _("Contoh: \"Jaringan internet di rumah sakit, petugas yang memiliki hak akses SIAK.\""),
        ["replication_prerequisites"],
    ),
    Section(
        "factors",
        _("Faktor pendorong dan penghambat"),
        _("Apa yang membantu keberhasilan dan kendala yang dihadapi, beserta cara mengatasinya."),
        _("Contoh: \"Pendorong: dukungan wali kota. Penghambat: jaringan sering putus, diatasi dengan modem cadangan.\""),
        ["enabling_factors", "hindering_factors"],
    ),
]

# Sections rendered by the template itself (not plain form fields), placed after the narrative.
INDICATORS_SECTION = Section(
    "indikator",
    _("Indikator hasil"),
    _(
        "Ukuran keberhasilan, masing-masing dengan nilai awal (sebelum inovasi) dan capaian terakhir. "
        "Urutkan dari yang terpenting; gunakan titik atau koma untuk desimal."
    ),
    _("Contoh: Cakupan akta kelahiran anak, satuan %, nilai awal 61 (2016), capaian 94 (2018)."),
)
ATTACHMENTS_SECTION = Section(
    "lampiran",
    _("Dokumen & gambar"),
    _(
        "Dokumen pendukung (PDF, Word, Excel, PowerPoint, OpenDocument, teks) dan foto kegiatan (JPEG, PNG, WebP). "
        "Lampiran baru tampil di katalog setelah disetujui verifikator."
    ),
    _("Contoh: SK tim inovasi, SOP layanan, laporan evaluasi, foto layanan berjalan."),
)
CONTACT_SECTION = Section(
    "kontak",
    _("Kontak"),
    _("Kontak unit yang dapat dihubungi daerah lain yang ingin belajar atau mereplikasi; tampil di katalog."),
    _("Contoh: Bidang Pelayanan Pencatatan Sipil, pencatatan.sipil@surakarta.go.id, (0271) 123456."),
    ["contact_name", "contact_email", "contact_phone", "video_url"],
)
