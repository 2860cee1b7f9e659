"""The load test's visitors (run by run_load.sh; loopback only).

- Visitor (anonymous, 9 in 10 users): catalog searches with facets, detail pages,
  API searches and API detail reads.
- Reviewer (signed in, 1 in 10 users): opens an innovation, then its review
  form, and posts a review (registry.ratings.services.review_create behind it).

Each user waits 0.5–1.5 s between requests (a person reading), so N users make
at most about N requests a second. The fixture comes from prepare.py.

LOAD_POPULARITY picks how words, provinces, sectors and innovations are drawn:
"uniform" (default: every one as likely, the worst case for any cache) or "zipf"
(the k-th most popular drawn with weight 1/k^0.8, the shape measured for web
requests by Breslau et al., "Web Caching and Zipf-like Distributions", 1999: a
few searches and innovations take most visits). The order of popularity is a
fixed shuffle of each list.
"""

import json
import os
import random
import re
from itertools import accumulate, count

from locust import HttpUser, between, task

FIXTURE = json.loads(open(os.environ["LOAD_FIXTURE"]).read())
INNOVATIONS = FIXTURE["innovations"]
WORDS = FIXTURE["words"]
PROVINCES = FIXTURE["provinces"]
SECTORS = FIXTURE["sectors"]
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_reviewer_numbers = count()
POPULARITY = os.environ.get("LOAD_POPULARITY", "uniform")
ZIPF_EXPONENT = 0.8


def _drawer(items: list):
    """A function drawing one of `items` as LOAD_POPULARITY says."""
    if POPULARITY == "uniform":
        return lambda: random.choice(items)
    ranked = random.Random(1).sample(items, len(items))
    weights = list(accumulate(1 / rank**ZIPF_EXPONENT for rank in range(1, len(ranked) + 1)))
    return lambda: random.choices(ranked, cum_weights=weights)[0]


_innovation, _word = _drawer(INNOVATIONS), _drawer(WORDS)
_province, _sector = _drawer(PROVINCES), _drawer(SECTORS)


class Visitor(HttpUser):
    weight = 9
    wait_time = between(0.5, 1.5)

    @task(4)
    def catalog_search(self):
        params = {"q": _word(), "province": _province()}
        roll = random.random()
        if roll < 0.3:
            params["sector"] = _sector()
        elif roll < 0.4:
            params.pop("q")  # browsing by facets only
        elif roll < 0.5:
            params["page"] = random.randint(2, 4)
            params.pop("province")
        self.client.get("/inovasi/", params=params, name="catalog search")

    @task(3)
    def detail_page(self):
        self.client.get(f"/inovasi/{_innovation()['slug']}/", name="detail page")

    @task(2)
    def api_search(self):
        self.client.get("/api/v1/innovations/", params={"q": _word()}, name="api search")

    @task(1)
    def api_detail(self):
        self.client.get(f"/api/v1/innovations/{_innovation()['slug']}/", name="api detail")


class Reviewer(HttpUser):
    weight = 1
    wait_time = between(0.5, 1.5)

    def on_start(self):
        number = next(_reviewer_numbers) % len(FIXTURE["reviewers"])
        self.username = FIXTURE["reviewers"][number]
        # A fresh order each run: a review of an innovation the account reviewed in an earlier
        # level would be an edit (review_update) rather than a new review.
        self.queue = random.sample(INNOVATIONS, len(INNOVATIONS))
        page = self.client.get("/masuk/", name="login form")
        token = CSRF_INPUT.search(page.text).group(1)
        with self.client.post(
            "/masuk/",
            data={"username": self.username, "password": FIXTURE["password"], "csrfmiddlewaretoken": token},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login of {self.username} answered {response.status_code}")

    @task
    def write_review(self):
        if not self.queue:
            return
        innovation = self.queue.pop()
        slug = innovation["slug"]
        self.client.get(f"/inovasi/{slug}/", name="detail page (signed in)")
        form = self.client.get(f"/inovasi/{slug}/ulasan/", name="review form")
        match = CSRF_INPUT.search(form.text)
        if not match:
            return
        data = {
            "csrfmiddlewaretoken": match.group(1),
            "review-usefulness": random.randint(1, 5),
            "review-ease": random.randint(1, 5),
            "review-documentation": random.randint(1, 5),
            "review-text": "Inovasi ini mudah ditiru di daerah kami; dokumentasinya cukup lengkap.",
        }
        with self.client.post(
            f"/inovasi/{slug}/ulasan/", data=data, name="review post", allow_redirects=False, catch_response=True
        ) as response:
            # Success redirects to the review on the innovation's page; a form with errors is a 200.
            if response.status_code != 302:
                response.failure(f"review not saved ({response.status_code})")
