from django.urls import path

from cms.portal.imports import views

urlpatterns = [
    path("", views.import_index, name="import_index"),
    path("<uuid:job_id>/", views.import_job, name="import_job"),
    path("<uuid:job_id>/status/", views.import_status, name="import_status"),
    path("<uuid:job_id>/jalankan/", views.import_confirm, name="import_confirm"),
    path("templat/<str:resource>.xlsx", views.import_template, name="import_template"),
    path("ekspor/inovasi.<str:file_format>", views.import_export, name="import_export"),
]
