"""/portal/ulasan/: a reviewer's own reviews, and the moderation of reviews.

Ministry admins hide, restore and dismiss reports; the verifiers of the innovation's
agency reply. Reviews are looked up through `review_list_for_moderator(user)`, so a
review the user does not look after is a 404. Every action goes through a service.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from registry.agencies.permissions import agency_roles, is_ministry_admin
from registry.ratings import rules, selectors, services
from registry.ratings.models import Review

PAGE_SIZE = 20
QUEUES = [
    ("flagged", gettext_lazy("Dilaporkan")),
    ("unanswered", gettext_lazy("Belum dibalas")),
    ("hidden", gettext_lazy("Disembunyikan")),
    ("all", gettext_lazy("Semua")),
]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Alasan"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class ReplyForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Balasan instansi"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


def _looks_after_reviews(user) -> bool:
    return is_ministry_admin(user) or "verifier" in agency_roles(user).values()


def _review_for(request, pk) -> Review:
    try:
        return selectors.review_list_for_moderator(request.user).get(pk=pk)
    except Review.DoesNotExist:
        raise Http404 from None


@login_required
def review_list(request):
    """The user's own reviews and what moderators and agencies did with them."""
    notices = list(selectors.notice_list_for_user(request.user)[:20])
    selectors.notice_list_for_user(request.user).filter(read_at__isnull=True).update(read_at=timezone.now())
    page_obj = Paginator(selectors.review_list_by_author(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "ratings/portal/my_reviews.html",
        {"notices": notices, "page_obj": page_obj, "reviews": page_obj.object_list},
    )


@login_required
def review_moderation(request):
    if not _looks_after_reviews(request.user):
        raise Http404
    moderator = rules.can_moderate(request.user)
    default = "flagged" if moderator else "unanswered"
    show = request.GET.get("tampil", default)
    queues = QUEUES if moderator else [queue for queue in QUEUES if queue[0] in {"unanswered", "all"}]
    if show not in {key for key, _label in queues}:
        show = default
    page_obj = Paginator(selectors.review_queue(request.user, show=show), PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "ratings/portal/moderation.html",
        {
            "queues": queues,
            "show": show,
            "page_obj": page_obj,
            "reviews": page_obj.object_list,
            "query_without_page": f"tampil={show}",
            "is_moderator": moderator,
        },
    )


@login_required
def review_detail(request, pk):
    review = _review_for(request, pk)
    reply = getattr(review, "reply", None)  # a missing one-to-one raises an AttributeError subclass
    return TemplateResponse(
        request,
        "ratings/portal/review_detail.html",
        {
            "review": review,
            "versions": list(review.versions.all()),
            "flags": list(review.flags.select_related("user", "resolved_by").order_by("-created_at")),
            "is_moderator": rules.can_moderate(request.user),
            "can_reply": rules.can_reply(request.user, review) and review.is_visible,
            "reason_form": ReasonForm(),
            "reply_form": ReplyForm(initial={"text": reply.text if reply else ""}),
        },
    )


def _act(request, pk, form_class, action, success):
    review = _review_for(request, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("Lengkapi isian formulir."))
    else:
        try:
            action(review, **form.cleaned_data)
            messages.success(request, success)
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, " ".join(error.messages) if isinstance(error, ValidationError) else str(error))
    return redirect("portal:review_detail", pk=review.pk)


@require_POST
@login_required
def review_hide(request, pk):
    return _act(
        request, pk, ReasonForm,
        lambda review, reason: services.review_hide(user=request.user, review=review, reason=reason),
        _("Ulasan disembunyikan; penulisnya sudah diberi tahu."),
    )


@require_POST
@login_required
def review_restore(request, pk):
    return _act(
        request, pk, ReasonForm,
        lambda review, reason: services.review_restore(user=request.user, review=review, reason=reason),
        _("Ulasan ditampilkan kembali; penulisnya sudah diberi tahu."),
    )


@require_POST
@login_required
def review_dismiss(request, pk):
    return _act(
        request, pk, ReasonForm,
        lambda review, reason: services.review_dismiss_flags(user=request.user, review=review, reason=reason),
        _("Laporan ditutup; ulasan tetap tampil."),
    )


@require_POST
@login_required
def review_reply(request, pk):
    return _act(
        request, pk, ReplyForm,
        lambda review, text: services.review_reply(user=request.user, review=review, text=text),
        _("Balasan instansi sudah tampil di halaman inovasi."),
    )
