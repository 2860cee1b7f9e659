"""/portal/inovasi/: agency staff write, submit and verify their innovations.

Every URL with an object id looks it up through innovation_list_for_user
(cms/portal/innovations/access.py), so another agency's record is a 404.
"""

from django.urls import path

from cms.portal.innovations import editing, history, moderation, views

urlpatterns = [
    path("", views.innovation_list, name="innovation_list"),
    path("verifikasi/", views.innovation_queue, name="innovation_queue"),
    path("baru/", editing.innovation_create, name="innovation_create"),
    path("baru/simpan-otomatis/", editing.innovation_autosave_new, name="innovation_autosave_new"),
    path("<int:pk>/", views.innovation_detail, name="innovation_detail"),
    path("<int:pk>/ubah/", editing.innovation_edit, name="innovation_edit"),
    path("<int:pk>/simpan-otomatis/", editing.innovation_autosave, name="innovation_autosave"),
    path("<int:pk>/dokumen/", editing.innovation_document_add, name="innovation_document_add"),
    path(
        "<int:pk>/dokumen/<int:document_id>/lepas/",
        editing.innovation_document_remove,
        name="innovation_document_remove",
    ),
    path("<int:pk>/gambar/", editing.innovation_image_add, name="innovation_image_add"),
    path("<int:pk>/gambar/<int:image_id>/lepas/", editing.innovation_image_remove, name="innovation_image_remove"),
    path("<int:pk>/ajukan/", moderation.innovation_submit, name="innovation_submit"),
    path("<int:pk>/tarik-pengajuan/", moderation.innovation_withdraw, name="innovation_withdraw"),
    path("<int:pk>/tinjau/", moderation.innovation_review, name="innovation_review"),
    path("<int:pk>/terbitkan/", moderation.innovation_approve, name="innovation_approve"),
    path("<int:pk>/kembalikan/", moderation.innovation_return, name="innovation_return"),
    path("<int:pk>/tarik/", moderation.innovation_unpublish, name="innovation_unpublish"),
    path("<int:pk>/hapus/", moderation.innovation_delete, name="innovation_delete"),
    path("<int:pk>/riwayat/", history.innovation_history, name="innovation_history"),
    path("<int:pk>/riwayat/<int:revision_id>/", history.innovation_revision, name="innovation_revision"),
]
