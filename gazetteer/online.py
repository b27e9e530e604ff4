"""The optional online fallback: a geopy geocoder (Nominatim by default).

Never used unless asked (``--online``). Bounded: one request per ``min_delay`` seconds (Nominatim's
usage policy asks for at most one per second), a timeout per request, one retry. A failing
service is reported as "no answer", never as a crash. The service can be pointed elsewhere (a
self-hosted Nominatim) with ``FRONTLINE_GEOCODER_DOMAIN`` and ``FRONTLINE_GEOCODER_SCHEME``.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from .records import Kind

USER_AGENT = "frontline-mapper/0.1 (geospatial front-line mapper)"
SETTLEMENT_TYPES = {"city", "town", "village", "hamlet", "suburb", "municipality", "locality",
                    "neighbourhood", "quarter", "isolated_dwelling"}
REGION_TYPES = {"state", "region", "province", "county", "district"}

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OnlineAnswer:
    lat: float
    lon: float
    country: str
    kind: str
    reference: str  # e.g. "osm:node/123", for the source note


class OnlineGeocoder:
    def __init__(self, domain: str | None = None, scheme: str | None = None,
                 timeout: float = 10.0, min_delay: float = 1.0, max_retries: int = 1):
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        domain = domain or os.environ.get("FRONTLINE_GEOCODER_DOMAIN")
        scheme = scheme or os.environ.get("FRONTLINE_GEOCODER_SCHEME")
        options = {"user_agent": USER_AGENT, "timeout": timeout}
        if domain:
            options["domain"] = domain
        if scheme:
            options["scheme"] = scheme
        self._nominatim = Nominatim(**options)
        self.name = f"nominatim@{self._nominatim.domain}"
        self._geocode = RateLimiter(self._nominatim.geocode, min_delay_seconds=min_delay,
                                    max_retries=max_retries, error_wait_seconds=min_delay,
                                    swallow_exceptions=True, return_value_on_exception=None)

    def lookup(self, name: str) -> OnlineAnswer | None:
        try:
            location = self._geocode(name, exactly_one=True, addressdetails=True)
        except Exception as error:  # noqa: BLE001 - a failing service must not fail the run
            log.warning("online geocoder failed for %r: %s", name, error)
            return None
        if location is None:
            return None
        raw = location.raw or {}
        address = raw.get("address") or {}
        place_type = raw.get("addresstype") or raw.get("type") or ""
        kind = (Kind.SETTLEMENT if place_type in SETTLEMENT_TYPES
                else Kind.REGION if place_type in REGION_TYPES
                else Kind.COUNTRY if place_type == "country" else Kind.OTHER)
        reference = f"osm:{raw['osm_type']}/{raw['osm_id']}" if raw.get("osm_type") else ""
        return OnlineAnswer(float(location.latitude), float(location.longitude),
                            (address.get("country_code") or "").upper(), kind, reference)
