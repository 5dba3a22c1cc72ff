"""gunicorn settings for production; override any of them with GUNICORN_* environment variables."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threads, so a worker busy with a slow request (a password hash at a login, an uncached page)
# still answers the cheap ones: cached pages are a dictionary lookup. Password checks are further
# held to LOGIN_CONCURRENCY per worker and LOGIN_ATTEMPTS_PER_MINUTE per client address
# (cidp_site.core.middleware.LoginThrottleMiddleware), so a login flood cannot occupy every thread.
# Measured in benchmarks/login_flood.py (docs/benchmarks.md).
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Search's meaning models multiply small matrices with numpy: with more workers than cores, BLAS
# threads in every worker only fight over the cores (OpenBLAS waits by spinning). One each. Set here,
# before any worker imports numpy.
for _blas in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_blas, "1")
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (guards against slow leaks); 0 turns it off (the benchmark does, since
# a recycled worker drops its keep-alive connections, which wrk counts as errors).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500 if max_requests else 0
# Trust X-Forwarded-* only from the local reverse proxy.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# The access log keeps no health information and nothing that identifies a reader: the path without
# its query string (search words are health information), no client address, no browser string, no
# referrer (it would hold the previous page's query). Time, method, path, status, size, duration.
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
wsgi_app = "cidp_site.wsgi:application"
raw_env = ["DJANGO_SETTINGS_MODULE=cidp_site.settings.production"]
