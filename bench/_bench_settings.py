"""Settings of a server started by a benchmark: the application's, plus the bare endpoints."""

from digiteam.settings import *  # noqa: F403

ROOT_URLCONF = "_bench_urls"
