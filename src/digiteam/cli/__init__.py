"""The ``digiteam`` command: Django management commands behind one entry point.

``digiteam load-reference`` runs the management command ``load_reference``; ``--data-dir``
is applied before the settings are read, so that every command can use it.
"""

from __future__ import annotations

import os
import sys

COMMANDS = {
    "demo": "set up a database with the reference data and serve the web application",
    "serve": "serve the web application with a production server",
    "load-reference": "load or refresh the shipped taxonomy, scales and templates",
    "gitbook": "check, import or export the GitBook documents",
    "org": "export, import or generate an organisation file",
    "size": "plan, and with --apply create, the positions a template asks for",
    "check": "check an organisation against the principles and the reference composition",
    "check-deploy": "check the settings of a production deployment (HTTPS, keys, cookies)",
    "migrate": "create or update the database tables",
    "createsuperuser": "create an administrator",
    "changepassword": "change a user's password",
}


def _apply_data_dir(argv: list[str]) -> list[str]:
    out = []
    args = iter(argv)
    for arg in args:
        if arg == "--data-dir":
            os.environ["DIGITEAM_DATA_DIR"] = next(args, "var")
        elif arg.startswith("--data-dir="):
            os.environ["DIGITEAM_DATA_DIR"] = arg.split("=", 1)[1]
        else:
            out.append(arg)
    return out


def _usage() -> str:
    width = max(len(c) for c in COMMANDS)
    lines = [
        "usage: digiteam COMMAND [options]   (digiteam COMMAND --help for its options)",
        "",
        "commands:",
    ]
    lines += [f"  {name.ljust(width)}  {text}" for name, text in COMMANDS.items()]
    lines += ["", "Every Django management command is available too (digiteam help --commands)."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    argv = _apply_data_dir(list(sys.argv if argv is None else argv))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digiteam.settings")
    if len(argv) < 2 or argv[1] in {"-h", "--help"}:
        print(_usage())
        return
    argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["digiteam", *argv[1:]])
