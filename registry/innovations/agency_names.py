"""Naming agencies for imported and generated innovations.

- `RegionIndex` knows the 38 provinces and 514 kab/kota, names their pemda
  ("Pemerintah Kota Surakarta", code `pemkot-33-72`) and finds a region named in a
  free-text agency name ("PDAM Kota Malang", "Pemda Jember", a misspelt "Minahahasa").
- `AgencyResolver` turns the LAN directory's `nama_instansi` into one agency per real
  agency: case and spelling variants share one key ("KOTA SURAKARTA" = "Kota
  Surakarta"; "Kemendikbud" = "Kementerian Pendidikan dan Kebudayaan"), national
  bodies come from the `NATIONAL_AGENCIES` table, pemda from the region, and a BUMD
  named after a region gets that region and its pemda as parent.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass, replace

from registry.agencies.models import AgencyType
from registry.innovations.text_tools import is_shouting, readable_title


@dataclass(frozen=True)
class AgencySpec:
    code: str
    name: str
    type: str
    short_name: str = ""
    province_code: str | None = None
    regency_code: str | None = None
    parent_code: str | None = None


def _national(code, name, short_name, type_=AgencyType.KEMENTERIAN, aliases=(), parent=None):
    return AgencySpec(code=code, name=name, type=type_, short_name=short_name, parent_code=parent), aliases


# Ministries and national bodies, with the other spellings the source uses for them.
_L = AgencyType.LEMBAGA
NATIONAL_AGENCIES = [
    _national("kemenkumham", "Kementerian Hukum dan Hak Asasi Manusia", "Kemenkumham",
              aliases=["Kementerian Hukum dan HAM", "Kemenkumham", "Kemenkum HAM"]),
    _national("kemendikbud", "Kementerian Pendidikan dan Kebudayaan", "Kemendikbud", aliases=["Kemendikbud"]),
    _national("kemensos", "Kementerian Sosial", "Kemensos", aliases=["Kemensos"]),
    _national("kemendagri", "Kementerian Dalam Negeri", "Kemendagri", aliases=["Kemendagri"]),
    _national("kemenkes", "Kementerian Kesehatan", "Kemenkes", aliases=["Kemenkes"]),
    _national("kemenkeu", "Kementerian Keuangan", "Kemenkeu", aliases=["Kemenkeu"]),
    _national("kemenpan-rb", "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "KemenPAN-RB",
              aliases=["Kementerian PAN dan RB", "Kementerian PANRB", "KemenPAN RB", "KemenPAN-RB"]),
    _national("kementan", "Kementerian Pertanian", "Kementan", aliases=["Kementan"]),
    _national("kemenhut", "Kementerian Kehutanan", "Kemenhut", aliases=["Kemenhut"]),
    _national("anri", "Arsip Nasional Republik Indonesia", "ANRI", _L, aliases=["Arsip Nasional", "ANRI"]),
    _national("big", "Badan Informasi Geospasial", "BIG", _L),
    _national("bkkbn", "Badan Kependudukan dan Keluarga Berencana Nasional", "BKKBN", _L, aliases=["BKKBN"]),
    _national("bpn", "Badan Pertanahan Nasional", "BPN", _L, aliases=["BPN"]),
    _national("bpom", "Badan Pengawas Obat dan Makanan", "BPOM", _L, aliases=["Badan POM", "BPOM"]),
    _national("bpkp", "Badan Pengawasan Keuangan dan Pembangunan", "BPKP", _L, aliases=["BPKP"]),
    _national("bppt", "Badan Pengkajian dan Penerapan Teknologi", "BPPT", _L, aliases=["BPPT"]),
    _national("lan", "Lembaga Administrasi Negara", "LAN", _L, aliases=["LAN"]),
    _national("lipi", "Lembaga Ilmu Pengetahuan Indonesia", "LIPI", _L, aliases=["LIPI"]),
    _national("polri", "Kepolisian Negara Republik Indonesia", "Polri", _L, aliases=["Polri", "Kepolisian RI"]),
    _national("polda-metro-jaya", "Kepolisian Daerah Metro Jaya", "Polda Metro Jaya", _L,
              aliases=["Polda Metro Jaya"], parent="polri"),
    # BPJS are public legal bodies answering to the President, not state companies.
    _national("bpjs-kesehatan", "BPJS Kesehatan", "BPJS Kesehatan", _L,
              aliases=["Badan Penyelenggara Jaminan Sosial (BPJS)", "Badan Penyelenggara Jaminan Sosial Kesehatan"]),
    _national("bpjs-ketenagakerjaan", "BPJS Ketenagakerjaan", "BPJS Ketenagakerjaan", _L,
              aliases=["Badan Penyelenggara Jaminan Sosial Ketenagakerjaan"]),
]

# Regional enterprises (BUMD) whose name carries no BUMD marker, with the region they belong to.
REGIONAL_ENTERPRISES = {
    "transjakarta": "dki jakarta",
    "pembangunan jaya ancol": "dki jakarta",
    "ppk pedaringan surakarta": "kota surakarta",
    "bank jatim": "jawa timur",
}
_BUMD_MARKERS = re.compile(
    r"\b(pdam|perumda|perusda|pd|bpr|bpd|bank daerah|bank pembangunan daerah|perusahaan daerah|jamkrida)\b"
)
_PEMDA_NAME = re.compile(r"^(pemerintah|pemda|pemkot|pemkab|pemprov|kota|kabupaten|kab|provinsi|prov)\b")
# Spellings of regions that the Kemendagri names do not contain.
_REGION_ALIASES = [
    (r"\bkab\b", "kabupaten"),
    (r"\bprov\b", "provinsi"),
    (r"\bdiy\b", "daerah istimewa yogyakarta"),
    (r"\bdki\b", "daerah khusus ibukota"),
    (r"\b(jogja|jogjakarta|yogya)\b", "yogyakarta"),
    (r"\bjatim\b", "jawa timur"),
    (r"\bjateng\b", "jawa tengah"),
    (r"\bjabar\b", "jawa barat"),
]

GROUP_PEMDA = "Provinsi / Kabupaten / Kota"
GROUP_BUMN_BUMD = "BUMN / BUMD"
GROUP_MINISTRY = "Kementrian / Lembaga"
GROUP_NGO = "LSM / NGO"


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def agency_key(name: str) -> str:
    """The spelling-independent key of an agency name: "PT. Pelindo III (Persero)" → "pelindo iii"."""
    tokens = [t for t in _plain(name).split() if t not in {"pt", "persero", "tbk"}]
    if tokens[-2:] == ["republik", "indonesia"]:
        tokens = tokens[:-2]
    if tokens[-1:] == ["ri"]:
        tokens = tokens[:-1]
    return " ".join(tokens)


def tidy_agency_name(name: str) -> str:
    name = re.sub(r"\s+", " ", (name or "").strip())
    name = re.sub(r"^PT\.\s*", "PT ", name)
    name = readable_title(name) if is_shouting(name) else name
    return re.sub(r",?\s*tbk\.?$", " Tbk", name, flags=re.IGNORECASE).strip(" .")


class RegionIndex:
    """The Kemendagri regions in memory, for naming pemda and matching names to regions."""

    def __init__(self, provinces: dict[str, str], regencies: dict[str, tuple[str, str, str]]):
        self.provinces = provinces  # code → name
        self.regencies = regencies  # code → (name, kind, province code)
        full = {_plain(name): code for code, (name, _kind, _p) in regencies.items()}
        bare: dict[str, str] = {}
        for code, (name, kind, _p) in sorted(regencies.items()):
            short = _plain(re.sub(r"^(Kabupaten|Kota Administrasi|Kota)\s+", "", name))
            # "Malang" alone means the kabupaten; "Kota Malang" is caught by the full names.
            if short not in bare or kind == "kabupaten":
                bare[short] = code
        province_names = {_plain(name): code for code, name in provinces.items()}
        province_names.update({f"provinsi {name}": code for name, code in list(province_names.items())})
        if "daerah khusus ibukota jakarta" in province_names:
            province_names["dki jakarta"] = province_names["daerah khusus ibukota jakarta"]
        self._steps = [full, province_names, bare]
        self._patterns = [self._alternation(step) for step in self._steps]

    @classmethod
    def from_database(cls) -> "RegionIndex":
        from registry.geo.models import Province, Regency

        return cls(
            dict(Province.objects.values_list("code", "name")),
            {code: (name, kind, p) for code, name, kind, p in Regency.objects.values_list("code", "name", "kind", "province_id")},
        )

    @staticmethod
    def _alternation(names: dict[str, str]) -> re.Pattern:
        ordered = sorted(names, key=len, reverse=True)
        return re.compile(r"\b(" + "|".join(re.escape(n) for n in ordered) + r")\b")

    def match(self, text: str) -> str | None:
        """The Kemendagri code of the region named in `text`, or None."""
        plain = _plain(text)
        for pattern, replacement in _REGION_ALIASES:
            plain = re.sub(pattern, replacement, plain)
        for step, pattern in zip(self._steps, self._patterns, strict=True):
            found = pattern.search(plain)
            if found:
                return step[found.group(1)]
        return self._fuzzy(plain)

    def _fuzzy(self, plain: str) -> str | None:
        # Misspellings such as "Kabupaten Minahahasa Utara": compare word windows.
        words, best = plain.split(), (0.0, None)
        for name, code in self._steps[0].items():
            size = len(name.split())
            for start in range(max(0, len(words) - size + 1)):
                ratio = difflib.SequenceMatcher(None, " ".join(words[start : start + size]), name).ratio()
                if ratio > best[0]:
                    best = (ratio, code)
        return best[1] if best[0] >= 0.9 else None

    def pemda(self, code: str) -> AgencySpec:
        """The regional government of a province ("33") or kab/kota ("33.72")."""
        if "." in code:
            name, kind, province_code = self.regencies[code]
            type_ = AgencyType.PEMKOT if kind == "kota" else AgencyType.PEMKAB
            place = re.sub(r"^(Kabupaten|Kota)\s+", "", name)
            return AgencySpec(
                code=f"{type_}-{code.replace('.', '-')}",
                name=f"Pemerintah {name}",
                type=type_,
                short_name=f"{'Pemkot' if kind == 'kota' else 'Pemkab'} {place}"[:80],
                province_code=province_code,
                regency_code=code,
            )
        name = self.provinces[code]
        return AgencySpec(
            code=f"pemprov-{code}",
            name=f"Pemerintah Provinsi {name}",
            type=AgencyType.PEMPROV,
            short_name=f"Pemprov {name}"[:80],
            province_code=code,
        )

    def place_of(self, code: str) -> tuple[str | None, str | None]:
        """(province code, regency code) of a region code."""
        if not code:
            return None, None
        if "." in code:
            return self.regencies[code][2], code
        return code, None


class AgencyResolver:
    """Resolves every row of the LAN directory to one AgencySpec (see the module docstring)."""

    def __init__(self, regions: RegionIndex, rows: list[dict[str, str]]):
        self.regions = regions
        self.national = {}
        for spec, aliases in NATIONAL_AGENCIES:
            for spelling in [spec.name, *aliases]:
                self.national[agency_key(spelling)] = spec
        # The best-written spelling of each other agency: mixed case over capitals, then longest.
        variants: dict[str, set[str]] = {}
        for row in rows:
            variants.setdefault(agency_key(row["nama_instansi"]), set()).add(row["nama_instansi"].strip())
        self.display = {
            key: tidy_agency_name(sorted(names, key=lambda n: (is_shouting(n), -len(n), n))[0])
            for key, names in variants.items()
        }

    def parents(self, spec: AgencySpec) -> list[AgencySpec]:
        """The agencies above `spec` that must exist before it (outermost first)."""
        if not spec.parent_code:
            return []
        for national, _aliases in NATIONAL_AGENCIES:
            if national.code == spec.parent_code:
                return [national]
        if spec.type == AgencyType.BUMD:
            return [self.regions.pemda(spec.regency_code or spec.province_code)]
        return []

    def resolve(self, row: dict[str, str]) -> AgencySpec:
        name, group = row["nama_instansi"].strip(), row["kelompok_inovator"].strip()
        key = agency_key(name)
        if key in self.national:
            return self.national[key]
        region_code = row.get("region_code", "").strip()
        if group == GROUP_PEMDA or _PEMDA_NAME.match(key):
            region_code = region_code or self.regions.match(name) or self.regions.match(row.get("unit_instansi", ""))
            if region_code:
                return self.regions.pemda(region_code)
        display = self.display.get(key) or tidy_agency_name(name)
        if group == GROUP_BUMN_BUMD:
            hint = next((region for marker, region in REGIONAL_ENTERPRISES.items() if marker in key), None)
            if hint or _BUMD_MARKERS.search(key):
                return self._bumd(key, display, self.regions.match(hint or name))
            return AgencySpec(code=_code(AgencyType.BUMN, key), name=display, type=AgencyType.BUMN)
        if group == GROUP_MINISTRY:
            type_ = AgencyType.KEMENTERIAN if key.startswith("kementerian") else AgencyType.LEMBAGA
            return AgencySpec(code=_code(type_, key), name=display, type=type_)
        return AgencySpec(code=_code(AgencyType.OTHER, key), name=display, type=AgencyType.OTHER)

    def _bumd(self, key: str, display: str, region_code: str | None) -> AgencySpec:
        spec = AgencySpec(code=_code(AgencyType.BUMD, key), name=display, type=AgencyType.BUMD)
        if not region_code:
            return spec
        province_code, regency_code = self.regions.place_of(region_code)
        parent = self.regions.pemda(region_code)
        return replace(spec, province_code=province_code, regency_code=regency_code, parent_code=parent.code)


def _code(type_: str, key: str) -> str:
    return f"{type_}-{re.sub(r'[^a-z0-9]+', '-', key).strip('-')}"[:80]
