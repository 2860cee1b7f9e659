"""factory_boy factories shared by the whole suite.

Regions come from the real Kemendagri data (`load_regions`), so factories pick
existing provinces and kab/kota instead of inventing codes.
"""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from registry.agencies.models import Agency, AgencyType, Membership, MembershipRole
from registry.agencies.permissions import MINISTRY_ADMIN_GROUP
from registry.geo.models import Province, Regency
from registry.innovations.models import (
    Innovation,
    InnovationForm,
    InnovationKind,
    LifecycleStage,
    ModerationStatus,
    Sector,
)

PASSWORD = "kata-sandi-uji-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.go.id")
    first_name = factory.Faker("first_name", locale="id_ID")
    last_name = factory.Faker("last_name", locale="id_ID")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MinistryAdminFactory(UserFactory):
    @factory.post_generation
    def ministry_group(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(Group.objects.get(name=MINISTRY_ADMIN_GROUP))


def _regency(code="33.72"):
    return Regency.objects.get(code=code)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"instansi-{n}")
    name = factory.Sequence(lambda n: f"Pemerintah Kota Uji {n}")
    type = AgencyType.PEMKOT
    regency = factory.LazyFunction(_regency)
    province = factory.LazyAttribute(lambda o: o.regency.province if o.regency else Province.objects.get(code="33"))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = MembershipRole.SUBMITTER
    is_verified = True


class InnovationFactory(factory.django.DjangoModelFactory):
    """A published innovation written straight to the database (like the generator)."""

    class Meta:
        model = Innovation
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Layanan Jemput Bola Akta Kelahiran {n}")
    slug = factory.Sequence(lambda n: f"layanan-jemput-bola-{n}")
    summary = "Petugas mendatangi warga untuk menerbitkan akta kelahiran tanpa antre di kantor."
    agency = factory.SubFactory(AgencyFactory)
    province = factory.LazyAttribute(lambda o: o.agency.province)
    regency = factory.LazyAttribute(lambda o: o.agency.regency)
    kind = InnovationKind.PROSES
    form = InnovationForm.PELAYANAN_PUBLIK
    stage = LifecycleStage.PENERAPAN
    year_started = 2014
    year_implemented = 2015
    problem = "Banyak anak belum memiliki akta kelahiran karena jarak ke kantor dukcapil."
    implementation_steps = "Pendataan, jadwal keliling, penerbitan di tempat."
    results = "Cakupan akta kelahiran naik dari 60% menjadi 95%."
    live = True
    moderation_status = ModerationStatus.PUBLISHED
    first_published_at = factory.Faker("date_time_this_decade", tzinfo=__import__("datetime").UTC)

    @factory.post_generation
    def sectors(obj, create, extracted, **kwargs):
        if create:
            # A ParentalManyToManyField keeps the set in memory until committed.
            obj.sectors.set(extracted if extracted is not None else Sector.objects.filter(code="administrasi-kependudukan"))
            obj.sectors.commit()

    @factory.post_generation
    def search_index(obj, create, extracted, **kwargs):
        # Rows written straight to the database are indexed like the generator's are (its
        # innovations_bulk_changed signal): the public catalog reads the search index.
        if create:
            import search

            search.index_innovation(obj.pk)
