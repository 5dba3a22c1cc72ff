"""'Was this page helpful?' without cookies on the cached page.

Pages are cached and must be the same for every anonymous reader, so the Yes/No form carries no
CSRF token. Instead these views check that the POST comes from our own origin (Origin header,
else Sec-Fetch-Site, else Referer: OWASP's "verifying origin with standard headers") and are rate
limited per client. The optional comment is a second step on a page that is never cached; it uses
the same origin check, so a reader who votes or comments gets no cookie at all (a CSRF token would
need one). When the rate-limit counters are unavailable (cache down) the answer is refused with 503,
never stored without a limit.
"""

from django import forms
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page

from cidp_site.core import ratelimit
from cidp_site.core.models import forget_old_reader_text
from cidp_site.core.origin import same_origin

from .models import FeedbackComment, PageFeedback

MAX_COMMENT = 1000


def _live_page(page_id: int) -> Page:
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404("No such page")
    return page


def _refuse(request, page, message, status):
    response = render(
        request, "search/feedback_thanks.html", {"target": page, "refused": message}, status=status
    )
    if status in (429, 503):
        response["Retry-After"] = "60"
    return response


BUSY = "We cannot take answers just now. Please try again in a few minutes."
NOT_FROM_PAGE = "We could not accept that answer. Please use the form on the page."


def _within_limit(request, scope: str, **limits) -> bool | None:
    """True/False from the rate limit; None when it cannot be checked (the caller refuses)."""
    try:
        return ratelimit.allow(request, scope, **limits)
    except ratelimit.Unavailable:
        return None


@csrf_exempt  # protected by same_origin() above instead: the page itself must stay cookie-free
@require_POST
def vote(request, page_id: int):
    page = _live_page(page_id)
    if not same_origin(request):
        return _refuse(request, page, NOT_FROM_PAGE, 403)
    answer = request.POST.get("helpful")
    if answer not in ("yes", "no"):
        return _refuse(request, page, "Please choose Yes or No.", 400)
    allowed = _within_limit(request, "vote", per_client=5, overall=600)
    if allowed is None:
        return _refuse(request, page, BUSY, 503)
    if not allowed:
        return _refuse(request, page, "We have had a lot of answers just now. Please try again later.", 429)
    PageFeedback.record(page, helpful=answer == "yes")
    return HttpResponseRedirect(f"{reverse('feedback_thanks', args=[page.pk])}?helpful={answer}", status=303)


class CommentForm(forms.Form):
    helpful = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")], widget=forms.HiddenInput)
    comment = forms.CharField(
        label="Anything else you want to tell us? (optional)",
        help_text="Please do not include your name or any personal or medical details.",
        max_length=MAX_COMMENT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


@csrf_exempt  # same_origin() instead of a token: a token would need a cookie
@never_cache
@require_http_methods(["GET", "POST"])
def thanks(request, page_id: int):
    page = _live_page(page_id)
    if request.method == "POST":
        if not same_origin(request):
            return _refuse(request, page, NOT_FROM_PAGE, 403)
        form = CommentForm(request.POST)
        if form.is_valid() and form.cleaned_data["comment"].strip():
            allowed = _within_limit(request, "comment", per_client=3, overall=120, window=600)
            if allowed is None:
                return _refuse(request, page, BUSY, 503)
            if not allowed:
                return _refuse(
                    request, page, "We have had a lot of comments just now. Please try later.", 429
                )
            FeedbackComment.objects.create(
                page=page,
                helpful=form.cleaned_data["helpful"] == "yes",
                comment=form.cleaned_data["comment"].strip(),
            )
            forget_old_reader_text(FeedbackComment)
            return render(request, "search/feedback_thanks.html", {"target": page, "sent": True})
    else:
        helpful = "no" if request.GET.get("helpful") == "no" else "yes"
        form = CommentForm(initial={"helpful": helpful})
    return render(request, "search/feedback_thanks.html", {"target": page, "form": form})
