"""The design system's field markup, written in Python: byte for byte what the field templates produce.

The public journeys render a form on every request, and Django's template engine spent most of those requests in
`core/includes/radios.html`, `field.html` and `error_summary.html` (a template per field and per option). These
functions give the same HTML (tests/core/test_form_markup.py compares them with the templates on every question and
contact page) for the pages that are hit most; staff pages keep the templates. See docs/adr/0041.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

CHOICE_WIDGETS = frozenset({"radioselect", "checkboxselectmultiple"})


def text(value: Any) -> str:
    # As a template prints a variable: escaped unless already safe, None as "None"
    return str(conditional_escape(value))


def described_by(field: forms.BoundField, *, has_hint: bool) -> str:
    """The template's aria-describedby attribute: hint id, then error id, or nothing when there is neither."""
    if not (has_hint or field.errors):
        return ""
    hint = f"{field.auto_id}-hint" if has_hint else ""
    error = f" {field.auto_id}-error" if field.errors else ""
    return f' aria-describedby="{hint}{error}"'


def error_message(field: forms.BoundField) -> str:
    if not field.errors:
        return ""
    return (
        f'<p class="error-message" id="{field.auto_id}-error"><span class="visually-hidden">{_("Error:")}</span> '
        f"{text(field.errors[0])}</p>"
    )


def group_class(field: forms.BoundField) -> str:
    return "form-group form-group--error" if field.errors else "form-group"


def options(field: forms.BoundField, input_type: str) -> str:
    """Each radio or checkbox of a choice field, checked only where the person already chose it."""
    items = []
    for option in field.subwidgets:
        checked = " checked" if option.data["selected"] else ""
        items.append(
            '\n      <div class="radios__item">\n'
            f'        <input class="radios__input" type="{input_type}" id="{text(option.id_for_label)}" '
            f'name="{text(field.html_name)}" value="{text(option.data["value"])}"{checked}>\n'
            f'        <label class="radios__label" for="{text(option.id_for_label)}">'
            f"{text(option.choice_label)}</label>\n"
            "      </div>\n      "
        )
    return "".join(items)


def radios(field: forms.BoundField, legend: Any, hint: Any) -> SafeString:
    """core/includes/radios.html: a radio group whose legend is the page's h1."""
    hint_html = f'<p class="hint" id="{field.auto_id}-hint">{text(hint)}</p>' if hint else ""
    return mark_safe(  # noqa: S308 -- every value is escaped above or by text()
        "\n"
        f'<div class="{group_class(field)}">\n'
        f'  <fieldset class="fieldset"{described_by(field, has_hint=bool(hint))}>\n'
        f'    <legend class="fieldset__legend"><h1 class="fieldset__heading">{text(legend)}</h1></legend>\n'
        f"    {hint_html}\n"
        f"    {error_message(field)}\n"
        '    <div class="radios">\n'
        f"      {options(field, 'radio')}\n"
        "    </div>\n"
        "  </fieldset>\n"
        "</div>\n"
    )


def field_markup(field: forms.BoundField, *, is_heading: bool = False) -> SafeString:
    """core/includes/field.html: one field, its label or legend the page's h1 when is_heading."""
    widget = field.widget_type
    if widget in CHOICE_WIDGETS:
        body = choice_group(field, is_heading=is_heading, is_radio=widget == "radioselect")
    elif widget == "checkbox":
        body = single_checkbox(field)
    else:
        body = text_entry(field, is_heading=is_heading, is_textarea=widget == "textarea")
    return mark_safe("\n\n\n" + body + "\n\n\n")  # noqa: S308 -- built from escaped parts


def hint_paragraph(field: forms.BoundField) -> str:
    return f'<p class="hint" id="{field.auto_id}-hint">{text(field.help_text)}</p>' if field.help_text else ""


def choice_group(field: forms.BoundField, *, is_heading: bool, is_radio: bool) -> str:
    label = (
        f'<h1 class="fieldset__heading">{text(field.label)}</h1>'
        if is_heading
        else f'<span class="label">{text(field.label)}</span>'
    )
    return (
        f'<div class="{group_class(field)}">\n'
        f'  <fieldset class="fieldset"{described_by(field, has_hint=bool(field.help_text))}>\n'
        f'    <legend class="fieldset__legend">{label}</legend>\n'
        f"    {hint_paragraph(field)}\n"
        f"    {error_message(field)}\n\n"
        f'    <div class="{"radios" if is_radio else "checkboxes"}">\n'
        f"      {options(field, 'radio' if is_radio else 'checkbox')}\n"
        "    </div>\n"
        "  </fieldset>\n"
        "</div>"
    )


def single_checkbox(field: forms.BoundField) -> str:
    checked = " checked" if field.value() else ""
    return (
        f'<div class="{group_class(field)}">\n'
        f"  {error_message(field)}\n\n"
        '  <div class="radios__item">\n'
        f'    <input class="radios__input" type="checkbox" id="{field.auto_id}" name="{text(field.html_name)}"'
        f"{checked}{described_by(field, has_hint=bool(field.help_text))}>\n"
        f'    <label class="radios__label" for="{field.auto_id}">{text(field.label)}</label>\n'
        "  </div>\n"
        f"  {hint_paragraph(field)}\n"
        "</div>"
    )


def text_entry(field: forms.BoundField, *, is_heading: bool, is_textarea: bool) -> str:
    label = (
        f'<h1 class="label-wrapper"><label class="label label--heading" for="{field.auto_id}">{text(field.label)}'
        "</label></h1>"
        if is_heading
        else f'<label class="label" for="{field.auto_id}">{text(field.label)}</label>'
    )
    entry = textarea(field) if is_textarea else text_input(field)
    return (
        f'<div class="{group_class(field)}">\n'
        f"  {label}\n"
        f"  {hint_paragraph(field)}\n"
        f"  {error_message(field)}\n\n"
        f"  \n  {entry}\n  \n"
        "</div>"
    )


def value_or_blank(field: forms.BoundField) -> str:
    value = field.value()
    return "" if value is None else text(value)


def textarea(field: forms.BoundField) -> str:
    error_class = " input--error" if field.errors else ""
    hint = f" {field.auto_id}-hint" if field.help_text else ""
    error = f" {field.auto_id}-error" if field.errors else ""
    maximum = text(getattr(field.field, "max_length", ""))
    return (
        f'<textarea class="textarea{error_class}" id="{field.auto_id}" name="{text(field.html_name)}" rows="5" '
        f'data-maxlength="{maximum}" aria-describedby="{field.auto_id}-count{hint}{error}">{value_or_blank(field)}'
        "</textarea>\n"
        f'  <p class="hint character-count" id="{field.auto_id}-count" aria-live="polite">'
        f"{_('You can enter up to %(max_length)s characters') % {'max_length': maximum}}</p>"
    )


def text_input(field: forms.BoundField) -> str:
    widget = field.field.widget
    error_class = " input--error" if field.errors else ""
    input_type = widget.attrs.get("type") or getattr(widget, "input_type", "")
    return (
        f'<input class="input{error_class}" id="{field.auto_id}" name="{text(field.html_name)}" '
        f'type="{text(input_type)}" value="{value_or_blank(field)}"{extra_attributes(widget.attrs.items())}'
        f"{described_by(field, has_hint=bool(field.help_text))}>"
    )


def extra_attributes(attributes: Iterable[tuple[str, Any]]) -> str:
    return "".join(f' {text(name)}="{text(value)}"' for name, value in attributes if name != "type")


def error_summary(form: object) -> SafeString:
    """core/includes/error_summary.html: every error, each linking to its field (a group's first option)."""
    # A page without a form (a template variable that is missing) has no summary, as with the template
    if not isinstance(form, forms.BaseForm) or not form.errors:
        return mark_safe("\n")
    return mark_safe(  # noqa: S308 -- built from escaped parts
        '\n<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" '
        "data-error-summary>\n"
        f'  <h2 class="error-summary__title" id="error-summary-title">{_("There is a problem")}</h2>\n'
        '  <ul class="error-summary__list">\n'
        f"    {''.join(f'<li>{text(error)}</li>' for error in form.non_field_errors())}\n"
        f"    {''.join(summary_items(form))}\n"
        "  </ul>\n"
        "</div>\n\n"
    )


def summary_items(form: forms.BaseForm) -> Iterable[str]:
    for field in form:
        anchor = f"{field.auto_id}_0" if field.widget_type in CHOICE_WIDGETS else field.auto_id
        yield "".join(f'\n    <li><a href="#{anchor}">{text(error)}</a></li>\n    ' for error in field.errors)


@dataclass(frozen=True)
class SummaryRow:
    """One line of a check-answers summary list."""

    key: str
    value: str  # plain text, its line breaks shown as such
    change_url: str
    change_hidden: str  # what screen readers hear after "Change": which answer it changes


def summary_rows(rows: Iterable[SummaryRow]) -> SafeString:
    """The rows of a check-answers summary list: a loop of four translations and filters a row in a template, the
    largest part of those pages' work (docs/adr/0053)."""
    change = text(_("Change"))
    return mark_safe("".join(summary_row(row, change) for row in rows))  # noqa: S308 -- escaped in summary_row


def summary_row(row: SummaryRow, change: str) -> str:
    return (
        '\n  <div class="summary-list__row">\n'
        f'    <dt class="summary-list__key">{text(row.key)}</dt>\n'
        f'    <dd class="summary-list__value">{linebreaksbr(row.value, autoescape=True)}</dd>\n'
        f'    <dd class="summary-list__actions"><a href="{text(row.change_url)}">{change}'
        f'<span class="visually-hidden"> {text(row.change_hidden)}</span></a></dd>\n'
        "  </div>\n  "
    )
