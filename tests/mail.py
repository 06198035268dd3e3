"""E-mails leave once the transaction commits (``core.mail``); a test transaction never
commits, so tests run the on-commit callbacks of the action that sends."""

from django.test import TestCase


def after_commit():
    """Context manager running the block's on-commit callbacks (queued e-mails) at its end,
    as pytest-django's ``django_capture_on_commit_callbacks(execute=True)`` does."""
    return TestCase.captureOnCommitCallbacks(execute=True)
