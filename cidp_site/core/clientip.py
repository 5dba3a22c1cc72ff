"""Who is asking: the client's address as our own proxies saw it, never as the client claims it.

Behind the documented proxy every request arrives from 127.0.0.1, so REMOTE_ADDR alone would make
every reader one client. X-Forwarded-For is believed only for the hops we run ourselves
(``TRUSTED_PROXY_COUNT``, 0 by default): each trusted proxy appends the address it saw, so the
client is that many entries from the right. Anything further left was written by the client and is
ignored, so a client talking to us directly (count 0) cannot pick its own address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    if len(hops) < count:
        return remote  # not through all our proxies: trust only the socket
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def client_network(request) -> str:
    """The unit a limit counts: the address, or its /64 for IPv6 (one household or phone holds a
    whole /64 and can rotate through it at will)."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))


def login_username(request, credentials=None) -> str:
    """The username django-axes counts failures against: ' Nurse' and 'nurse' are one account."""
    if credentials and credentials.get("username") is not None:
        raw = credentials.get("username")
    else:
        raw = getattr(request, "POST", {}).get("username", "") if request is not None else ""
    return str(raw or "").strip().casefold()
