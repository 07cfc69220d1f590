"""The token that lets a notification's buttons act without a session.

The service worker that shows a notification has no CSRF token and may have no cookie
(the tap can come hours later, or queued on a phone without a connection). So "Taken"
and "Not now" carry a token signed by the server, bound to one claimed reminder and
salted for this use only: it does what that one reminder allows and nothing else.
"""

import datetime as dt

from django.core import signing

SALT = "reminders.notification-action"
# A tap kept on a phone with no connection may arrive days later; a week is plenty.
MAX_AGE = dt.timedelta(days=7)


def action_token(claim_id: int) -> str:
    return signing.dumps({"claim": claim_id}, salt=SALT, compress=False)


def claim_of(token: str) -> int | None:
    """The claimed reminder's id the token was made for, or None if it was not made by
    this server, was made for another use, or is too old."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    claim = data.get("claim") if isinstance(data, dict) else None
    return claim if isinstance(claim, int) else None
