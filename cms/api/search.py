"""GET /api/v1/innovations/: the catalog search as JSON.

The same search as the catalog page (`search.query`): ranked results with
highlights, multi-select facet counts and a spelling suggestion. Parameters
take several values as repeated keys or commas (`sector=kesehatan,pendidikan`).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

import search
from cms.api.errors import ErrorSerializer
from search.params import (
    DEFAULT_PAGE_SIZE,
    FACETS,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    SORTS,
    params_from_querydict,
)


class SearchAgencySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    type = serializers.CharField()


class SearchRegionSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text=_("Kode Kemendagri: 33 (provinsi) atau 33.72 (kabupaten/kota).")
    )
    name = serializers.CharField()


class SearchHighlightsSerializer(serializers.Serializer):
    title = serializers.CharField(
        required=False,
        help_text=_("Judul dengan kata yang cocok di dalam <mark>, HTML ter-escape."),
    )
    summary = serializers.CharField(
        required=False, help_text=_("Potongan ringkasan di sekitar kata yang cocok.")
    )


class SearchResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    external_id = serializers.CharField(allow_null=True)
    slug = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    agency = SearchAgencySerializer()
    region = SearchRegionSerializer(allow_null=True)
    score = serializers.FloatField(help_text=_("Skor relevansi (0 tanpa kata pencarian)."))
    highlights = SearchHighlightsSerializer()


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = SearchResultSerializer(many=True)
    facets = serializers.DictField(
        child=FacetValueSerializer(many=True),
        help_text=_(
            "Per faset (%(facets)s): nilai dengan jumlahnya. Jumlah sebuah faset mengabaikan saringannya "
            "sendiri (pilihan ganda)."
        )
        % {"facets": ", ".join(f.name for f in FACETS)},
    )
    suggestion = serializers.CharField(
        allow_null=True, help_text=_("Ejaan yang disarankan bila kata pencarian tidak dikenal.")
    )
    corrected = serializers.BooleanField(
        help_text=_(
            "true: hasil ini untuk `suggestion`, karena kata aslinya tidak menemukan apa pun."
        )
    )
    degraded = serializers.BooleanField(
        help_text=_(
            "true: layanan pencarian utama tidak terjangkau; hasil dari cadangan, mungkin belum lengkap."
        )
    )


def _many(name: str, description, **kwargs) -> OpenApiParameter:
    return OpenApiParameter(
        name, OpenApiTypes.STR, many=True, explode=True, description=description, **kwargs
    )


PARAMETERS = [
    OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        description=_(
            "Kata pencarian (bahasa Indonesia; singkatan seperti KTP, PKL, UMKM dikenali)."
        ),
    ),
    _many("province", _("Kode provinsi Kemendagri, mis. 33.")),
    _many("regency", _("Kode kabupaten/kota Kemendagri, mis. 33.72.")),
    _many(
        "agency_type",
        _(
            "Jenis instansi: kementerian, lembaga, pemprov, pemkab, pemkot, bumn, bumd, unit, lainnya."
        ),
    ),
    _many("sector", _("Kode sektor, mis. kesehatan, perizinan.")),
    _many("sdg", _("Nomor TPB/SDG 1–17.")),
    _many(
        "kind",
        _(
            "Jenis inovasi: proses, metode, teknologi, produk, struktur_organisasi, konseptual, hubungan, sdm."
        ),
    ),
    OpenApiParameter(
        "digital",
        OpenApiTypes.BOOL,
        description=_("Hanya inovasi digital (true) atau non-digital (false)."),
    ),
    _many("stage", _("Tahap: inisiatif, uji_coba, penerapan.")),
    _many("year", _("Tahun diterapkan.")),
    OpenApiParameter(
        "year_from", OpenApiTypes.INT, description=_("Diterapkan pada atau setelah tahun ini.")
    ),
    OpenApiParameter(
        "year_to", OpenApiTypes.INT, description=_("Diterapkan pada atau sebelum tahun ini.")
    ),
    OpenApiParameter(
        "has_replications",
        OpenApiTypes.BOOL,
        description=_("Sudah (true) atau belum (false) direplikasi."),
    ),
    OpenApiParameter(
        "min_rating", OpenApiTypes.INT, description=_("Peringkat Bayesian minimal, 1–5.")
    ),
    OpenApiParameter(
        "sort",
        OpenApiTypes.STR,
        enum=list(SORTS),
        description=_("Bawaan: relevance dengan q, newest tanpa q."),
    ),
    OpenApiParameter(
        "page", OpenApiTypes.INT, description=_("Nomor halaman, 1–%(max)d.") % {"max": MAX_PAGE}
    ),
    OpenApiParameter(
        "page_size",
        OpenApiTypes.INT,
        description=_("Hasil per halaman, 1–%(max)d (bawaan %(default)d).")
        % {"max": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
    ),
]


def _result(hit) -> dict:
    innovation = hit.innovation
    region = innovation.regency or innovation.province
    return {
        "id": innovation.pk,
        "external_id": innovation.external_id,
        "slug": innovation.slug,
        "title": innovation.title,
        "summary": innovation.summary,
        "agency": {
            "code": innovation.agency.code,
            "name": innovation.agency.name,
            "type": innovation.agency.type,
        },
        "region": {"code": region.code, "name": region.name} if region else None,
        "score": hit.score,
        "highlights": {field: str(html) for field, html in hit.highlights.items()},
    }


class InnovationSearch(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="innovations_search",
        summary="Cari inovasi terbit",
        description=__doc__,
        parameters=PARAMETERS,
        responses={
            200: SearchResponseSerializer,
            400: OpenApiResponse(
                ErrorSerializer, description=_("Parameter tidak valid (lihat `error.fields`).")
            ),
        },
        tags=["innovations"],
    )
    def get(self, request):
        params, errors = params_from_querydict(request.query_params)
        if errors:
            raise exceptions.ValidationError(
                {name: [str(message)] for name, message in errors.items()}
            )
        results = search.query(params)

        def page_url(number: int) -> str:
            query = request.query_params.copy()
            query["page"] = str(number)
            return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

        return Response(
            {
                "count": results.total,
                "next": page_url(params.page + 1) if params.page < results.num_pages else None,
                "previous": page_url(params.page - 1) if params.page > 1 else None,
                "results": [_result(hit) for hit in results.items],
                "facets": {
                    name: [
                        {
                            "value": v.value,
                            "label": str(v.label),
                            "count": v.count,
                            "selected": v.selected,
                        }
                        for v in values
                    ]
                    for name, values in results.facets.items()
                },
                "suggestion": results.suggestion,
                "corrected": results.corrected,
                "degraded": results.degraded,
            }
        )
