"""Competition pages of the portal (/portal/kompetisi/): entrants, judges, the secretariat."""

from django.urls import path

from cms.portal.competitions import entrant, judging, secretariat

urlpatterns = [
    path("", entrant.competition_home, name="competition_home"),
    # Entrants (an agency's verifier submits and withdraws)
    path("<slug:slug>/daftar/", entrant.competition_entry_create, name="competition_entry_create"),
    path("entri/<int:pk>/", entrant.competition_entry_detail, name="competition_entry_detail"),
    path("entri/<int:pk>/tarik/", entrant.competition_entry_withdraw, name="competition_entry_withdraw"),
    # Judges
    path("penilaian/", judging.competition_judge_queue, name="competition_judge_queue"),
    path("penilaian/unduh/", judging.competition_judge_export, name="competition_judge_export"),
    path("penilaian/<int:pk>/", judging.competition_score, name="competition_score"),
    path("penilaian/<int:pk>/konflik/", judging.competition_conflict_declare, name="competition_conflict_declare"),
    # The secretariat
    path("sekretariat/<slug:slug>/", secretariat.competition_manage, name="competition_manage"),
    path("sekretariat/<slug:slug>/administrasi/", secretariat.competition_admin_check, name="competition_admin_check"),
    path("sekretariat/<slug:slug>/finalis/", secretariat.competition_finalists, name="competition_finalists"),
    path("sekretariat/babak/<int:pk>/", secretariat.competition_round, name="competition_round"),
    path("sekretariat/babak/<int:pk>/tindakan/", secretariat.competition_round_action, name="competition_round_action"),
    path("sekretariat/babak/<int:pk>/csv/", secretariat.competition_round_csv, name="competition_round_csv"),
    path("sekretariat/babak/<int:pk>/tambah-juri/", secretariat.competition_assignment_add, name="competition_assignment_add"),
    path("sekretariat/penugasan/<int:pk>/buka/", secretariat.competition_reopen, name="competition_reopen"),
    path("sekretariat/penugasan/<int:pk>/cabut/", secretariat.competition_assignment_remove, name="competition_assignment_remove"),
    path("sekretariat/hasil/<int:pk>/moderasi/", secretariat.competition_moderate, name="competition_moderate"),
    path("sekretariat/sanggahan/<int:pk>/", secretariat.competition_objection_decide, name="competition_objection_decide"),
]
