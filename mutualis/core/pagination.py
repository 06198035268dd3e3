"""Pagination shaped for the DSFR pagination component."""

from django.core.paginator import Page, Paginator


def paginate(request, items, per_page: int = 20) -> Page:
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    page.pages_list = list(
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return page
