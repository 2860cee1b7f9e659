"""/portal/ulasan/: own reviews and review moderation (names prefixed review_)."""

from django.urls import path

from cms.portal.reviews import views

urlpatterns = [
    path("", views.review_list, name="review_list"),
    path("moderasi/", views.review_moderation, name="review_moderation"),
    path("<int:pk>/", views.review_detail, name="review_detail"),
    path("<int:pk>/sembunyikan/", views.review_hide, name="review_hide"),
    path("<int:pk>/pulihkan/", views.review_restore, name="review_restore"),
    path("<int:pk>/tutup-laporan/", views.review_dismiss, name="review_dismiss"),
    path("<int:pk>/balas/", views.review_reply, name="review_reply"),
]
