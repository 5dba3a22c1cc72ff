"""People of the site for tests: a nurse, a reviewer, a site manager, in the groups the roles
migration creates, so a test exercises the same permissions a real login has."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "correct horse battery staple"


def make_user(username, first, last, group):
    user = get_user_model().objects.create_user(
        username, f"{username}@clinic.example", PASSWORD, first_name=first, last_name=last
    )
    user.groups.add(Group.objects.get(name=group))
    return user
