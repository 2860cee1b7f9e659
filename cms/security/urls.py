"""Account security pages (/akun/): the second step of signing in and its set-up."""

from django.urls import path

from cms.security import views

app_name = "security"
urlpatterns = [
    path("verifikasi-dua-langkah/", views.two_factor_verify, name="two_factor_verify"),
    path("dua-langkah/", views.two_factor_setup, name="two_factor_setup"),
]
