"""PDF downloads rendered from a template by WeasyPrint (served static files as base)."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML


def pdf_response(request, template: str, context: dict, filename: str) -> HttpResponse:
    """The template rendered as a PDF attachment named ``filename``."""
    html = render_to_string(template, context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
