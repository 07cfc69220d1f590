"""One GET of JSON from the weather provider, with a timeout and a few retries.

Every request to the outside goes through `get_json`: a provider that is slow, down or
answering nonsense raises `Unavailable` with a sentence a person can read, and the caller
leaves its days empty for a later run to fill.
"""

from __future__ import annotations

import time

import requests

TIMEOUT_S = (5, 20)  # connect, read
ATTEMPTS = 3
BACKOFF_S = 1.0  # then 2 s, 4 s ...
# Worth trying again: the provider is busy or briefly down. A 400 says the request was
# wrong, which trying again will not mend.
RETRY_STATUSES = {429, 500, 502, 503, 504}


class Unavailable(Exception):
    """The provider gave no usable answer; str() says why, for the profile."""


def get_json(
    url: str,
    params: dict,
    *,
    attempts: int = ATTEMPTS,
    backoff_s: float = BACKOFF_S,
    timeout_s: float | tuple[float, float] = TIMEOUT_S,
):
    """The decoded JSON answer to GET url?params, trying up to `attempts` times."""
    last = "no answer"
    for attempt in range(attempts):
        if attempt:
            time.sleep(backoff_s * 2 ** (attempt - 1))
        try:
            response = requests.get(url, params=params, timeout=timeout_s, allow_redirects=False)
        except requests.Timeout:
            last = "the weather service did not answer in time"
            continue
        except requests.RequestException:
            last = "the weather service could not be reached"
            continue
        if response.status_code in RETRY_STATUSES:
            last = f"the weather service answered {response.status_code}"
            continue
        if response.status_code != 200:
            raise Unavailable(f"the weather service refused the request ({response.status_code})")
        try:
            return response.json()
        except ValueError:
            raise Unavailable("the weather service's answer could not be read") from None
    raise Unavailable(last)
