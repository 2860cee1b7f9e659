"""ETag and Last-Modified on detail responses, with 304 Not Modified for a fresh copy.

The ETag is a hash of the response body, so it changes exactly when what the
client would receive changes (including data of related objects).
"""

import hashlib
import json

from django.utils.http import http_date, parse_http_date_safe, quote_etag
from rest_framework import status
from rest_framework.response import Response


def _etag_for(data) -> str:
    body = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8")
    return quote_etag(hashlib.sha256(body).hexdigest()[:32])


def _matches(header: str, etag: str) -> bool:
    candidates = [c.strip().removeprefix("W/") for c in header.split(",")]
    return "*" in candidates or etag in candidates


class ConditionalRetrieveMixin:
    """For RetrieveAPIView subclasses; `last_modified(obj)` may return a datetime or None."""

    def last_modified(self, obj):
        return None

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        data = self.get_serializer(obj).data
        etag = _etag_for(data)
        modified = self.last_modified(obj)
        headers = {"ETag": etag, "Cache-Control": "no-cache"}
        if modified is not None:
            headers["Last-Modified"] = http_date(modified.timestamp())
        if_none_match = request.headers.get("If-None-Match")
        if_modified_since = parse_http_date_safe(request.headers.get("If-Modified-Since") or "")
        if if_none_match is not None:
            fresh = _matches(if_none_match, etag)
        else:
            fresh = modified is not None and if_modified_since is not None and int(modified.timestamp()) <= if_modified_since
        if fresh:
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
        return Response(data, headers=headers)
