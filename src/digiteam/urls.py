from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from digiteam.web import views_health

urlpatterns = [
    path("healthz", views_health.healthz, name="healthz"),  # docs/deploy.md
    path("readyz", views_health.readyz, name="readyz"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("digiteam.api.urls")),  # docs/api.md
    path("", include("digiteam.web.urls")),
]
