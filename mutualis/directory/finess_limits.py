"""The FINESS readers' limits, from the settings (``MUTUALIS["FINESS_MAX_…"]``)."""

from __future__ import annotations

from django.conf import settings

from mutualis.finess.limits import KB, MB, ReadLimits


def max_upload_mb() -> int:
    """Largest FINESS file accepted, in MB (the upload form and the reader)."""
    return settings.MUTUALIS["FINESS_MAX_UPLOAD_MB"]


def read_limits() -> ReadLimits:
    config = settings.MUTUALIS
    return ReadLimits(
        max_file_bytes=max_upload_mb() * MB,
        max_unzipped_bytes=config["FINESS_MAX_UNZIPPED_MB"] * MB,
        max_gzip_ratio=config["FINESS_MAX_GZIP_RATIO"],
        max_line_bytes=config["FINESS_MAX_LINE_KB"] * KB,
        max_field_chars=config["FINESS_MAX_FIELD_KB"] * KB,
        max_fields=config["FINESS_MAX_FIELDS"],
        max_json_depth=config["FINESS_MAX_JSON_DEPTH"],
        max_token_bytes=config["FINESS_MAX_JSON_TOKEN_KB"] * KB,
        max_item_bytes=config["FINESS_MAX_JSON_ENTRY_MB"] * MB,
        max_records=config["FINESS_MAX_RECORDS"],
        max_text_chars=config["FINESS_MAX_TEXT_MB"] * 1_000_000,
        max_issues=config["FINESS_MAX_ISSUES"],
    )
