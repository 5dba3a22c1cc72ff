"""Running a management command as a nurse's or CI's shell would: its exit code and both outputs."""

import io

from django.core.management import call_command
from django.core.management.base import CommandError


def run(command, *args):
    """(exit code, stdout, stderr and any CommandError) of a management command."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err)
    except CommandError as exc:
        return 1, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()
