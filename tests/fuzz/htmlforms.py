"""The forms of a rendered page, read with the standard library's HTML parser: each form's
method, action and fields, with the value a browser would send for each field when the user
changes nothing (the "valid-looking defaults" the fuzz keeps around the field it attacks)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

CSRF_FIELD = "csrfmiddlewaretoken"

# What a user would type in an empty field, by input type.
TYPED_DEFAULTS = {
    "email": "essai@example.org",
    "number": "1",
    "range": "1",
    "date": "2026-06-15",
    "datetime-local": "2026-06-15T10:00",
    "time": "10:00",
    "month": "2026-06",
    "week": "2026-W24",
    "url": "https://example.org/",
    "tel": "0102030405",
    "password": "Un-mot-de-passe-solide-42",
    "color": "#000091",
}
TEXT_DEFAULT = "Essai"
IGNORED_TYPES = {"reset", "image"}


@dataclass
class Field:
    name: str
    kind: str  # input type, "select", "textarea"
    values: list[str] = field(default_factory=list)  # what is sent when nothing is changed
    options: list[str] = field(default_factory=list)  # a select's or radio group's choices
    multiple: bool = False

    @property
    def is_file(self) -> bool:
        return self.kind == "file"


@dataclass
class Form:
    method: str  # "get" or "post"
    action: str  # as written in the page ("" for the page itself)
    enctype: str
    fields: dict[str, Field] = field(default_factory=dict)

    def add(self, name: str, kind: str, value: str | None, *, chosen: bool = True) -> Field:
        known = self.fields.get(name)
        if known is None:
            known = self.fields[name] = Field(name, kind)
        if kind in ("checkbox", "radio"):
            known.options.append(value if value is not None else "on")
            if chosen:
                known.values.append(value if value is not None else "on")
            known.multiple = known.multiple or kind == "checkbox"
        elif kind in ("submit", "button"):
            if not known.values:  # the first button is the one a user presses
                known.values.append(value or "")
        else:
            if known.values:  # several inputs of the same name: all are sent
                known.multiple = True
            known.values.append(value if value is not None else "")
        return known


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.select: Field | None = None
        self.option_value: str | None = None
        self.option_text: list[str] | None = None
        self.option_selected = False
        self.textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: (value if value is not None else "") for name, value in attrs}
        if tag == "form":
            self.current = Form(
                method=(attributes.get("method") or "get").lower(),
                action=attributes.get("action", ""),
                enctype=attributes.get("enctype", ""),
            )
            self.forms.append(self.current)
            return
        form = self.current
        if form is None:
            return
        name = attributes.get("name")
        if tag in ("input", "button") and name and "disabled" not in attributes:
            kind = attributes.get("type", "text" if tag == "input" else "submit").lower()
            if kind in IGNORED_TYPES:
                return
            value = attributes.get("value")
            if kind in ("checkbox", "radio"):
                form.add(name, kind, value, chosen="checked" in attributes)
            elif kind in ("submit", "button"):
                form.add(name, "submit", value)
            elif kind == "file":
                form.add(name, "file", "")
            elif kind == "hidden":
                form.add(name, kind, value or "")
            else:
                form.add(name, kind, value or TYPED_DEFAULTS.get(kind, TEXT_DEFAULT))
        elif tag == "select" and name and "disabled" not in attributes:
            self.select = form.fields.get(name) or Field(name, "select")
            self.select.multiple = "multiple" in attributes
            form.fields[name] = self.select
        elif tag == "option" and self.select is not None:
            self.option_value = attributes.get("value")
            self.option_text = []
            self.option_selected = "selected" in attributes
        elif tag == "textarea" and name and "disabled" not in attributes:
            self.textarea = (name, [])

    def handle_data(self, data):
        if self.option_text is not None:
            self.option_text.append(data)
        if self.textarea is not None:
            self.textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "option" and self.select is not None and self.option_text is not None:
            self._close_option()
        elif tag == "select" and self.select is not None:
            if self.option_text is not None:
                self._close_option()
            chosen = self.select
            if not chosen.values and chosen.options and not chosen.multiple:
                filled = [option for option in chosen.options if option]
                chosen.values = [filled[0] if filled else chosen.options[0]]
            self.select = None
        elif tag == "textarea" and self.textarea is not None and self.current is not None:
            name, parts = self.textarea
            self.current.add(name, "textarea", "".join(parts).strip() or TEXT_DEFAULT)
            self.textarea = None

    def _close_option(self):
        value = self.option_value
        if value is None:
            value = "".join(self.option_text or []).strip()
        self.select.options.append(value)
        if self.option_selected:
            self.select.values.append(value)
        self.option_value, self.option_text, self.option_selected = None, None, False


def forms_of(html: str) -> list[Form]:
    """Every <form> of ``html`` sent with GET or POST."""
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return [form for form in parser.forms if form.method in ("get", "post")]
