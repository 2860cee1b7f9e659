"""/portal/replikasi/: replication projects of the user's agencies (names prefixed replication_)."""

from django.urls import path

from cms.portal.replication import views

urlpatterns = [
    path("", views.project_list, name="replication_list"),
    path("mulai/<int:innovation_id>/", views.project_start, name="replication_start"),
    path("<int:pk>/", views.project_detail, name="replication_detail"),
    path("<int:pk>/ubah/", views.project_edit, name="replication_edit"),
    path("<int:pk>/dokumen/", views.document_add, name="replication_document_add"),
    path("<int:pk>/pemantauan/", views.monitoring_add, name="replication_monitoring_add"),
    path("<int:pk>/hasil/", views.outcomes_edit, name="replication_outcomes"),
    path("<int:pk>/lanjut/", views.advance, name="replication_advance"),
    path("<int:pk>/hentikan/", views.stop, name="replication_stop"),
    path("<int:pk>/tanggapi/", views.acknowledge, name="replication_acknowledge"),
    path("<int:pk>/pendampingan/", views.mentoring, name="replication_mentoring"),
]
