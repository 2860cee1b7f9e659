"""Factories for competitions: editions with KIPP-like rounds, judges, entries in a round."""

from datetime import timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from registry.competitions.models import (
    Category,
    Competition,
    CompetitionGroup,
    Criterion,
    Entry,
    EntryStatus,
    GroupKind,
    JudgeProfile,
    Round,
    RoundKind,
)
from registry.competitions.permissions import SECRETARIAT_GROUP
from registry.competitions.snapshot import freeze
from tests.factories import AgencyFactory, InnovationFactory, UserFactory

# KIPP 2023's desk rubric (criterion, weight); "ringkasan" is scored but weighs nothing.
KIPP_2023_DESK = [
    ("Latar belakang", 10),
    ("Kebaruan", 15),
    ("Implementasi", 5),
    ("Signifikansi", 30),
    ("Adaptabilitas", 20),
    ("Sumber daya", 5),
    ("Keberlanjutan", 15),
    ("Ringkasan", 0),
]


class SecretariatFactory(UserFactory):
    @factory.post_generation
    def secretariat_group(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))


class CompetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competition

    year = 2023
    name = factory.Sequence(lambda n: f"Kompetisi Inovasi Pelayanan Publik Uji {n}")
    slug = factory.Sequence(lambda n: f"kipp-uji-{n}")
    regulation_reference = "Peraturan Menteri PANRB Nomor 91 Tahun 2021"
    submission_opens = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))
    submission_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    min_months_implemented = 12


class JudgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JudgeProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    institution = "Universitas Gadjah Mada"
    agency = None
    province = None
    regency = None

    @factory.post_generation
    def sectors(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.sectors.set(extracted)


def build_edition(*, judges_per_entry=2, blind=True, aggregation="mean", advance_count=2, deadline_days=10, **competition_fields):
    """An edition with one group (umum), two categories, an administrative check,
    a blind desk round with KIPP 2023's rubric and a presentation round."""
    competition = CompetitionFactory(**competition_fields)
    umum = CompetitionGroup.objects.create(competition=competition, kind=GroupKind.UMUM, name="Umum", quota_per_agency=2, sort_order=0)
    replikasi = CompetitionGroup.objects.create(
        competition=competition, kind=GroupKind.REPLIKASI, name="Replikasi", quota_per_agency=1, sort_order=1
    )
    services = Category.objects.create(competition=competition, name="Pelayanan publik", winners=1, sort_order=0)
    governance = Category.objects.create(competition=competition, name="Tata kelola", winners=1, sort_order=1)
    admin = Round.objects.create(competition=competition, name="Seleksi administrasi", kind=RoundKind.ADMIN_CHECK, sort_order=0)
    desk = Round.objects.create(
        competition=competition,
        name="Penilaian proposal",
        kind=RoundKind.DESK,
        judges_per_entry=judges_per_entry,
        is_blind=blind,
        aggregation=aggregation,
        advancement="top_n",
        advance_count=advance_count,
        weight=1,
        deadline=timezone.now() + timedelta(days=deadline_days),
        sort_order=1,
    )
    for position, (name, weight) in enumerate(KIPP_2023_DESK):
        Criterion.objects.create(round=desk, name=name, weight=weight, scale_min=1, scale_max=10, sort_order=position)
    presentation = Round.objects.create(
        competition=competition,
        name="Presentasi",
        kind=RoundKind.PRESENTATION,
        judges_per_entry=judges_per_entry,
        is_blind=False,
        advancement="none",
        weight=1,
        deadline=timezone.now() + timedelta(days=deadline_days + 20),
        sort_order=2,
    )
    for position, (name, weight) in enumerate([("Paparan", 50), ("Tanya jawab", 50)]):
        Criterion.objects.create(round=presentation, name=name, weight=weight, scale_min=1, scale_max=10, sort_order=position)
    return {
        "competition": competition,
        "umum": umum,
        "replikasi": replikasi,
        "services": services,
        "governance": governance,
        "admin": admin,
        "desk": desk,
        "presentation": presentation,
    }


def entry_in_round(edition, *, round_key="desk", innovation=None, agency=None, category=None, submitted_at=None, **innovation_fields):
    """An entry that passed the administrative check and sits in a judged round."""
    if innovation is None:
        agency = agency or AgencyFactory()
        innovation = InnovationFactory(agency=agency, **innovation_fields)
    count = Entry.objects.filter(competition=edition["competition"]).count() + 1
    return Entry.objects.create(
        competition=edition["competition"],
        group=edition["umum"],
        category=category or edition["services"],
        innovation=innovation,
        agency=innovation.agency,
        province_id=innovation.province_id,
        regency_id=innovation.regency_id,
        code=f"{edition['competition'].year}-{count:04d}",
        snapshot=freeze(innovation),
        status=EntryStatus.IN_ROUND,
        current_round=edition[round_key],
        submitted_at=submitted_at or timezone.now() - timedelta(days=count),
    )
