"""Admin page "Edits and git": what has reached git, what has not, and a retry button."""

from django.contrib import messages
from django.shortcuts import redirect

from cidp_site.core.editors import AdminPageView, EditorsOnlyMixin

from .commit import branch, enabled, remote, retry_waiting
from .files import repo_dir
from .status import board


class GitStatusView(EditorsOnlyMixin, AdminPageView):
    page_title = "Edits and git"
    header_icon = "history"
    template_name = "gitsync/status.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(board=board(), enabled=enabled(), repo=repo_dir(), branch=branch(), remote=remote())
        return context

    def post(self, request):
        """Retry everything waiting (the same as the commit_cms_edits command)."""
        if not enabled():
            messages.error(
                request, "No git repository is set (CONTENT_GIT_DIR), so nothing can be committed."
            )
            return redirect("gitsync_status")
        results = retry_waiting()
        failed = [change for change, ok in results if not ok]
        if failed:
            messages.error(
                request, f"{len(failed)} of {len(results)} still could not reach git; see why below."
            )
        else:
            messages.success(request, f"{len(results)} change(s) committed to git.")
        return redirect("gitsync_status")
