"""The rules of a plan's dates and of an action's status and progress; pure, without the ORM.

- the horizon: opening date + six months by default; every action starts and ends between the
  opening date and the horizon; the horizon moves only if it keeps every action inside it;
- progress is 0–100 and 100 % means "fait" (and "fait" means 100 %);
- a timeline entry is dated, never in the future.
"""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError

HORIZON_MONTHS = 6
TODO, DOING, DONE, DROPPED = "todo", "doing", "done", "dropped"


def default_horizon(opened_on: datetime.date) -> datetime.date:
    return opened_on + relativedelta(months=HORIZON_MONTHS)


def check_dates(
    starts_on: datetime.date,
    due_on: datetime.date,
    opened_on: datetime.date,
    horizon_on: datetime.date,
) -> None:
    errors = {}
    if starts_on < opened_on:
        errors["starts_on"] = f"Le début doit suivre l'ouverture du plan ({opened_on:%d/%m/%Y})."
    if due_on > horizon_on:
        errors["due_on"] = (
            f"L'échéance dépasse l'horizon du plan ({horizon_on:%d/%m/%Y}) : "
            "choisissez une date plus proche ou repoussez l'horizon du plan."
        )
    elif due_on < starts_on:
        errors["due_on"] = "L'échéance ne peut précéder le début de l'action."
    if errors:
        raise ValidationError(errors)


def check_horizon(
    opened_on: datetime.date, horizon_on: datetime.date, latest_due: datetime.date | None
) -> None:
    if horizon_on <= opened_on:
        raise ValidationError(
            {"horizon_on": f"L'horizon doit suivre l'ouverture du plan ({opened_on:%d/%m/%Y})."}
        )
    if latest_due is not None and horizon_on < latest_due:
        raise ValidationError(
            {
                "horizon_on": "Une action a une échéance au "
                f"{latest_due:%d/%m/%Y} : l'horizon ne peut être placé avant."
            }
        )


def resolve(
    status: str, progress: int, new_status: str = "", new_progress: int | None = None
) -> tuple[str, int]:
    """The action's status and progress after an update that may give either, both or none;
    incoherent pairs are refused with the reason."""
    if new_progress is not None and not 0 <= new_progress <= 100:
        raise ValidationError({"progress": "L'avancement est un pourcentage entre 0 et 100."})
    target_status = new_status or status
    if new_progress is None:
        if new_status == DONE:
            return DONE, 100
        if new_status and status == DONE:
            raise ValidationError(
                {"progress": "Indiquez l'avancement (moins de 100 %) de l'action rouverte."}
            )
        return target_status, progress
    if new_progress == 100:
        if new_status and new_status != DONE:
            raise ValidationError(
                {"progress": "Un avancement de 100 % correspond au statut « Fait »."}
            )
        return DONE, 100
    if target_status == DONE:
        if new_status == DONE:
            raise ValidationError(
                {"progress": "Une action faite est avancée à 100 % : corrigez l'avancement."}
            )
        target_status = DOING  # progress lowered on a done action: it is running again
    if target_status == TODO and new_progress > 0 and not new_status:
        target_status = DOING
    return target_status, new_progress


def check_update_date(on: datetime.date, today: datetime.date) -> None:
    if on > today:
        raise ValidationError({"on": "Un point d'étape ne peut être daté dans le futur."})
