"""Forms of the import/export page: an organisation file to check, then its confirmation."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

SUFFIXES = (".yaml", ".yml", ".json")
MAX_BYTES = 10 * 1024 * 1024
SALT = "digiteam.web.org-import"
MAX_AGE = 3600  # seconds a checked file may wait for its confirmation


class OrgUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Organisation file"),
        help_text=_("YAML or JSON, in the digiteam organisation file format."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() not in SUFFIXES:
            raise forms.ValidationError(_("Choose a .yaml, .yml or .json file."), code="suffix")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."), code="size")
        try:
            self.text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text."), code="encoding") from None
        self.filename = PurePath(upload.name).name
        return upload


def payload_sign(*, government: str, filename: str, text: str) -> str:
    """The checked file, signed so that only what was checked can be confirmed."""
    data = {"government": government, "filename": filename, "text": text}
    return signing.dumps(data, salt=SALT, compress=True)


class OrgConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)

    def clean_payload(self) -> dict[str, str]:
        try:
            data = signing.loads(self.cleaned_data["payload"], salt=SALT, max_age=MAX_AGE)
        except signing.BadSignature:
            raise forms.ValidationError(
                _("The checked file expired or was altered: upload it again."), code="signature"
            ) from None
        return {k: str(data[k]) for k in ("government", "filename", "text")}
