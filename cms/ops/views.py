"""/healthz: for load balancers, the compose health check and monitoring (cms/ops/health.py)."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cms.ops.health import health_report


@never_cache
@require_safe
def healthz(request):
    status, body = health_report()
    return JsonResponse(body, status=status)
