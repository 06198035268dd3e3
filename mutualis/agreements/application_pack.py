"""The agreement's part of the application pack of its grappe (``grappes.application_pack``):
the latest version of the agreement with the members' signed copies, and who signed it."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.utils.text import slugify

from mutualis.agreements.models import Agreement
from mutualis.agreements.selectors import latest_version
from mutualis.grappes.application_pack import PackFile, csv_bytes
from mutualis.grappes.models import Grappe


def signed_agreement(grappe: Grappe) -> list[PackFile]:
    """Nothing until a member has signed the latest version."""
    agreement = Agreement.objects.filter(grappe=grappe).first()
    version = latest_version(agreement) if agreement else None
    if version is None:
        return []
    signatures = list(
        version.signatures.select_related("member__managing_body").order_by(
            "member__managing_body__display_name"
        )
    )
    if not signatures:
        return []
    files = []
    document = version.signed_pdf or version.pdf  # the signed edition once all signed
    if document:
        with document.open("rb") as pdf:
            files.append(
                PackFile(
                    f"convention/convention-v{version.number}.pdf",
                    pdf.read(),
                    f"convention de coopération, version {version.number}",
                )
            )
    rows: list[list] = [["Organisme", "FINESS EJ", "Signataire", "Qualité", "Signée le"]]
    for signature in signatures:
        body = signature.member.managing_body
        rows.append(
            [
                body.display_name,
                body.finess,
                signature.signatory,
                signature.capacity,
                signature.signed_on,
            ]
        )
        suffix = PurePosixPath(signature.scan.name).suffix or ".pdf"
        with signature.scan.open("rb") as scan:
            files.append(
                PackFile(
                    f"convention/signee-{slugify(body.display_name) or body.finess}{suffix}",
                    scan.read(),
                    f"convention signée par {body.display_name}",
                )
            )
    files.append(
        PackFile(
            "convention/signatures.csv",
            csv_bytes(rows),
            f"engagements signés des membres ({agreement.get_status_display().lower()})",
        )
    )
    return files
