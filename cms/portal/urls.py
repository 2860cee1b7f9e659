"""The portal (/portal/): the workspace of agency staff and judges.

Every view looks objects up through selectors scoped to the user's agencies
(or assignments), so another agency's record is a 404, and every action goes
through a service. URL names share the "portal" namespace; each feature
prefixes its own (innovation_..., review_..., replication_..., ...).
"""

from django.urls import include, path

from cms.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("inovasi/", include("cms.portal.innovations.urls")),
    path("ulasan/", include("cms.portal.reviews.urls")),
    path("replikasi/", include("cms.portal.replication.urls")),
    path("kompetisi/", include("cms.portal.competitions.urls")),
    path("impor/", include("cms.portal.imports.urls")),
]
