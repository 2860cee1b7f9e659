"""The Elasticsearch client's own test hook: a node class that records requests.

elastic_transport builds its connections from `node_class` (elasticsearch-py's
and elastic-transport's own tests pass a DummyNode the same way). This node
sends nothing anywhere: it records each request (method, path, query, JSON
body) and answers with the canned response a test gives for that path, so the
tests assert the exact bodies the backend sends. It does not pretend to be
Elasticsearch: a request without a canned answer fails the test.
"""

import json
from urllib.parse import parse_qsl, urlsplit

from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse
from elasticsearch import Elasticsearch


class Request:
    def __init__(self, method: str, target: str, body: bytes | None):
        parts = urlsplit(target)
        self.method = method
        self.path = parts.path
        self.params = dict(parse_qsl(parts.query))
        self.raw = body or b""

    @property
    def json(self):
        return json.loads(self.raw) if self.raw else None

    @property
    def ndjson(self) -> list:
        return [json.loads(line) for line in self.raw.decode().splitlines() if line.strip()]

    def __repr__(self):
        return f"{self.method} {self.path}"


class RecordingNode(BaseNode):
    """Set `answers` (callable: Request → (status, body)) and read `requests` on a subclass."""

    answers = None
    requests: list = []

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
        request = Request(method, target, body)
        type(self).requests.append(request)
        status, payload = type(self).answers(request)
        meta = ApiResponseMeta(
            node=self.config,
            duration=0.0,
            http_version="1.1",
            status=status,
            headers=HttpHeaders({"x-elastic-product": "Elasticsearch", "content-type": "application/json"}),
        )
        return NodeApiResponse(meta, json.dumps(payload).encode() if method != "HEAD" else b"")


def recording_client(answers) -> tuple[Elasticsearch, list[Request]]:
    node_class = type("Node", (RecordingNode,), {"answers": staticmethod(answers), "requests": []})
    client = Elasticsearch("http://elasticsearch.test:9200", node_class=node_class, max_retries=0)
    return client, node_class.requests
