"""The project's part of the application pack of its grappe (``grappes.application_pack``):
the calendar of its milestones."""

from __future__ import annotations

from mutualis.grappes.application_pack import PackFile, csv_bytes
from mutualis.grappes.models import Grappe
from mutualis.projects.models import Project
from mutualis.projects.selectors import milestones


def calendar(grappe: Grappe) -> list[PackFile]:
    project = Project.objects.filter(grappe=grappe).first()
    if project is None:
        return []
    rows: list[list] = [["Jalon", "Date prévue", "Date de réalisation", "Responsable", "ESSMS"]]
    for milestone in milestones(project):
        rows.append(
            [
                milestone.title,
                milestone.planned_date,
                milestone.actual_date,
                milestone.responsible.managing_body.display_name if milestone.responsible else "",
                milestone.establishment.name if milestone.establishment else "",
            ]
        )
    return [
        PackFile("calendrier-du-projet.csv", csv_bytes(rows), "calendrier des jalons du projet")
    ]
