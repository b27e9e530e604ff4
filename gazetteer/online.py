"""The optional online fallback: a geopy geocoder (Nominatim by default).

Never used unless asked (``--online``). Bounded: one request per ``min_delay`` seconds (Nominatim's
usage policy asks for at most one per second, with a user agent naming the application), a
timeout per request, one retry. Only populated places are accepted (``featuretype=settlement``,
and the answer's type checked): a river or a district of the same name is no answer. A request
may be limited to countries and to a box around the article's other places. A failing service
or an answer that cannot be read raises ``OnlineError``: the caller warns and goes on, and does
not cache it (an answer, found or not, is cached by ``user_supplement``). The service can be
pointed elsewhere (a self-hosted Nominatim) with ``FRONTLINE_GEOCODER_DOMAIN`` and
``FRONTLINE_GEOCODER_SCHEME``; ``FRONTLINE_GEOCODER_TIMEOUT`` sets the seconds per request.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from .common import FrontlineError
from .records import Kind

USER_AGENT = "frontline-mapper/0.1 (geospatial front-line mapper)"
SETTLEMENT_TYPES = {"city", "town", "village", "hamlet", "suburb", "municipality", "locality",
                    "neighbourhood", "quarter", "isolated_dwelling"}
REGION_TYPES = {"state", "region", "province", "county", "district"}

log = logging.getLogger(__name__)


class OnlineError(FrontlineError, RuntimeError):
    """The service failed (timeout, refusal, unreadable answer): not an answer."""


@dataclass(frozen=True)
class OnlineAnswer:
    lat: float
    lon: float
    country: str
    kind: str
    reference: str  # e.g. "osm:node/123", for the source note


class OnlineGeocoder:
    def __init__(self, domain: str | None = None, scheme: str | None = None,
                 timeout: float | None = None, min_delay: float = 1.0, max_retries: int = 1):
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        domain = domain or os.environ.get("FRONTLINE_GEOCODER_DOMAIN")
        scheme = scheme or os.environ.get("FRONTLINE_GEOCODER_SCHEME")
        timeout = timeout or float(os.environ.get("FRONTLINE_GEOCODER_TIMEOUT") or 10.0)
        options = {"user_agent": USER_AGENT, "timeout": timeout}
        if domain:
            options["domain"] = domain
        if scheme:
            options["scheme"] = scheme
        self._nominatim = Nominatim(**options)
        self.name = f"nominatim@{self._nominatim.domain}"
        self._geocode = RateLimiter(self._nominatim.geocode, min_delay_seconds=min_delay,
                                    max_retries=max_retries, error_wait_seconds=min_delay,
                                    swallow_exceptions=False)

    def lookup(self, name: str, *, countries: tuple[str, ...] = (),
               viewbox: tuple[tuple[float, float], tuple[float, float]] | None = None,
               settlements_only: bool = False) -> OnlineAnswer | None:
        """The service's answer for ``name``, or None when it has none. ``countries``: ISO
        alpha-2 codes the answer must be in; ``viewbox``: two (lat, lon) corners of a box
        the answer must lie in; ``settlements_only``: a populated place or nothing. Raises
        OnlineError when the service fails or answers what cannot be read."""
        options = {"exactly_one": True, "addressdetails": True}
        if countries:
            options["country_codes"] = [c.lower() for c in countries]
        if viewbox:
            options["viewbox"], options["bounded"] = viewbox, True
        if settlements_only:
            options["featuretype"] = "settlement"
        try:
            location = self._geocode(name, **options)
        except Exception as error:  # noqa: BLE001 - any failure of the service is one case
            raise OnlineError(f"{self.name}: {type(error).__name__}: {error}") from error
        if location is None:
            return None
        raw = location.raw or {}
        address = raw.get("address") or {}
        place_type = raw.get("addresstype") or raw.get("type") or ""
        kind = (Kind.SETTLEMENT if place_type in SETTLEMENT_TYPES
                else Kind.REGION if place_type in REGION_TYPES
                else Kind.COUNTRY if place_type == "country" else Kind.OTHER)
        if settlements_only and kind != Kind.SETTLEMENT:
            return None
        try:
            lat, lon = float(location.latitude), float(location.longitude)
        except (TypeError, ValueError) as error:
            raise OnlineError(f"{self.name}: unreadable coordinates for {name!r}") from error
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise OnlineError(f"{self.name}: coordinates out of range for {name!r}")
        reference = f"osm:{raw['osm_type']}/{raw['osm_id']}" if raw.get("osm_type") else ""
        return OnlineAnswer(lat, lon, (address.get("country_code") or "").upper(), kind,
                            reference)
