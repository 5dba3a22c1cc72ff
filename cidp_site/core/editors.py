"""Who counts as an editor in the admin's menus, panels and reports, decided in one place.

Wagtail's own page-permission policy answers it: anyone who may add, change or publish some page.
Reports built here also export CSV cells that a spreadsheet will not run as formulas.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
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


class AdminPageView(WagtailAdminTemplateMixin, TemplateView):
    """A plain page inside the admin, its title the last breadcrumb."""

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]


class EditorReport(EditorsOnlyMixin, SafeCSVMixin, ReportView):
    """A Wagtail report readable by editors, with spreadsheet-safe CSV.

    ``url_name`` names both of its URLs (``report_urls``); the CSV/XLSX export lists the columns
    unless ``list_export`` says otherwise; the menu item shows ``page_title`` and ``header_icon``.
    """

    url_name = ""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.index_url_name = cls.url_name
        cls.index_results_url_name = f"{cls.url_name}_results"
        if "list_export" not in cls.__dict__:
            cls.list_export = [column.name for column in cls.columns]


def report_urls(reports) -> list:
    """Admin URLs for ``reports`` ((prefix, EditorReport) each): the page and its results."""
    urls = []
    for prefix, view in reports:
        urls.append(path(f"reports/{prefix}", view.as_view(), name=view.url_name))
        urls.append(
            path(
                f"reports/{prefix}results/", view.as_view(results_only=True), name=f"{view.url_name}_results"
            )
        )
    return urls


def register_report_menu(hooks, reports, first_order: int) -> None:
    """One Reports-menu item per report, in order from ``first_order``, shown only to editors."""
    for n, (_, view) in enumerate(reports):
        hooks.register(
            "register_reports_menu_item",
            lambda view=view, n=n: EditorsMenuItem(
                view.page_title,
                reverse(view.url_name),
                name=view.url_name.replace("_", "-"),
                icon_name=view.header_icon,
                order=first_order + n,
            ),
        )
