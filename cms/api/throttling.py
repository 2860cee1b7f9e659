"""Rate limits for anonymous clients (signed-in agencies' systems are not throttled).

DRF's AnonRateThrottle reads its rates once at import; this one reads them per
request, so the rate can be changed by configuration (API_ANON_RATE) and tests.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousRateThrottle(AnonRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
