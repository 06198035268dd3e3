"""DOCX templates and clause texts cannot run code: a sandboxed Jinja fills the templates,
clauses only ever see their named fields."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from docxtpl import DocxTemplate
from jinja2.sandbox import SecurityError

from mutualis.agreements import clauses, documents, services
from mutualis.agreements.admin import DocumentTemplateForm
from mutualis.agreements.models import DocumentTemplate
from mutualis.agreements.sample import sample_document

pytestmark = pytest.mark.django_db

ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ ''.__class__ }}",
    "{{ grappe.__class__.__base__ }}",
    "{{ joiner.__init__.__globals__.os }}",
]


def template_with(text: str) -> bytes:
    template = Document(str(documents.SHIPPED_TEMPLATE))
    template.paragraphs[0].text = f"Convention {text}"
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def body_xml(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read("word/document.xml").decode()


@pytest.mark.parametrize("expression", ESCAPES)
def test_a_template_reaching_for_python_internals_is_refused_in_french(expression):
    form = DocumentTemplateForm(
        {"name": "Modèle piégé", "is_active": True},
        {"file": SimpleUploadedFile("modele.docx", template_with(expression))},
    )
    assert not form.is_valid()
    assert "tente d'accéder au fonctionnement interne" in form.errors["file"][0]
    assert not DocumentTemplate.objects.exists()


@pytest.mark.parametrize("expression", ESCAPES)
def test_rendering_such_a_template_raises_instead_of_printing_internals(expression):
    with pytest.raises(SecurityError):
        documents.render_docx(sample_document(), io.BytesIO(template_with(expression)))


def test_the_shipped_template_renders_as_without_the_sandbox():
    document = sample_document()
    plain = DocxTemplate(documents.SHIPPED_TEMPLATE)
    plain.render(document, autoescape=True)
    buffer = io.BytesIO()
    plain.save(buffer)
    sandboxed = documents.render_docx(document)
    assert body_xml(sandboxed) == body_xml(buffer.getvalue())
    assert "Grappe exemple" in body_xml(sandboxed)


def test_a_clause_citing_an_expression_keeps_it_as_plain_text():
    values = {"porteur": "Association des Volcans"}
    text = "{{ porteur }} signe. {{ cycler.__init__.__globals__ }} {% for x in y %}"
    assert clauses.fill(text, values) == (
        "Association des Volcans signe. {{ cycler.__init__.__globals__ }} {% for x in y %}"
    )


def test_an_expression_in_a_clause_is_printed_verbatim_in_the_documents(grappe, carrier):
    agreement = services.create_agreement(carrier[1], grappe)
    clause = agreement.clauses.order_by("position").first()
    trap = "Signé par {{ porteur }} {{ ''.__class__.__mro__ }} {{ cycler.__init__ }}"
    services.edit_clause(carrier[1], clause, clause.title, trap)
    version = services.generate_version(carrier[1], agreement)
    texts = [p.text for p in Document(io.BytesIO(version.docx.read())).paragraphs]
    expected = "Signé par Association des Volcans {{ ''.__class__.__mro__ }} {{ cycler.__init__ }}"
    assert expected in texts
    assert "<class" not in "\n".join(texts)
