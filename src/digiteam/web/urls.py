from django.urls import path

from digiteam.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("taxonomy/", views.taxonomy, name="taxonomy"),
    path("taxonomy/<slug:slug>/", views.role_detail, name="role"),
    path("templates/", views.templates, name="templates"),
]
