from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path

from digiteam.web import (
    views,
    views_bulk,
    views_chart,
    views_checks,
    views_dashboard,
    views_files,
    views_history,
    views_org,
    views_people,
    views_positions,
    views_sizing,
    views_tokens,
    views_units,
)

# Sign-in is enforced (LoginRequiredMiddleware); these are the pages anyone may open: reference
# data, signing in and out. The permission matrix (tests/security/test_permission_matrix.py)
# declares them; every other route sends visitors to the sign-in page.
public = login_not_required

GOV = "org/<slug:gov>/"
POSITION = GOV + "positions/<slug:code>/"
FILES = GOV + "files/"
PERSON = GOV + "people/<slug:code>/"

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
    path("accounts/tokens/", views_tokens.tokens, name="tokens"),
    path("accounts/tokens/<int:pk>/revoke/", views_tokens.token_revoke, name="token-revoke"),
    path("taxonomy/", public(views.taxonomy), name="taxonomy"),
    path("taxonomy/<slug:slug>/", public(views.role_detail), name="role"),
    path("templates/", public(views.templates), name="templates"),
    path("checks/rules/", public(views_checks.check_rules), name="check-rules"),
    # organisation
    path("org/", views_org.governments, name="org"),
    path(GOV, views_org.government_tree, name="org-government"),
    path(GOV + "dashboard/", views_dashboard.dashboard, name="org-dashboard"),
    path(GOV + "checks/", views_checks.government_checks, name="org-checks"),
    path(GOV + "chart/", views_chart.government_chart, name="org-chart"),
    path(GOV + "sizing/", views_sizing.government_sizing, name="org-sizing"),
    path(GOV + "units/<slug:code>/", views_org.unit_detail, name="org-unit"),
    path(
        GOV + "units/<slug:code>/children/",
        views_org.unit_children_fragment,
        name="org-unit-children",
    ),
    path(GOV + "units/<slug:code>/chart/", views_chart.unit_chart, name="org-unit-chart"),
    path(GOV + "units/<slug:code>/new/", views_units.unit_new, name="org-unit-new"),
    path(GOV + "units/<slug:code>/edit/", views_units.unit_edit, name="org-unit-edit"),
    path(GOV + "units/<slug:code>/move/", views_units.unit_move_page, name="org-unit-move"),
    path(
        GOV + "units/<slug:code>/delete/", views_units.unit_delete_confirm, name="org-unit-delete"
    ),
    # positions: "new" before the position page, whose <code> would take it
    path(GOV + "positions/", views_positions.position_list, name="org-positions"),
    path(GOV + "positions/new/", views_positions.position_new, name="org-position-new"),
    path(GOV + "positions/bulk/", views_bulk.positions_bulk, name="org-positions-bulk"),
    path(POSITION, views_org.position_detail, name="org-position"),
    path(POSITION + "edit/", views_positions.position_edit, name="org-position-edit"),
    path(POSITION + "retire/", views_positions.position_retire_confirm, name="org-position-retire"),
    path(POSITION + "assign/", views_positions.position_assign, name="org-position-assign"),
    path(POSITION + "release/", views_positions.position_release, name="org-position-release"),
    # people: "new" before the person page, whose <code> would take it
    path(GOV + "people/", views_people.people_list, name="org-people"),
    path(GOV + "people/new/", views_people.person_new, name="org-person-new"),
    path(PERSON, views_people.person_detail, name="org-person"),
    path(PERSON + "edit/", views_people.person_edit, name="org-person-edit"),
    path(PERSON + "delete/", views_people.person_delete_confirm, name="org-person-delete"),
    # the audit trail: a government's changes and their exports, an object's history
    path(GOV + "changes/", views_history.government_changes, name="org-changes"),
    path(GOV + "changes/changes.csv", views_history.changes_csv, name="org-changes-csv"),
    path(GOV + "changes/changes.json", views_history.changes_json, name="org-changes-json"),
    path(
        GOV + "history/<slug:model>/<slug:code>/",
        views_history.object_history,
        name="org-history",
    ),
    # files in and out
    path(FILES, views_files.government_files, name="org-files"),
    path(FILES + "org.yaml", views_files.org_yaml, name="org-file-yaml"),
    path(FILES + "org.json", views_files.org_json, name="org-file-json"),
    path(FILES + "positions.csv", views_files.positions_csv, name="org-positions-csv"),
    path(FILES + "gitbook.zip", views_files.gitbook_zip, name="org-gitbook-zip"),
]
