"""The agreement's calendar annex reads the project's milestones: agreements sit above
projects and cannot import them, so projects registers this source
(``agreements.calendar.register``) from its ``AppConfig.ready()``."""

from __future__ import annotations

from mutualis.agreements.calendar import Step
from mutualis.projects.models import Project
from mutualis.projects.selectors import milestones


def project_milestones(grappe) -> list[Step] | None:
    project = Project.objects.filter(grappe=grappe).first()
    if project is None:
        return None
    return [Step(m.title, m.planned_date, m.actual_date) for m in milestones(project)]
