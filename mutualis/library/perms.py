"""Who writes, moderates, reads and questions experience reports."""

from mutualis.accounts.perms import is_national_admin, is_signed_in, region_codes
from mutualis.library.models import Attachment, ExperienceReport, Question

State = ExperienceReport.State


def is_author(user, report: ExperienceReport) -> bool:
    return is_signed_in(user) and report.author_id == user.pk


def can_write(user) -> bool:
    return is_signed_in(user)


def can_moderate(user, report: ExperienceReport) -> bool:
    """National administrators, and regional actors for the reports of their région; never
    the author (another pair of eyes)."""
    if is_author(user, report):
        return False
    if is_national_admin(user):
        return True
    return report.region_id is not None and report.region_id in region_codes(user)


def can_edit(user, report: ExperienceReport) -> bool:
    """Its author, until it is published."""
    return is_author(user, report) and report.state != State.PUBLISHED


def can_propose(user, report: ExperienceReport) -> bool:
    return is_author(user, report) and report.state in (State.DRAFT, State.REJECTED)


def can_delete(user, report: ExperienceReport) -> bool:
    return is_author(user, report) and report.state in (State.DRAFT, State.REJECTED)


def can_view(user, report: ExperienceReport) -> bool:
    """Published reports are public; drafts are their author's; proposed and refused ones
    are also seen by the moderators of their région."""
    if report.state == State.PUBLISHED or is_author(user, report):
        return True
    return report.state != State.DRAFT and can_moderate(user, report)


def can_download(user, attachment: Attachment) -> bool:
    return can_view(user, attachment.report)


def can_ask(user, report: ExperienceReport) -> bool:
    return (
        is_signed_in(user)
        and report.state == State.PUBLISHED
        and report.author_id is not None
        and report.author_id != user.pk
    )


def can_answer(user, question: Question) -> bool:
    return is_author(user, question.report) and not question.answer
