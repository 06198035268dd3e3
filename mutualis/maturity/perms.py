"""Who may see and fill in an assessment. Answers are private to the managing body unless it
shares them with its regional authority; aggregates (observatory) are public."""

from mutualis.accounts.perms import is_member, region_codes
from mutualis.maturity.models import Assessment


def can_edit_assessment(user, assessment: Assessment) -> bool:
    return is_member(user, assessment.managing_body_id)


def can_view_assessment(user, assessment: Assessment) -> bool:
    if can_edit_assessment(user, assessment):
        return True
    return assessment.shared_with_region and assessment.region_id in region_codes(user)
