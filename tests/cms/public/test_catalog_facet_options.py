"""The catalog's facet options, rendered in Python (cms/public/templatetags/catalog_facets.py)."""

from django.utils import translation

from cms.public.catalog import FacetGroup
from cms.public.templatetags.catalog_facets import facet_options
from search.params import FacetValue


def _group(widget="checkbox", **value):
    values = [FacetValue(value="33", label="Jawa Tengah", count=1234, selected=True),
              FacetValue(**{"value": "35", "label": "Jawa Timur", "count": 7, "selected": False, **value})]
    return FacetGroup(name="province", label="Provinsi", values=values, widget=widget, open=True, chosen=True)


def test_each_value_is_a_labelled_input_with_its_count():
    with translation.override("id"):
        html = facet_options(_group())
    assert html.count('<label class="facet-option">') == 2
    assert '<input type="checkbox" name="province" value="33" checked>' in html
    assert '<input type="checkbox" name="province" value="35">' in html
    assert '<span class="facet-label">Jawa Timur</span>' in html
    assert '<span class="facet-count">1.234</span>' in html  # Indonesian groups thousands with a dot


def test_counts_follow_the_language_and_radio_groups_use_radio_buttons():
    with translation.override("en"):
        html = facet_options(_group(widget="radio"))
    assert '<span class="facet-count">1,234</span>' in html
    assert html.count('type="radio"') == 2


def test_labels_and_values_are_escaped():
    html = facet_options(_group(value='"><script>', label="<img src=x onerror=alert(1)>"))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'value="&quot;&gt;&lt;script&gt;"' in html
