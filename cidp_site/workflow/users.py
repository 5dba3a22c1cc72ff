"""User accounts for Site managers: they create and deactivate nurse and reviewer accounts.

Wagtail lets anyone who may add or change users also tick "Administrator" and any group. A Site
manager is not an administrator, so for them the forms offer only the site's editorial groups and
no Administrator box, and administrators' own accounts are not theirs to change.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from wagtail.users.views import users

SITE_MANAGERS = "Site managers"
NURSES = "Nurse editors"
REVIEWERS = "Clinical reviewers"


def limit_for(form, request_user):
    if request_user.is_superuser:
        return form
    form.fields.pop("is_superuser", None)
    if "groups" in form.fields:
        form.fields["groups"].queryset = Group.objects.filter(name__in=[NURSES, REVIEWERS]).order_by("name")
        form.fields[
            "groups"
        ].help_text = "Nurse editors edit and submit pages; Clinical reviewers approve them."
    return form


class CreateView(users.CreateView):
    def get_form(self, form_class=None):
        return limit_for(super().get_form(form_class), self.request.user)


class EditView(users.EditView):
    def get_object(self, queryset=None):
        user = super().get_object(queryset)
        if not self.request.user.is_superuser and (
            user.is_superuser or user.groups.filter(name=SITE_MANAGERS).exists()
        ):
            if user.pk != self.request.user.pk:
                raise PermissionDenied
        return user

    def get_form(self, form_class=None):
        form = limit_for(super().get_form(form_class), self.request.user)
        if not self.request.user.is_superuser and "groups" in form.fields and self.object.pk:
            # Groups the manager cannot offer (e.g. their own Site managers) stay as they were.
            self.kept_groups = list(self.object.groups.exclude(name__in=[NURSES, REVIEWERS]))
        return form

    def save_instance(self):
        user = super().save_instance()
        if getattr(self, "kept_groups", None):
            user.groups.add(*self.kept_groups)
        return user


class DeleteView(users.DeleteView):
    def get_object(self, queryset=None):
        user = super().get_object(queryset)
        if not self.request.user.is_superuser and (
            user.is_superuser or user.groups.filter(name=SITE_MANAGERS).exists()
        ):
            raise PermissionDenied
        return user


class UserViewSet(users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
