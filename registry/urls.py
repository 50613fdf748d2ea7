from django.urls import path

from registry import views

app_name = "registry"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("projects/<slug:slug>/", views.project_detail, name="project-detail"),
]
