"""The API: one ``NinjaAPI``, version 1, its routers, its problems and its OpenAPI description."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from digiteam.api import (
    assignments,
    checks,
    digital_services,
    governments,
    nul,
    orgfiles,
    people,
    positions,
    problems,
    reference,
    reference_roles,
    reference_templates,
    sizing,
    units,
    vendors,
)
from digiteam.api.auth import AUTH

DESCRIPTION = """\
The digital organisation of governments: the role taxonomy and composition templates (read;
write for administrators), governments, units, digital services, positions, people,
assignments and vendors (read and write), sizing a government from a template (plan, apply),
its checks, and its organisation file (export, validate, apply).

Authenticate with the browser session (unsafe methods then need the CSRF token, X-CSRFToken) or
a personal API token made on your account's "API tokens" page: `Authorization: Bearer dgt_…`.
Every object has a version, sent as its ETag; a PUT, PATCH or DELETE needs `If-Match` with it
(428 without, 412 if someone changed the object since). Errors are RFC 9457 problem details.
"""


class Api(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        """ninja's description, with each problem response as ``application/problem+json``."""
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, answer in operation.get("responses", {}).items():
                    content = answer.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        answer["content"] = {problems.MEDIA_TYPE: content["application/json"]}
        return schema


api = Api(
    title="digiteam API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-1",
    auth=AUTH,
    # no validity badge fetched from validator.swagger.io: the page loads nothing from elsewhere
    docs=Swagger(settings={"persistAuthorization": False, "validatorUrl": None}),
)
problems.install(api)
api.add_decorator(nul.refuse_nul)  # before the database sees a NUL (a 500 on PostgreSQL)
api.add_router("/governments", governments.router)
api.add_router("/governments", units.router)
api.add_router("/governments", positions.router)
api.add_router("/governments", assignments.router)
api.add_router("/governments", people.router)
api.add_router("/governments", vendors.router)
api.add_router("/governments", digital_services.router)
api.add_router("/governments", sizing.router)
api.add_router("/governments", checks.router)
api.add_router("/governments", orgfiles.router)
api.add_router("/checks", checks.files)
api.add_router("/reference", reference_roles.router)
api.add_router("/reference", reference.router)
api.add_router("/reference", reference_templates.router)


def urlpatterns() -> list[URLPattern | URLResolver]:
    """The API's routes, open to LoginRequiredMiddleware: the API authenticates its callers
    itself and answers 401 (a problem), never a redirect to the sign-in page."""
    patterns, _app, _namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = login_not_required(pattern.callback)
    return patterns
