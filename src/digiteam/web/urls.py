from django.urls import path

from digiteam.web import views, views_org

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("taxonomy/", views.taxonomy, name="taxonomy"),
    path("taxonomy/<slug:slug>/", views.role_detail, name="role"),
    path("templates/", views.templates, name="templates"),
    path("org/", views_org.governments, name="org"),
    path("org/<slug:gov>/", views_org.government_tree, name="org-government"),
    path(
        "org/<slug:gov>/units/<slug:code>/children/",
        views_org.unit_children_fragment,
        name="org-unit-children",
    ),
    path("org/<slug:gov>/units/<slug:code>/", views_org.unit_detail, name="org-unit"),
    path("org/<slug:gov>/positions/<slug:code>/", views_org.position_detail, name="org-position"),
]
