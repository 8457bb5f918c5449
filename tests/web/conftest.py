"""Clients signed in with a given access, for the permission matrix of the web pages.

``admin_client`` (pytest-django's) is an administrator. ``viewer_client(government)`` and
``editor_client(unit)`` make a client whose user has that one membership; ``anonymous`` is a
client nobody signed in to. Users are logged in with ``force_login``: django-axes refuses
``Client.login``, which authenticates without a request, and no password needs hashing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pytest
from django.test import Client

from digiteam.accounts.models import Membership, MembershipRole
from digiteam.organisation.models import Government, Unit
from tests.factories import make_membership


class MemberClient(Client):
    """A test client signed in as the user of ``membership``."""

    def __init__(self, membership: Membership, **defaults: Any) -> None:
        super().__init__(**defaults)
        self.membership = membership
        self.force_login(membership.user)


SIGNED_IN = 2  # queries every page of a signed-in client makes: its session and its user

ViewerClient = Callable[..., MemberClient]
EditorClient = Callable[..., MemberClient]


@pytest.fixture
def anonymous() -> Client:
    return Client()


@pytest.fixture
def viewer_client(db: None) -> ViewerClient:
    """``viewer_client(government, units=(), can_see_personal_data=False)``."""

    def make(
        government: Government, *, units: Iterable[Unit] = (), can_see_personal_data: bool = False
    ) -> MemberClient:
        membership = make_membership(
            government=government,
            role=MembershipRole.VIEWER,
            units=tuple(units),
            can_see_personal_data=can_see_personal_data,
        )
        return MemberClient(membership)

    return make


@pytest.fixture
def editor_client(db: None) -> EditorClient:
    """``editor_client(unit)``: an editor of that subtree (``editor_client(government)``: all)."""

    def make(scope: Unit | Government, *, can_see_personal_data: bool = False) -> MemberClient:
        if isinstance(scope, Government):
            government, units = scope, ()
        else:
            government, units = scope.government, (scope,)
        membership = make_membership(
            government=government,
            role=MembershipRole.EDITOR,
            units=units,
            can_see_personal_data=can_see_personal_data,
        )
        return MemberClient(membership)

    return make
