"""The public site's Wagtail pages: the home page, the catalog and content pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page


class HomePage(Page):
    intro = models.TextField(_("pengantar"), blank=True)

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["public.CatalogPage", "public.ContentPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("beranda")

    def get_context(self, request, *args, **kwargs):
        from cms.public.views import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context())
        return context


class CatalogPage(RoutablePageMixin, Page):
    """The catalog at /inovasi/ and every innovation's page at /inovasi/<slug>/."""

    intro = models.TextField(_("pengantar"), blank=True)

    max_count = 1
    parent_page_types = ["public.HomePage"]
    subpage_types = []
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("katalog inovasi")

    @path("")
    def catalog(self, request):
        from cms.public.views import catalog_view

        return catalog_view(request, page=self)

    @path("<slug:slug>/")
    def detail(self, request, slug):
        from cms.public.views import innovation_detail_view

        return innovation_detail_view(request, page=self, slug=slug)


class ContentPage(Page):
    body = StreamField(
        [
            ("heading", blocks.CharBlock(form_classname="title", label=_("Judul bagian"))),
            ("paragraph", blocks.RichTextBlock(label=_("Paragraf"))),
            ("image", ImageBlock(label=_("Gambar"))),
        ],
        verbose_name=_("isi"),
        blank=True,
    )
    summary = RichTextField(_("ringkasan"), blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["public.HomePage", "public.ContentPage"]
    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]

    class Meta:
        verbose_name = _("halaman konten")


class PageCacheState(models.Model):
    """One row: the generation of the anonymous page cache (cms/public/page_cache.py).

    Kept in the database, not in a cache, so one bump inside a change's transaction
    reaches every web process at once.
    """

    generation = models.BigIntegerField(_("generasi"), default=0)

    class Meta:
        verbose_name = _("generasi cache halaman")
        verbose_name_plural = _("generasi cache halaman")

    def __str__(self) -> str:
        return str(self.generation)
