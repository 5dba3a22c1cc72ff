"""Make sure a newcomer can log in to the admin, without ever committing a password."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create an 'admin' superuser if the site has no superuser yet. The password comes from "
        "ADMIN_PASSWORD, or is generated and printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--username", default="admin", help="Login name for the new superuser (default: admin)."
        )

    def handle(self, *args, **options):
        users = get_user_model().objects
        if users.filter(is_superuser=True).exists():
            self.stdout.write(
                "An admin login already exists. Forgot it? Run: "
                ".venv/bin/python manage.py changepassword admin"
            )
            return
        password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        users.create_superuser(options["username"], "", password)
        self.stdout.write(self.style.SUCCESS(f"Created the admin login '{options['username']}'."))
        if not os.environ.get("ADMIN_PASSWORD"):
            self.stdout.write(f"Its password is: {password}  (shown once; change it in the admin)")
