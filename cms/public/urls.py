"""Public pages that are plain Django views (served before Wagtail's page tree).

The home page and the catalog (/inovasi/) are Wagtail pages; features add
their public pages here (/replikasi/, /kompetisi/, /data/, ...).
"""

from django.urls import path

from cms.public import competitions, opendata, replication, reviews

urlpatterns: list = [
    # Open data (registry.imports)
    path("data/", opendata.opendata_page, name="opendata"),
    path("data/<str:name>", opendata.opendata_download, name="opendata_download"),
    # Peer reviews (registry.ratings)
    path("inovasi/<slug:slug>/ulasan/", reviews.review_submit, name="review_submit"),
    path("ulasan/<int:pk>/laporkan/", reviews.review_flag, name="review_flag"),
    path("ulasan/<int:pk>/hapus/", reviews.review_delete, name="review_delete"),
    # Replication map and funnel (registry.replication)
    path("replikasi/", replication.replication_map_view, name="replication_map"),
    path("replikasi/provinsi.geojson", replication.provinces_geojson_view, name="replication_provinces_geojson"),
    # Competition results, finalists and objections (registry.competitions)
    path("kompetisi/", competitions.competition_list, name="competition_public_list"),
    path("kompetisi/<slug:slug>/", competitions.competition_detail, name="competition_public_detail"),
    path("kompetisi/<slug:slug>/sanggah/<str:code>/", competitions.competition_objection, name="competition_objection"),
]
