import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
application = get_wsgi_application()

# What is loaded by now (modules, settings, models, Wagtail's registries) lives as long
# as the process. Out of the garbage collector's sight, a full collection no longer
# walks ~130,000 objects: 55-75 ms on a 2-core machine, during which every thread of
# the process waits (benchmarks/search_bench.py showed it as one slow search in 32).
gc.freeze()
