"""Pieces shared by the registry's admin screens.

The generic Wagtail views write with `form.save()` and `instance.delete()`;
ours hand the cleaned data to a service instead, so the permission check, the
rules and the audit event are the same as in the portal, the API and the
command line. A refusal from a service becomes a message on the form.
"""

import re
from collections import OrderedDict

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import DeleteView, IndexView, history
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.coreutils import multigetattr

from registry.audit.models import AuditEvent
from registry.audit.services import audit_events_for

_DISPLAY = re.compile(r"^get_(\w+)_display$")


def export_value(item, accessor: str, choice_labels: dict | None = None):
    """Like Wagtail's multigetattr, but an empty relation half-way gives an empty cell,
    a many-to-many relation gives its names joined, and `get_<field>_display` reads
    the label from `choice_labels` (built once per export: Django builds it per call)."""
    current = item
    for bit in accessor.split("."):
        if current is None:
            return None
        display = _DISPLAY.match(bit)
        if display and choice_labels is not None and isinstance(current, models.Model):
            current = _choice_label(current, display.group(1), choice_labels)
        else:
            current = multigetattr(current, bit)
    if isinstance(current, models.Manager):
        # A many-to-many column, prefetched by the listing: one cell, names joined.
        return ", ".join(str(related) for related in current.all())
    return current


def _choice_label(obj: models.Model, field_name: str, cache: dict):
    key = (type(obj), field_name)
    if key not in cache:
        field = obj._meta.get_field(field_name)
        cache[key] = {value: str(label) for value, label in field.flatchoices}
    value = getattr(obj, field_name)
    return cache[key].get(value, value)


class RegistryIndexView(IndexView):
    """A listing whose rows (and export) load their relations up front, in a fixed number of queries."""

    list_select_related: tuple = ()
    list_prefetch_related: tuple = ()

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.list_select_related:
            queryset = queryset.select_related(*self.list_select_related)
        if self.list_prefetch_related:
            queryset = queryset.prefetch_related(*self.list_prefetch_related)
        return queryset

    @cached_property
    def _choice_labels(self) -> dict:
        return {}

    def to_row_dict(self, item):
        return OrderedDict((field, export_value(item, field, self._choice_labels)) for field in self.list_export)


def add_service_errors(form, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form fields it names (or to the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ServiceFormMixin:
    """For CreateView/EditView: `save_instance` calls a service; its refusals go back to the form."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ServiceDeleteView(DeleteView):
    """Deletes through `delete_with_service()`; a refusal is shown instead of a server error."""

    def delete_with_service(self):
        raise NotImplementedError

    def form_valid(self, form):
        success_url = self.get_success_url()
        try:
            self.delete_with_service()
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(self.request.path)
        messages.success(self.request, self.get_success_message())
        return redirect(success_url)


def _audit_details(event: AuditEvent) -> str:
    return "; ".join(f"{key}: {value}" for key, value in sorted(event.data.items()))


class AuditHistoryView(history.HistoryView):
    """The object's history is its audit trail: every service writes one event per change."""

    any_permission_required = ["view", "change"]
    filterset_class = None

    @cached_property
    def columns(self):
        return [
            Column("action", label=_("Tindakan")),
            Column("actor_label", label=_("Pelaku"), width="20%"),
            Column("details", label=_("Rincian"), accessor=_audit_details),
            DateColumn("created_at", label=_("Waktu"), width="15%"),
        ]

    @cached_property
    def verbose_name_plural(self):
        return AuditEvent._meta.verbose_name_plural

    def get_base_queryset(self):
        return audit_events_for(self.object).order_by("-sequence")

    def get_filterset_kwargs(self):
        return {"data": self.request.GET, "request": self.request}

    def get_edit_url(self, instance):
        if self.edit_url_name and self.user_has_permission("change"):
            return super().get_edit_url(instance)
        return None

    @cached_property
    def header_buttons(self):
        return super().header_buttons if self.get_edit_url(self.object) else []


class ServiceActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """One action on one object (verify, approve, return...): a confirmation page, then a service call.

    Subclasses set `model`, `page_title`, `confirmation_message`, `submit_label`,
    `success_message` and implement `perform(form)`; a form class adds fields
    such as a comment.
    """

    template_name = "backoffice/action_form.html"
    form_class = forms.Form
    model = None
    permission_policy = None
    permission_required = "view"
    index_url_name = None
    next_url_name = None
    header_icon = ""
    confirmation_message = ""
    submit_label = _("Lanjutkan")
    submit_classname = "button"
    success_message = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])

    def get_queryset(self):
        return self.model._default_manager.all()

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        items = []
        if self.index_url_name:
            items.append(
                {"url": reverse(self.index_url_name), "label": capfirst(self.model._meta.verbose_name_plural)}
            )
        items.append({"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()})
        return self.breadcrumbs_items + items

    def get_success_url(self):
        if self.next_url_name:
            return reverse(self.next_url_name, args=[self.object.pk])
        return reverse(self.index_url_name)

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.perform(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"object": self.object})
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "object": self.object,
                "confirmation_message": self.confirmation_message,
                "submit_label": self.submit_label,
                "submit_classname": self.submit_classname,
                "cancel_url": self.get_success_url(),
            }
        )
        return context
