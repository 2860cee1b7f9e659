"""Peer reviews on the public innovation page: the three signals, the review list and the form.

The detail view adds `review_section_context`; the form posts to `review_submit`,
flags to `review_flag`, and the author withdraws with `review_delete`. Every
action goes through registry.ratings.services.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from registry.agencies.models import Agency
from registry.innovations.models import Innovation
from registry.ratings import rules, selectors, services
from registry.ratings.models import CRITERIA, SCORE_MAX, SCORE_MIN, Review

REVIEWS_PER_PAGE = 10
PAGE_PARAMETER = "ulasan"
# The competitions app's panel when it exists, else ours (which shows only the count).
AWARDS_TEMPLATES = ["competitions/includes/awards_panel.html", "ratings/includes/awards_fallback.html"]
SCORE_CHOICES = [(value, str(value)) for value in range(SCORE_MIN, SCORE_MAX + 1)]


class ReviewForm(forms.Form):
    usefulness = forms.TypedChoiceField(label=CRITERIA[0][1], choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect)
    ease = forms.TypedChoiceField(label=CRITERIA[1][1], choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect)
    documentation = forms.TypedChoiceField(
        label=CRITERIA[2][1], choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=gettext_lazy("Ulasan (opsional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Teks biasa, tanpa tautan. Apa yang berguna, apa yang sulit ditiru, apa yang kurang dari dokumentasinya?"),
    )
    agency = forms.ModelChoiceField(label=gettext_lazy("Mengulas atas nama"), queryset=Agency.objects.none(), required=False)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].max_length = settings.RATINGS_TEXT_MAX_CHARS
        self.fields["text"].widget.attrs["maxlength"] = settings.RATINGS_TEXT_MAX_CHARS
        self.fields["agency"].queryset = Agency.objects.filter(pk__in=[agency.pk for agency in agencies])
        if len(agencies) < 2:
            del self.fields["agency"]

    def scores(self) -> dict:
        return {name: self.cleaned_data[name] for name, _label in CRITERIA}


class FlagForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Alasan laporan"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


def _form_for(user, innovation, own_review, *, refusal: str | None, data=None) -> ReviewForm | None:
    """The form to write (or edit one's) review, or None when `refusal` says why not."""
    if own_review is None and refusal:
        return None
    initial = {}
    if own_review is not None:
        initial = {name: getattr(own_review, name) for name, _label in CRITERIA} | {"text": own_review.text}
    agencies = rules.reviewer_agencies(user) if own_review is None else []
    return ReviewForm(data, initial=initial, agencies=agencies, prefix="review")


def _awards(innovation: Innovation) -> list:
    try:
        from registry.competitions.selectors import innovation_awards
    except ImportError:  # the competitions app is not there yet
        return []
    return list(innovation_awards(innovation.pk)) if innovation.award_count else []


def review_section_context(request, innovation: Innovation) -> dict:
    """Everything the signals panel and the review section of the detail page need."""
    own_review = selectors.review_of_user(user=request.user, innovation=innovation)
    refusal = None if own_review else rules.review_refusal(request.user, innovation)
    page_obj = Paginator(selectors.review_list_for_innovation(innovation), REVIEWS_PER_PAGE).get_page(
        request.GET.get(PAGE_PARAMETER)
    )
    return {
        "rating": selectors.rating_summary(innovation),
        "reviews_page": page_obj,
        "reviews_page_parameter": PAGE_PARAMETER,
        "own_review": own_review,
        "review_form": _form_for(request.user, innovation, own_review, refusal=refusal),
        "review_refusal": refusal,
        "speaks_for_innovation": rules.speaks_for(request.user, innovation),
        "flag_form": FlagForm(prefix="flag") if request.user.is_authenticated else None,
        "awards": _awards(innovation),
        "awards_templates": AWARDS_TEMPLATES,
    }


def _detail_url(innovation: Innovation, anchor: str = "ulasan") -> str:
    return f"{reverse('wagtail_serve', args=['inovasi/'])}{innovation.slug}/#{anchor}"


def _message_of(error: ValidationError | PermissionDenied) -> str:
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


@login_required
def review_submit(request, slug):
    """The review form: GET shows it on its own (and re-shows it with errors), POST saves."""
    try:
        innovation = Innovation.objects.published().select_related("agency").get(slug=slug)
    except Innovation.DoesNotExist:
        raise Http404 from None
    own_review = selectors.review_of_user(user=request.user, innovation=innovation)
    refusal = None if own_review else rules.review_refusal(request.user, innovation)
    data = request.POST if request.method == "POST" else None
    form = _form_for(request.user, innovation, own_review, refusal=refusal, data=data)
    if form is None:
        messages.error(request, refusal)
        return redirect(_detail_url(innovation))
    if request.method == "POST" and form.is_valid():
        try:
            if own_review is None:
                services.review_create(
                    user=request.user,
                    innovation=innovation,
                    scores=form.scores(),
                    text=form.cleaned_data["text"],
                    agency=form.cleaned_data.get("agency"),
                )
                messages.success(request, _("Terima kasih, ulasan Anda sudah tampil."))
            else:
                services.review_update(user=request.user, review=own_review, scores=form.scores(), text=form.cleaned_data["text"])
                messages.success(request, _("Ulasan Anda sudah diperbarui; versi sebelumnya tetap tersimpan."))
            return redirect(_detail_url(innovation))
        except PermissionDenied as error:
            messages.error(request, _message_of(error))
            return redirect(_detail_url(innovation))
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, field_errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, field_errors)
            else:
                form.add_error(None, error.messages)
    return TemplateResponse(
        request, "ratings/review_form.html", {"innovation": innovation, "form": form, "own_review": own_review}
    )


@require_POST
@login_required
def review_flag(request, pk):
    try:
        review = selectors.review_get_visible(pk=pk)
    except Review.DoesNotExist:
        raise Http404 from None
    form = FlagForm(request.POST, prefix="flag")
    if not form.is_valid():
        messages.error(request, _("Tuliskan alasan laporan Anda."))
    else:
        try:
            services.review_flag(user=request.user, review=review, reason=form.cleaned_data["reason"])
            messages.success(request, _("Terima kasih, laporan Anda akan ditinjau moderator."))
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, _message_of(error))
    return redirect(_detail_url(review.innovation, f"ulasan-{review.pk}"))


@require_POST
@login_required
def review_delete(request, pk):
    review = get_object_or_404(Review.objects.select_related("innovation"), pk=pk, reviewer=request.user)
    services.review_delete(user=request.user, review=review)
    messages.success(request, _("Ulasan Anda sudah dihapus."))
    if review.innovation.live:
        return redirect(_detail_url(review.innovation))
    return redirect("portal:review_list")
