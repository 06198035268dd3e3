"""Rules of a convention de mise à disposition, pure (no ORM): what the cost method may be
for a legal vehicle, the planned days of a period, and what a month of days used may hold.

Source of the cost rule: Code du travail, art. L.8241-1 (Légifrance, in force in 2026): a
lending of staff is non-profit only when the lender invoices the user, during the lending,
no more than the salaries paid, the related social charges and the professional expenses
reimbursed to the employee; art. L.8241-2 sets its conditions (written agreement of the
employee, convention between the two bodies, amendment to the employment contract).
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from decimal import Decimal

NON_PROFIT_LENDING = "pret-non-lucratif"  # vehicle code in sharing/data/vehicles.csv
L8241_1 = "Code du travail, art. L.8241-1"
L8241_1_URL = "https://www.legifrance.gouv.fr/codes/id/LEGITEXT000006072050"  # Code du travail

AT_COST = "at_cost"
FLAT = "flat"
FREE = "free"
COST_METHODS = (
    (AT_COST, "Au coût réel : salaires, charges sociales et frais professionnels, sans marge"),
    (FLAT, "Forfait par jour"),
    (FREE, "À titre gratuit"),
)
# Skills whose convention gets the confidentiality / personal data clause.
DATA_PROTECTION_SKILLS = frozenset({"dpo", "rssi"})

MARGIN_REFUSED = (
    "Une mise à disposition à but non lucratif (Code du travail, art. L.8241-1) ne peut "
    "refacturer que les salaires versés, les charges sociales afférentes et les frais "
    "professionnels remboursés, sans marge : choisissez « au coût réel » (ou « à titre "
    "gratuit »)."
)


def cost_errors(vehicle_code: str | None, method: str, daily_cost: Decimal | None) -> dict:
    """French errors by field name ("cost_method", "daily_cost"); empty when consistent."""
    errors: dict[str, str] = {}
    if method not in dict(COST_METHODS):
        errors["cost_method"] = "Choisissez un mode de calcul du coût de la liste."
        return errors
    if vehicle_code == NON_PROFIT_LENDING and method == FLAT:
        errors["cost_method"] = MARGIN_REFUSED
    if daily_cost is None:
        errors["daily_cost"] = "Indiquez le coût par jour (0 si gratuit)."
    elif daily_cost < 0:
        errors["daily_cost"] = "Le coût par jour ne peut pas être négatif."
    elif method == FREE and daily_cost != 0:
        errors["daily_cost"] = "Une mise à disposition à titre gratuit a un coût par jour de 0 €."
    elif method != FREE and daily_cost == 0:
        errors["daily_cost"] = (
            "Indiquez le coût par jour refacturé, ou choisissez « à titre gratuit »."
        )
    return errors


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def months_of(starts_on: datetime.date, ends_on: datetime.date) -> list[datetime.date]:
    """First days of the calendar months the period touches, in order."""
    months, month = [], first_of_month(starts_on)
    while month <= ends_on:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def planned_days(
    days_per_month: Decimal | None, starts_on: datetime.date, ends_on: datetime.date
) -> Decimal | None:
    """days per month × months touched by the period (None for equipment: no days)."""
    if days_per_month is None:
        return None
    return days_per_month * len(months_of(starts_on, ends_on))


def period_errors(
    starts_on: datetime.date,
    ends_on: datetime.date,
    bounds: list[tuple[str, datetime.date, datetime.date]],
) -> list[str]:
    """The period must lie within each listing's period (``bounds``: label, start, end)."""
    if ends_on < starts_on:
        return ["La fin de la mise à disposition précède son début."]
    errors = []
    for label, start, end in bounds:
        if starts_on < start or ends_on > end:
            errors.append(
                f"La période doit rester dans celle {label} : du {start:%d/%m/%Y} au "
                f"{end:%d/%m/%Y}."
            )
    return errors


def days_used_errors(
    month: datetime.date,
    days: Decimal,
    starts_on: datetime.date,
    ends_on: datetime.date,
    today: datetime.date,
) -> dict:
    """French errors by field ("month", "days") for one month of days used."""
    errors: dict[str, str] = {}
    month = first_of_month(month)
    if month < first_of_month(starts_on) or month > ends_on:
        errors["month"] = (
            f"Ce mois est hors de la mise à disposition (du {starts_on:%d/%m/%Y} au "
            f"{ends_on:%d/%m/%Y})."
        )
    elif month > first_of_month(today):
        errors["month"] = "Ce mois n'a pas encore commencé : saisissez les jours une fois faits."
    length = calendar.monthrange(month.year, month.month)[1]
    if days < 0:
        errors["days"] = "Le nombre de jours ne peut pas être négatif."
    elif days > length:
        errors["days"] = f"Ce mois compte {length} jours : saisissez au plus {length}."
    return errors


@dataclass(frozen=True)
class Totals:
    planned: Decimal | None  # None: no days planned (equipment)
    used: Decimal
    planned_to_date: Decimal | None  # planned for the months begun so far
    cost_to_date: Decimal

    @property
    def remaining(self) -> Decimal | None:
        return None if self.planned is None else self.planned - self.used


def totals(
    days_per_month: Decimal | None,
    starts_on: datetime.date,
    ends_on: datetime.date,
    daily_cost: Decimal,
    used: list[Decimal],
    today: datetime.date,
) -> Totals:
    total_used = sum(used, Decimal(0))
    months = months_of(starts_on, ends_on)
    begun = [m for m in months if m <= first_of_month(today)]
    return Totals(
        planned=None if days_per_month is None else days_per_month * len(months),
        used=total_used,
        planned_to_date=None if days_per_month is None else days_per_month * len(begun),
        cost_to_date=total_used * daily_cost,
    )
