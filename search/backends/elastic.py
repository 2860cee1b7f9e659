"""The Elasticsearch backend, for when the catalog outgrows one database.

Searches and writes go to an alias (`ELASTICSEARCH_INDEX_ALIAS`, default
"registry-innovations") over concrete indices named `<alias>-<timestamp>`.
`rebuild()` fills a new index with bulk requests, then swaps the alias in one
atomic `_aliases` request and deletes the old index: searches never see an
empty or half-built index. The mapping and analyzers are in
elastic_documents.py, the request bodies in elastic_queries.py.

Connection failures raise elastic_transport / elasticsearch errors; search.query
catches them and answers from the database backend (DESIGN.md §5).
"""

from datetime import UTC, datetime
from functools import cache

from django.conf import settings
from django.utils.safestring import mark_safe
from elasticsearch import Elasticsearch, helpers

from search import SIMILAR_LIMIT
from search.analysis import parse_query
from search.backends.base import Progress, SearchBackend
from search.backends.elastic_documents import document_source, index_definition
from search.backends.elastic_queries import TERMS_FIELDS, search_body, similar_body
from search.documents import documents_for, published_id_batches
from search.hits import label_facets, load_hits
from search.params import Hit, Results, SearchParams

# Fewer matches than a page: search again for any of the words (as the database backend does).
RELAX_BELOW = 10
# Seconds before a request gives up; a search falls back to the database after this.
REQUEST_TIMEOUT = 5


@cache
def _client(url: str) -> Elasticsearch:
    # One client per process: it keeps a pool of connections.
    return Elasticsearch(url, request_timeout=REQUEST_TIMEOUT, max_retries=1, retry_on_timeout=False)


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, *, client: Elasticsearch, alias: str, refresh: bool | str = False):
        self.client = client
        self.alias = alias
        # Tests make writes visible at once ("wait_for"); the site leaves it to the refresh interval.
        self.refresh_writes = refresh

    @classmethod
    def from_settings(cls) -> "ElasticsearchBackend":
        return cls(client=_client(settings.ELASTICSEARCH_URL), alias=settings.ELASTICSEARCH_INDEX_ALIAS)

    # --- Indices and the alias ---------------------------------------------------------------

    def new_index_name(self) -> str:
        return f"{self.alias}-{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"

    def _create_index(self, name: str) -> None:
        definition = index_definition(name)
        self.client.indices.create(index=name, settings=definition["settings"], mappings=definition["mappings"])

    def ensure_index(self) -> None:
        """Create the first index behind the alias if there is none yet."""
        if not self.client.indices.exists_alias(name=self.alias):
            name = self.new_index_name()
            self._create_index(name)
            self.client.indices.put_alias(index=name, name=self.alias)

    def _indices_behind_alias(self) -> list[str]:
        if not self.client.indices.exists_alias(name=self.alias):
            return []
        return sorted(self.client.indices.get_alias(name=self.alias).body)

    def refresh(self) -> None:
        self.client.indices.refresh(index=self.alias)

    def delete_all_indices(self) -> None:
        """Remove the alias's indices (tests clean up with this); by name, as Elasticsearch 8 requires."""
        names = list(self.client.indices.get(index=f"{self.alias}-*", allow_no_indices=True).body)
        if names:
            self.client.indices.delete(index=",".join(names))

    # --- Writing ----------------------------------------------------------------------------------

    def _bulk(self, actions: list[dict], *, index: str) -> None:
        if actions:
            # Deleting what is not there (404) is fine: the goal is that it is not there.
            options = {"refresh": self.refresh_writes} if self.refresh_writes else {}
            helpers.bulk(self.client, actions, index=index, ignore_status=(404,), **options)

    def index(self, ids) -> None:
        self.ensure_index()
        ids = list(dict.fromkeys(ids))
        for start in range(0, len(ids), 500):
            documents, gone = documents_for(ids[start : start + 500])
            actions = [{"_op_type": "index", "_id": str(d.id), "_source": document_source(d)} for d in documents]
            actions += [{"_op_type": "delete", "_id": str(pk)} for pk in gone]
            self._bulk(actions, index=self.alias)

    def remove(self, ids) -> None:
        self.ensure_index()
        self._bulk([{"_op_type": "delete", "_id": str(pk)} for pk in ids], index=self.alias)

    def rebuild(self, *, progress: Progress | None = None, batch_size: int = 500) -> int:
        """Fill a new index, then point the alias at it in one atomic request."""
        name = self.new_index_name()
        self._create_index(name)
        # No refreshes while filling: the alias still points at the old index.
        self.client.indices.put_settings(index=name, settings={"index": {"refresh_interval": "-1"}})
        indexed = 0
        for batch in published_id_batches(batch_size):
            documents, _gone = documents_for(batch)
            actions = [{"_op_type": "index", "_id": str(d.id), "_source": document_source(d)} for d in documents]
            helpers.bulk(self.client, actions, index=name, raise_on_error=True)
            indexed += len(documents)
            if progress:
                progress(len(batch))
        self.client.indices.put_settings(index=name, settings={"index": {"refresh_interval": "1s"}})
        self.client.indices.refresh(index=name)
        old = self._indices_behind_alias()
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        actions.append({"add": {"index": name, "alias": self.alias, "is_write_index": True}})
        self.client.indices.update_aliases(actions=actions)
        if old:
            self.client.indices.delete(index=",".join(old))
        return indexed

    # --- Reading --------------------------------------------------------------------------------------

    def _search(self, params: SearchParams, *, relaxed: bool) -> dict:
        return self.client.search(index=self.alias, body=search_body(params, relaxed=relaxed)).body

    def query(self, params: SearchParams) -> Results:
        response = self._search(params, relaxed=False)
        suggestion = self._suggestion(response, params.q)
        corrected = relaxed = False
        if suggestion and response["hits"]["total"]["value"] == 0:
            attempt = self._search(params.with_query(suggestion), relaxed=False)
            if attempt["hits"]["total"]["value"]:
                response, corrected = attempt, True
        # Several concepts (a synonym phrase is one), fewer than a page of matches: as the database does.
        if len(parse_query(params.q).groups) > 1 and response["hits"]["total"]["value"] < RELAX_BELOW:
            attempt = self._search(params, relaxed=True)
            if attempt["hits"]["total"]["value"] > response["hits"]["total"]["value"]:
                response, relaxed = attempt, True
        hits = response["hits"]["hits"]
        highlights = {
            int(hit["_id"]): {field: mark_safe(" … ".join(parts)) for field, parts in hit.get("highlight", {}).items()}  # noqa: S308 - Elasticsearch escapes with encoder "html"
            for hit in hits
        }
        return Results(
            items=load_hits([(int(hit["_id"]), hit.get("_score") or 0.0) for hit in hits], highlights=highlights),
            total=response["hits"]["total"]["value"],
            facets=label_facets(self._facets(response), params),
            suggestion=suggestion,
            corrected=corrected,
            relaxed=relaxed,
            params=params,
        )

    @staticmethod
    def _facets(response: dict) -> dict[str, dict[str, int]]:
        aggregations = response.get("aggregations", {})
        raw = {}
        for name in (*TERMS_FIELDS, "min_rating"):
            buckets = aggregations.get(f"facet_{name}", {}).get("values", {}).get("buckets", [])
            raw[name] = {str(b.get("key_as_string", b["key"])): b["doc_count"] for b in buckets}
        return raw

    @staticmethod
    def _suggestion(response: dict, q: str) -> str | None:
        """The query with each word the index lacks replaced by the term suggester's first option."""
        entries = response.get("suggest", {}).get("spelling", [])
        replacements = {entry["text"]: entry["options"][0]["text"] for entry in entries if entry.get("options")}
        if not replacements:
            return None
        return " ".join(replacements.get(word.lower(), word) for word in q.split())

    def similar(self, innovation_id: int, *, limit: int = SIMILAR_LIMIT) -> list[Hit]:
        response = self.client.search(index=self.alias, body=similar_body(self.alias, innovation_id, limit=limit)).body
        return load_hits([(int(hit["_id"]), hit.get("_score") or 0.0) for hit in response["hits"]["hits"]], highlights={})
