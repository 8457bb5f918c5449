from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path

from digiteam.web import views, views_chart, views_checks, views_dashboard, views_org

# Sign-in is enforced (LoginRequiredMiddleware); these are the pages anyone may open: reference
# data, signing in and out. tests/accounts/test_enforcement.py lists them; every other route
# sends visitors to the sign-in page.
public = login_not_required

app_name = "web"
urlpatterns = [
    path("", views_dashboard.home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="accounts/login.html"),
        name="login",
    ),
    path(
        "accounts/logout/",
        # public: signing out after the session expired says "signed out", not "sign in"
        public(auth_views.LogoutView.as_view(template_name="accounts/logged_out.html")),
        name="logout",
    ),
    path("taxonomy/", public(views.taxonomy), name="taxonomy"),
    path("taxonomy/<slug:slug>/", public(views.role_detail), name="role"),
    path("templates/", public(views.templates), name="templates"),
    path("checks/rules/", public(views_checks.check_rules), name="check-rules"),
    path("org/", views_org.governments, name="org"),
    path("org/<slug:gov>/", views_org.government_tree, name="org-government"),
    path(
        "org/<slug:gov>/units/<slug:code>/children/",
        views_org.unit_children_fragment,
        name="org-unit-children",
    ),
    path("org/<slug:gov>/units/<slug:code>/", views_org.unit_detail, name="org-unit"),
    path("org/<slug:gov>/positions/<slug:code>/", views_org.position_detail, name="org-position"),
    path("org/<slug:gov>/checks/", views_checks.government_checks, name="org-checks"),
    path("org/<slug:gov>/dashboard/", views_dashboard.dashboard, name="org-dashboard"),
    path("org/<slug:gov>/chart/", views_chart.government_chart, name="org-chart"),
    path("org/<slug:gov>/units/<slug:code>/chart/", views_chart.unit_chart, name="org-unit-chart"),
]
