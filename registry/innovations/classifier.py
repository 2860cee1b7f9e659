"""A documented keyword classifier: sectors, SDGs and "digital" from an innovation's text.

The LAN directory has no sector, SDG or digital column, so the demo import and the
generator derive them here, deterministically (the same text always gives the same
result; no model, no randomness). How it decides:

- Every sector and SDG has a list of Indonesian keyword patterns (word prefixes, so
  "kesehatan" also matches "kesehatannya"). A pattern found in the **title** scores 3,
  each pattern found in the **body** text scores 1 (a pattern counts once per field).
- A sector is kept when it scores at least 3 (a title hit, or three different body
  keywords); at most `MAX_SECTORS`, highest score first, ties by the taxonomy order.
  When none reaches 3 the best-scoring sector is kept if it has any hit; otherwise
  the innovation falls back to "tata-kelola" (governance), the cross-cutting sector.
- SDGs: each chosen sector implies its SDGs (`SECTOR_SDGS`, primary sector first) and
  SDG keywords add to that with the same scoring; at most `MAX_SDGS`.
- Form: a governance innovation ("tata_kelola") when the primary sector is internal to
  government (`GOVERNANCE_SECTORS`) and the agency is not a state enterprise, otherwise
  a public-service one ("pelayanan_publik").
- Digital: a digital keyword (aplikasi, online, SMS, sistem informasi, e-..., web...)
  in the title, or at least two different ones in the body.

Examples: "Akta kelahiran jemput bola" → administrasi-kependudukan; "izin" → perizinan;
"puskesmas", "pasien" → kesehatan; "sekolah", "siswa" → pendidikan.
"""

import re
from dataclasses import dataclass

MAX_SECTORS = 3
MAX_SDGS = 3
TITLE_WEIGHT = 3
KEEP_SCORE = 3
FALLBACK_SECTOR = "tata-kelola"

# sector code → keyword patterns (regular expressions matched at a word start, lower case).
SECTOR_KEYWORDS: dict[str, list[str]] = {
    "pendidikan": [r"sekolah", r"siswa", r"murid", r"guru\b", r"pendidikan", r"belajar", r"kurikulum", r"ujian nasional", r"peserta didik", r"ppdb", r"raport", r"rapor\b", r"beasiswa", r"paud\b", r"pelajar"],
    "kesehatan": [r"kesehatan", r"puskes", r"pasien", r"rumah sakit", r"rsud", r"rsj\b", r"gizi", r"imunisasi", r"bidan", r"posyandu", r"penyakit", r"tuberkulos", r"dokter", r"klinik", r"ibu hamil", r"ibu bersalin", r"persalinan", r"rawat inap", r"obat\b", r"sanitasi", r"jamban", r"sehat"],
    "pekerjaan-umum": [r"jalan raya", r"jembatan", r"drainase", r"irigasi", r"tata ruang", r"infrastruktur", r"polder", r"air limbah", r"konstruksi", r"air minum", r"air bersih", r"pdam\b", r"perusahaan daerah air minum"],
    "perumahan": [r"perumahan", r"permukiman", r"rumah deret", r"kumuh", r"rumah tidak layak", r"rusunawa", r"bedah rumah"],
    "ketertiban-umum": [r"ketertiban", r"satpol", r"keamanan", r"kewaspadaan dini", r"konflik", r"pedagang kaki lima", r"pkl\b", r"gelandangan", r"pengemis", r"lalu lintas", r"\bsim\b", r"kepolisian", r"polisi", r"polda", r"kebakaran"],
    "sosial": [r"kemiskinan", r"miskin", r"gakin", r"sosial", r"disabilitas", r"difabel", r"penyandang", r"lansia", r"lanjut usia", r"terlantar", r"gelandangan", r"pengemis", r"rehabilitasi sosial", r"jaminan sosial"],
    "tenaga-kerja": [r"tenaga kerja", r"ketenagakerjaan", r"pencari kerja", r"lapangan kerja", r"pelatihan kerja", r"buruh", r"pekerja\b"],
    "pemberdayaan-perempuan": [r"perempuan", r"gender", r"layak anak", r"perlindungan anak", r"kekerasan", r"ramah anak", r"ibu dan anak", r"pengarusutamaan"],
    "pangan": [r"pangan", r"beras", r"cadangan pangan", r"ketahanan pangan", r"rumah pangan", r"bulog", r"keamanan produk pangan"],
    "pertanahan": [r"pertanahan", r"sertifikat tanah", r"sertifikasi tanah", r"tanah\b", r"agraria", r"larasita", r"bpn\b"],
    "lingkungan-hidup": [r"lingkungan hidup", r"sampah", r"limbah", r"daur ulang", r"bank sampah", r"polusi", r"pencemaran", r"perubahan iklim", r"emisi", r"ruang terbuka hijau", r"green\b", r"clean\b", r"plastik", r"biodiesel", r"kebersihan", r"pembersih"],
    "administrasi-kependudukan": [r"akta", r"akte", r"ktp", r"e-ktp", r"kependudukan", r"pencatatan sipil", r"dukcapil", r"capil\b", r"kartu keluarga", r"adminduk", r"kelahiran", r"nik\b", r"paspor", r"imigrasi", r"kartu identitas anak"],
    "pemberdayaan-desa": [r"pemberdayaan masyarakat", r"\bdesa\b", r"gampong", r"kelurahan", r"kampung", r"aparat desa", r"dana desa", r"swadaya", r"gotong royong", r"community development"],
    "keluarga-berencana": [r"keluarga berencana", r"\bkb\b", r"kontrasepsi", r"bkkbn", r"\bmop\b", r"\bmow\b", r"kependudukan dan keluarga"],
    "perhubungan": [r"transportasi", r"angkot", r"angkutan", r"terminal", r"pelabuhan", r"bandara", r"kereta", r"bus\b", r"transjakarta", r"traffic", r"transport", r"tol\b", r"penerbangan", r"kapal", r"pelayaran", r"parkir"],
    "komunikasi-informatika": [r"informasi publik", r"media center", r"e-government", r"broadband", r"teknologi informasi", r"pengaduan", r"keluhan", r"telekomunikasi", r"internet", r"website", r"portal", r"aplikasi", r"pos\b", r"pengiriman paket"],
    "koperasi-ukm": [r"koperasi", r"umkm", r"ukm\b", r"usaha mikro", r"usaha kecil", r"kredit mikro", r"wirausaha", r"pedagang", r"pengrajin", r"kredit"],
    "perizinan": [r"izin", r"ijin", r"perizinan", r"perijinan", r"satu pintu", r"one stop service", r"penanaman modal", r"investasi", r"\bpaten\b", r"single window"],
    "kepemudaan-olahraga": [r"pemuda", r"olahraga", r"kepemudaan", r"taruna"],
    "statistik": [r"statistik", r"satu data", r"one data", r"basis data", r"pendataan"],
    "persandian": [r"persandian", r"sandi\b", r"keamanan informasi", r"kriptograf"],
    "kebudayaan": [r"kebudayaan", r"budaya lokal", r"tradisional", r"adat", r"kesenian", r"seni\b", r"tenun", r"batik", r"cagar budaya", r"kota lama"],
    "perpustakaan": [r"perpustakaan", r"gemar membaca", r"kegemaran membaca", r"taman baca", r"literasi", r"taman cerdas", r"rumah pintar"],
    "kearsipan": [r"arsip", r"kearsipan", r"persuratan", r"jadwal retensi"],
    "kelautan-perikanan": [r"kelautan", r"perikanan", r"nelayan", r"ikan\b", r"pesisir", r"budidaya ikan"],
    "pariwisata": [r"pariwisata", r"wisata", r"wisatawan", r"night market", r"destinasi", r"hotel"],
    "pertanian": [r"pertanian", r"petani", r"tanam", r"pupuk", r"perkebunan", r"peternakan", r"ternak", r"agro", r"hortikultura", r"tembakau", r"belimbing", r"on farm", r"uji tanah"],
    "kehutanan": [r"kehutanan", r"hutan", r"konservasi", r"kayu\b", r"perhutani"],
    "energi": [r"energi", r"listrik", r"pln\b", r"bahan bakar", r"biogas", r"spbu", r"gas\b", r"bright gas", r"pertamina", r"kogenerasi", r"tambang", r"mineral"],
    "perdagangan": [r"perdagangan", r"pasar tradisional", r"pasar\b", r"pemasaran", r"dagang", r"konsinyasi", r"ekspor", r"pergudangan", r"gudang"],
    "perindustrian": [r"perindustrian", r"industri", r"pabrik", r"manufaktur", r"galangan kapal"],
    "transmigrasi": [r"transmigrasi", r"transmigran"],
    "penanggulangan-bencana": [r"bencana", r"banjir", r"gempa", r"tanggap darurat", r"kebakaran hutan", r"logistik bencana", r"mitigasi"],
    "keuangan": [r"keuangan daerah", r"anggaran", r"pajak", r"retribusi", r"pendapatan daerah", r"akuntansi", r"apbd", r"budgeting", r"e-payment", r"pembayaran", r"bank\b", r"perbankan", r"tabungan", r"asuransi", r"penjaminan", r"gadai", r"pegadaian", r"atm\b", r"nasabah", r"bni\b", r"bri\b", r"btn\b"],
    "kepegawaian": [r"kepegawaian", r"pegawai", r"aparatur", r"\basn\b", r"\bpns\b", r"diklat", r"kompetensi", r"sumber daya manusia", r"\bsdm\b", r"kinerja pegawai", r"budaya kerja"],
    "perencanaan": [r"perencanaan", r"musrenbang", r"rencana pembangunan", r"penelitian dan pengembangan", r"litbang", r"bappeda"],
    "pengawasan": [r"pengawasan", r"inspektorat", r"audit", r"gratifikasi", r"akuntabilitas", r"korupsi", r"pengendalian kegiatan", r"controlling"],
    "tata-kelola": [r"tata kelola", r"reformasi birokrasi", r"pelayanan publik", r"pelayanan terpadu", r"standar pelayanan", r"\bsop\b", r"pengadaan", r"kinerja", r"e-government", r"birokrasi", r"kelembagaan", r"transformasi"],
}

# SDG number → keyword patterns.
SDG_KEYWORDS: dict[int, list[str]] = {
    1: [r"kemiskinan", r"miskin", r"gakin", r"jaminan sosial", r"bantuan sosial"],
    2: [r"pangan", r"gizi", r"kelaparan", r"petani", r"pertanian", r"beras"],
    3: [r"kesehatan", r"puskes", r"pasien", r"rumah sakit", r"penyakit", r"imunisasi", r"ibu hamil", r"persalinan"],
    4: [r"pendidikan", r"sekolah", r"siswa", r"belajar", r"pelatihan", r"diklat", r"literasi", r"perpustakaan"],
    5: [r"perempuan", r"gender", r"ibu\b"],
    6: [r"air bersih", r"air minum", r"sanitasi", r"air limbah", r"pdam", r"jamban"],
    7: [r"energi", r"listrik", r"biodiesel", r"biogas", r"surya"],
    8: [r"umkm", r"ukm\b", r"usaha", r"wirausaha", r"lapangan kerja", r"ekonomi", r"pariwisata", r"tenaga kerja"],
    9: [r"infrastruktur", r"industri", r"inovasi teknologi", r"broadband", r"pelabuhan", r"bandara"],
    10: [r"disabilitas", r"difabel", r"kesenjangan", r"inklusi", r"terpencil", r"pelosok"],
    11: [r"perkotaan", r"permukiman", r"kumuh", r"transportasi", r"angkot", r"sampah", r"ruang terbuka", r"kota layak", r"bencana"],
    12: [r"daur ulang", r"limbah", r"bank sampah", r"plastik", r"konsumsi"],
    13: [r"perubahan iklim", r"emisi", r"iklim"],
    14: [r"kelautan", r"laut\b", r"perikanan", r"nelayan", r"pesisir"],
    15: [r"hutan", r"konservasi", r"keanekaragaman", r"mikroba"],
    16: [r"pelayanan publik", r"pengaduan", r"transparan", r"akuntabilitas", r"korupsi", r"gratifikasi", r"tata kelola", r"birokrasi", r"informasi publik", r"akta", r"akte", r"ktp", r"kependudukan", r"hukum", r"perizinan", r"izin"],
    17: [r"kemitraan", r"kerja sama", r"kerjasama", r"kolaborasi", r"sinergi", r"swasta"],
}

# Which SDGs a sector serves (first one is its primary goal).
SECTOR_SDGS: dict[str, list[int]] = {
    "pendidikan": [4], "kesehatan": [3], "pekerjaan-umum": [6, 9, 11], "perumahan": [11],
    "ketertiban-umum": [16], "sosial": [1, 10], "tenaga-kerja": [8], "pemberdayaan-perempuan": [5],
    "pangan": [2], "pertanahan": [1, 16], "lingkungan-hidup": [11, 12, 13],
    "administrasi-kependudukan": [16], "pemberdayaan-desa": [1, 11], "keluarga-berencana": [3, 5],
    "perhubungan": [9, 11], "komunikasi-informatika": [9, 16], "koperasi-ukm": [8],
    "perizinan": [8, 16], "kepemudaan-olahraga": [3, 4], "statistik": [17], "persandian": [16],
    "kebudayaan": [11], "perpustakaan": [4], "kearsipan": [16], "kelautan-perikanan": [14],
    "pariwisata": [8], "pertanian": [2], "kehutanan": [15], "energi": [7], "perdagangan": [8],
    "perindustrian": [9], "transmigrasi": [1], "penanggulangan-bencana": [11, 13],
    "keuangan": [16, 17], "kepegawaian": [16], "perencanaan": [16, 17], "pengawasan": [16],
    "tata-kelola": [16],
}

DIGITAL_KEYWORDS = [
    r"aplikasi", r"online", r"daring", r"sms\b", r"sistem informasi", r"website", r"web\b", r"berbasis web",
    r"internet", r"android", r"smartphone", r"ponsel", r"mobile", r"e-[a-z]", r"elektronik", r"digital",
    r"qr code", r"barcode", r"komputer", r"teknologi informasi", r"portal\b", r"database", r"basis data",
    r"cctv", r"gps\b", r"atm\b", r"vending machine", r"e-learning", r"situs\b", r"software", r"perangkat lunak",
    r"host to host", r"bridging system", r"hybrid machine", r"\bit\b",
]


def _compile(pattern: str) -> re.Pattern:
    # Text is normalised to " word word ..." (see `_normalise`), so a leading space marks a
    # word start and gives the regex engine a literal prefix to scan for: much faster
    # than a look-behind on long narratives.
    return re.compile(" " + pattern.removeprefix(r"\b"))


def _normalise(text: str) -> str:
    return " " + _NOT_WORD.sub(" ", (text or "").lower())


_NOT_WORD = re.compile(r"[^\w-]+")
_SECTOR_RES = {code: [_compile(p) for p in patterns] for code, patterns in SECTOR_KEYWORDS.items()}
_SDG_RES = {number: [_compile(p) for p in patterns] for number, patterns in SDG_KEYWORDS.items()}
_DIGITAL_RES = [_compile(p) for p in DIGITAL_KEYWORDS]
_SECTOR_ORDER = {code: index for index, code in enumerate(SECTOR_KEYWORDS)}


# Sectors about the workings of government itself: an innovation whose primary sector is
# one of these is a governance innovation; any other serves the public directly.
GOVERNANCE_SECTORS = frozenset(
    {"tata-kelola", "kepegawaian", "keuangan", "perencanaan", "pengawasan", "kearsipan", "statistik", "persandian"}
)


def form_for(sectors, *, agency_type: str = "") -> str:
    """"tata_kelola" when the primary sector is internal to government, else "pelayanan_publik".

    State enterprises (BUMN/BUMD) serve customers, so theirs are always public-service ones.
    """
    if agency_type in {"bumn", "bumd"}:
        return "pelayanan_publik"
    return "tata_kelola" if sectors and sectors[0] in GOVERNANCE_SECTORS else "pelayanan_publik"


@dataclass(frozen=True)
class Classification:
    sectors: tuple[str, ...]  # sector codes, primary first
    sdgs: tuple[int, ...]  # SDG numbers, primary first
    is_digital: bool


def _score(patterns: list[re.Pattern], title: str, body: str) -> int:
    return sum(TITLE_WEIGHT * bool(p.search(title)) + bool(p.search(body)) for p in patterns)


def classify(title: str, body: str) -> Classification:
    """Sectors, SDGs and the digital flag of one innovation (see the module docstring)."""
    title, body = _normalise(title), _normalise(body)
    scores = {code: _score(patterns, title, body) for code, patterns in _SECTOR_RES.items()}
    ranked = sorted((code for code in scores if scores[code] > 0), key=lambda c: (-scores[c], _SECTOR_ORDER[c]))
    sectors = [code for code in ranked if scores[code] >= KEEP_SCORE][:MAX_SECTORS]
    if not sectors:
        sectors = ranked[:1] or [FALLBACK_SECTOR]

    sdg_scores = {number: _score(patterns, title, body) for number, patterns in _SDG_RES.items()}
    for rank, code in enumerate(sectors):
        for number in SECTOR_SDGS.get(code, []):
            # Implied goals of the primary sector outrank everything else.
            sdg_scores[number] += KEEP_SCORE * (MAX_SECTORS - rank)
    sdgs = sorted((n for n in sdg_scores if sdg_scores[n] >= KEEP_SCORE), key=lambda n: (-sdg_scores[n], n))

    digital_title = any(p.search(title) for p in _DIGITAL_RES)
    digital_body = sum(bool(p.search(body)) for p in _DIGITAL_RES)
    return Classification(tuple(sectors), tuple(sdgs[:MAX_SDGS]), digital_title or digital_body >= 2)
