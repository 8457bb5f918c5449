"""Your personal API tokens: make one (its secret shown on this one page), list them, revoke one.

The secret is never stored nor put in a session or a message: the page that answers the POST
that made the token shows it, marked not to be cached, and no other page can show it again.
"""

from __future__ import annotations

import datetime
from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_http_methods

from digiteam.accounts.models import ApiToken
from digiteam.accounts.services import api_token_create, api_token_revoke
from digiteam.web.forms_positions import add_service_errors, describe_errors

LIFETIMES = [
    ("30", gettext_lazy("30 days")),
    ("90", gettext_lazy("90 days")),
    ("180", gettext_lazy("180 days")),
    ("365", gettext_lazy("One year")),
]
READ, READ_WRITE = "read", "read-write"


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What uses it, to recognise it later: “nightly HR sync”."),
    )
    lifetime = forms.ChoiceField(
        label=gettext_lazy("Expires after"), choices=LIFETIMES, initial="90"
    )
    access = forms.ChoiceField(
        label=gettext_lazy("Access"),
        choices=[
            (READ, gettext_lazy("Read only")),
            (READ_WRITE, gettext_lazy("Read and write, within your own permissions")),
        ],
        initial=READ,
        widget=forms.RadioSelect,
    )


def _user_id(request: HttpRequest) -> int:
    return cast(int, request.user.pk)


def _page(
    request: HttpRequest, form: TokenForm, status: int = 200, **extra: object
) -> HttpResponse:
    describe_errors(form)
    tokens = ApiToken.objects.filter(user_id=_user_id(request))
    context = {"form": form, "tokens": tokens, "now": timezone.now(), "nav": "", **extra}
    return render(request, "web/tokens.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_variables("secret")  # kept out of error reports
def tokens(request: HttpRequest) -> HttpResponse:
    """The list of your tokens and the form for a new one; after it, the secret, once."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        days = int(form.cleaned_data["lifetime"])
        try:
            token, secret = api_token_create(
                user=request.user,  # type: ignore[arg-type]
                name=form.cleaned_data["name"],
                expires=timezone.now() + datetime.timedelta(days=days),
                read_write=form.cleaned_data["access"] == READ_WRITE,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _page(request, TokenForm(), status=201, created=token, secret=secret)
    return _page(request, form, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then revoke one of your tokens (another user's is not found)."""
    token = ApiToken.objects.filter(pk=pk, user_id=_user_id(request)).first()
    if token is None:
        raise Http404
    if request.method == "POST":
        api_token_revoke(token=token)
        messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
        return redirect("web:tokens")
    return render(request, "web/token_revoke.html", {"token": token, "nav": ""})
