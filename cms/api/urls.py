from django.urls import include, path

from cms.api import competitions, innovations, regions, replication, reviews, search

app_name = "api"
urlpatterns: list = [
    # Schema and docs; reference data; innovation detail and the agencies' own innovations (data-api)
    path("", include("cms.api.docs")),
    path("provinces/", regions.ProvinceList.as_view(), name="province-list"),
    path("provinces/<str:code>/", regions.ProvinceDetail.as_view(), name="province-detail"),
    path("regencies/", regions.RegencyList.as_view(), name="regency-list"),
    path("regencies/<str:code>/", regions.RegencyDetail.as_view(), name="regency-detail"),
    path("agencies/", regions.AgencyList.as_view(), name="agency-list"),
    path("agencies/<str:code>/", regions.AgencyDetail.as_view(), name="agency-detail"),
    # Catalog search (search app): ranked results, multi-select facets, "did you mean"
    path("innovations/", search.InnovationSearch.as_view(), name="innovation-search"),
    path("innovations/<str:slug>/", innovations.InnovationDetail.as_view(), name="innovation-detail"),
    path("agency/innovations/", innovations.OwnInnovationList.as_view(), name="own-innovation-list"),
    path("agency/innovations/<int:pk>/", innovations.OwnInnovationDetail.as_view(), name="own-innovation-detail"),
    # Peer reviews (registry.ratings)
    path("innovations/<slug:slug>/reviews/", reviews.InnovationReviewList.as_view(), name="innovation-reviews"),
    path("reviews/<int:pk>/", reviews.ReviewDetail.as_view(), name="review-detail"),
    path("reviews/<int:pk>/flag/", reviews.ReviewFlagCreate.as_view(), name="review-flag"),
    # Replication projects and lineage (registry.replication)
    path("replications/", replication.ProjectList.as_view(), name="replication-list"),
    path("replications/<int:pk>/", replication.ProjectDetail.as_view(), name="replication-detail"),
    path("innovations/<slug:slug>/lineage/", replication.InnovationLineage.as_view(), name="innovation-lineage"),
    # Competitions: public results; judges' own assignments (registry.competitions)
    path("competitions/", competitions.CompetitionList.as_view(), name="competition-list"),
    path("competitions/<slug:slug>/results/", competitions.CompetitionResults.as_view(), name="competition-results"),
    path("judging/assignments/", competitions.JudgeAssignmentList.as_view(), name="judge-assignment-list"),
    path("judging/assignments/<int:pk>/", competitions.JudgeAssignmentDetail.as_view(), name="judge-assignment-detail"),
]
