from django.urls import path

from mutualis.workshops import board_views, session_views, survey_views, views

app_name = "workshops"
urlpatterns = [
    path("", views.home, name="home"),
    # Participants (no account needed)
    path("rejoindre/", views.join, name="join"),
    path("rejoindre/<str:code>/", views.join_code, name="join_code"),
    path("a/<str:code>/", views.participate, name="participate"),
    path("a/<str:code>/bulletin/", views.ballot, name="ballot"),
    path("a/<str:code>/cartes/", views.post_card, name="post_card"),
    path("a/<str:code>/etat/", views.state, name="state"),
    # Facilitators
    path("sessions/", session_views.sessions, name="sessions"),
    path("sessions/<uuid:uid>/", session_views.session, name="session"),
    path("sessions/<uuid:uid>/leviers/", session_views.edit_levers, name="edit_levers"),
    path("sessions/<uuid:uid>/etat/", session_views.change_status, name="status"),
    path("sessions/<uuid:uid>/nouveau-tour/", session_views.new_round, name="new_round"),
    path("sessions/<uuid:uid>/qr.svg", session_views.qr_code, name="qr"),
    path("sessions/<uuid:uid>/tableau/", board_views.board, name="board"),
    path("sessions/<uuid:uid>/projection/", board_views.projection, name="projection"),
    path("sessions/<uuid:uid>/resultats.csv", board_views.results_csv, name="results_csv"),
    path("sessions/<uuid:uid>/resultats.xlsx", board_views.results_xlsx, name="results_xlsx"),
    path("sessions/<uuid:uid>/resultats.pdf", board_views.results_pdf, name="results_pdf"),
    path("sessions/<uuid:uid>/cartes/", board_views.cards, name="cards"),
    path(
        "sessions/<uuid:uid>/cartes/<uuid:card_uid>/regroupement/",
        board_views.group_card,
        name="group_card",
    ),
    # Needs surveys
    path("recensements/", survey_views.surveys, name="surveys"),
    path("recensements/<uuid:uid>/", survey_views.survey, name="survey"),
    path("recensements/<uuid:uid>/reponse/", survey_views.answer, name="survey_answer"),
    path("recensements/<uuid:uid>/cloture/", survey_views.close, name="survey_close"),
    path("recensements/<uuid:uid>/analyse/", survey_views.results, name="survey_results"),
    path(
        "recensements/<uuid:uid>/analyse.csv",
        survey_views.export,
        {"extension": "csv"},
        name="survey_csv",
    ),
    path(
        "recensements/<uuid:uid>/analyse.xlsx",
        survey_views.export,
        {"extension": "xlsx"},
        name="survey_xlsx",
    ),
]
