"""Every page type of the public site and the portal, opened on the world of factories_security.

Each entry: (label, who opens it (a World attribute, or None for anonymous), URL,
the payload markers the page must show). The markers prove that the hostile text
really reached the page, so "no injected markup" is not true merely because the
field was never rendered.
"""

from dataclasses import dataclass

from django.urls import reverse

from tests.factories_security import World, marker


@dataclass(frozen=True)
class Page:
    label: str
    user: str | None
    url: str
    shows: tuple[str, ...] = ()


INNOVATION_TEXT = ("ttl", "sum", "unt", "prb", "nov", "imp", "res", "rsc", "sus", "pre", "enb", "hnd", "ind")
CONTACT = ("cnm", "cph")


def public_pages(world: World) -> list[Page]:
    innovation, competition = world.published, world.edition["competition"]
    detail = f"/inovasi/{innovation.slug}/"
    return [
        Page("beranda", None, "/", ("ttl",)),
        Page("katalog", None, "/inovasi/", ("ttl", "agn")),
        Page("katalog dengan pencarian", None, f"/inovasi/?q={marker('ttl')}", ("ttl",)),
        Page("katalog dengan filter", None, "/inovasi/?sector=administrasi-kependudukan&sort=newest", ("ttl",)),
        Page("detail inovasi", None, detail, (*INNOVATION_TEXT, *CONTACT, "agn", "iun", "doc", "cap", "rvw", "rpl")),
        Page("detail inovasi (English)", None, f"/en{detail}", ("ttl", "sum")),
        Page("detail inovasi hasil impor", None, f"/inovasi/{world.imported.slug}/", ("xtl", "xsm")),
        Page("peta replikasi", None, reverse("replication_map"), ()),
        Page("daftar kompetisi", None, reverse("competition_public_list"), ()),
        Page("detail kompetisi", None, reverse("competition_public_detail", args=[competition.slug]), ("ttl",)),
        Page("formulir sanggahan", None, reverse("competition_objection", args=[competition.slug, world.entry.code]), ("ttl",)),
        Page("data terbuka", None, reverse("opendata"), ()),
        Page("masuk", None, reverse("login"), ()),
        Page("detail inovasi (masuk sebagai peninjau)", "reviewer", detail, ("ttl", "rvw", "rpl")),
    ]


def portal_pages(world: World) -> list[Page]:
    innovation, project, competition = world.published, world.project, world.edition["competition"]
    return [
        Page("portal: beranda", "verifier_a", reverse("portal:dashboard"), ()),
        Page("portal: daftar inovasi", "verifier_a", reverse("portal:innovation_list"), ("ttl",)),
        Page("portal: antrean verifikasi", "verifier_a", reverse("portal:innovation_queue"), ()),
        Page("portal: tulis inovasi", "verifier_a", reverse("portal:innovation_create"), ()),
        Page("portal: detail inovasi", "verifier_a", reverse("portal:innovation_detail", args=[innovation.pk]), (*INNOVATION_TEXT, "doc", "cap")),
        Page("portal: ubah inovasi", "submitter_a", reverse("portal:innovation_edit", args=[innovation.pk]), ("ttl", "doc", "cap")),
        Page("portal: riwayat", "verifier_a", reverse("portal:innovation_history", args=[innovation.pk]), ()),
        Page(
            "portal: satu revisi",
            "verifier_a",
            reverse("portal:innovation_revision", args=[innovation.pk, innovation.latest_revision_id]),
            ("ttl", "sum"),
        ),
        Page("portal: ulasan saya", "reviewer", reverse("portal:review_list"), ("ttl",)),
        Page("portal: ulasan untuk instansi", "verifier_a", reverse("portal:review_moderation") + "?tampil=all", ("ttl", "agn")),
        Page("portal: moderasi ulasan", "ministry_admin", reverse("portal:review_moderation") + "?tampil=all", ("ttl", "agn")),
        Page("portal: detail ulasan", "verifier_a", reverse("portal:review_detail", args=[world.review.pk]), ("rvw", "rpl")),
        Page("portal: proyek replikasi (asal)", "verifier_a", reverse("portal:replication_list"), ("lnm",)),
        Page(
            "portal: detail replikasi (pereplikasi)",
            "verifier_b",
            reverse("portal:replication_detail", args=[project.pk]),
            ("lnm", "int", "apl", "adp", "bsr", "tim", "evs", "rdc", "mil", "prg", "mnt"),
        ),
        Page("portal: detail replikasi (asal)", "verifier_a", reverse("portal:replication_detail", args=[project.pk]), ("lnm", "mnt")),
        Page("portal: ubah replikasi", "verifier_b", reverse("portal:replication_edit", args=[project.pk]), ("lnm", "apl")),
        Page("portal: hasil replikasi", "verifier_b", reverse("portal:replication_outcomes", args=[project.pk]), ()),
        Page("portal: kompetisi", "verifier_a", reverse("portal:competition_home"), ()),
        Page("portal: entri", "verifier_a", reverse("portal:competition_entry_detail", args=[world.entry.pk]), ("ttl",)),
        Page("portal: antrean juri", "judge", reverse("portal:competition_judge_queue"), ()),
        Page("portal: halaman penilaian", "judge", reverse("portal:competition_score", args=[world.assignment.pk]), ("ttl", "sum", "jc0", "jc1")),
        Page("portal: sekretariat", "secretariat", reverse("portal:competition_manage", args=[competition.slug]), ("obn", "obr")),
        Page("portal: seleksi administrasi", "secretariat", reverse("portal:competition_admin_check", args=[competition.slug]), ()),
        Page("portal: babak", "secretariat", reverse("portal:competition_round", args=[world.edition["desk"].pk]), ()),
        Page("portal: impor", "verifier_a", reverse("portal:import_index"), ()),
        Page("akun: dua langkah", "verifier_a", reverse("security:two_factor_setup"), ()),
    ]
