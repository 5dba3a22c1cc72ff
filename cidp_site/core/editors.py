"""Who counts as an editor in the admin's menus, panels and reports, decided in one place.

Wagtail's own page-permission policy answers it: anyone who may add, change or publish some page.
Reports built here also export CSV cells that a spreadsheet will not run as formulas.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from .exports import SafeCSVMixin

EDITOR_ACTIONS = ["add", "change", "publish"]


def is_editor(user) -> bool:
    return PagePermissionPolicy().user_has_any_permission(user, EDITOR_ACTIONS)


class EditorsMenuItem(MenuItem):
    """A menu item shown only to editors (the view behind it refuses everyone else too)."""

    def is_shown(self, request):
        return is_editor(request.user)


class EditorsOnlyMixin:
    """For admin views: anyone who is not an editor gets 403."""

    def dispatch(self, request, *args, **kwargs):
        if not is_editor(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class EditorReport(EditorsOnlyMixin, SafeCSVMixin, ReportView):
    """A Wagtail report readable by editors, with spreadsheet-safe CSV."""


def report_urls(reports) -> list:
    """Admin URLs for ``reports``: (prefix, view, url name, label, icon) each, plus its results URL."""
    urls = []
    for prefix, view, name, *_ in reports:
        urls.append(path(f"reports/{prefix}", view.as_view(), name=name))
        urls.append(
            path(f"reports/{prefix}results/", view.as_view(results_only=True), name=f"{name}_results")
        )
    return urls


def register_report_menu(hooks, reports, first_order: int) -> None:
    """One Reports-menu item per report, in order from ``first_order``, shown only to editors."""
    for n, (_, _, name, label, icon) in enumerate(reports):
        hooks.register(
            "register_reports_menu_item",
            lambda name=name, label=label, icon=icon, n=n: EditorsMenuItem(
                label, reverse(name), name=name.replace("_", "-"), icon_name=icon, order=first_order + n
            ),
        )
