"""One Content Security Policy for readers, a looser one scoped to the Wagtail admin only."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy swapped in under ADMIN_PATH_PREFIX.

    The admin needs inline script and style and frames its own previews; patients' pages never do,
    so the public policy stays strict instead of being loosened for everyone.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(settings.ADMIN_PATH_PREFIX):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts
