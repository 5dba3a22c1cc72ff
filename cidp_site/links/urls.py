from django.urls import path

from . import views

app_name = "links"

urlpatterns = [
    path("", views.clinicians, name="clinicians"),
    path("packet/", views.packet, name="packet"),
    path("<str:code>.txt", views.note_text, name="note"),
    path("<str:code>", views.resolve, name="resolve"),
    path("<str:code>/", views.resolve),
    path("<str:code>/qr.svg", views.qr, name="qr"),
    path("<str:code>/handout/", views.handout, name="handout"),
]
