"""Clear confirmations after a reviewer approves or asks for changes (Wagtail says nothing there).

Wagtail's workflow views redirect without a message, so this middleware looks at the finished
action and tells the reviewer what happened in the site's words: who was told, what patients see.
"""

from django.conf import settings
from django.contrib import messages
from wagtail.models import Page, TaskState


def _message(request, page, task_state):
    title = page.get_admin_display_title()
    if task_state.status == TaskState.STATUS_APPROVED:
        specific = page.specific
        due = getattr(specific, "review_due", None)
        due_text = f", and its next review is due {due:%-d %B %Y}" if due else ""
        git = (
            " The change is saved to git on its own: see Reports → Edits and git."
            if getattr(settings, "CONTENT_GIT_DIR", "")
            else ""
        )
        messages.success(request, f"Approved. '{title}' is live for patients now{due_text}.{git}")
    elif task_state.status == TaskState.STATUS_REJECTED:
        requested_by = task_state.workflow_state.requested_by
        who = (requested_by.get_full_name() or requested_by.get_username()) if requested_by else "the editor"
        messages.success(
            request,
            f"Changes requested. '{title}' is back with {who}, who has been sent your comment by e-mail. "
            "Patients still see the published version.",
        )


class WorkflowConfirmationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method != "POST" or response.status_code not in (200, 302):
            return response
        match = getattr(request, "resolver_match", None)
        if match is None or match.namespace != "wagtailadmin_pages":
            return response
        try:
            if match.url_name == "workflow_action":
                task_state = TaskState.objects.filter(pk=match.kwargs.get("task_state_id")).first()
                page = Page.objects.filter(pk=match.kwargs.get("page_id")).first()
            elif match.url_name == "edit" and request.POST.get("action-workflow-action"):
                page = Page.objects.filter(pk=match.kwargs.get("page_id")).first()
                task_state = (
                    TaskState.objects.filter(
                        workflow_state__base_content_type=page.get_base_content_type(),
                        workflow_state__object_id=str(page.pk),
                    )
                    .order_by("-pk")
                    .first()
                    if page
                    else None
                )
            else:
                return response
        except (ValueError, TypeError):
            return response
        if page is not None and task_state is not None:
            _message(request, page, task_state)
        return response
