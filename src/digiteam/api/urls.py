"""Included under /api/v1/ by ``digiteam.urls``."""

from digiteam.api.main import urlpatterns as _patterns

app_name = "api-1"
urlpatterns = _patterns()
