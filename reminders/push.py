"""Web Push: the notifications a person's phones show."""


def deliver_push(person, message: dict) -> int:
    """Send `message` ({"title", "body", "url", "tag", "kind", "claim"}, no health data)
    to each of `person`'s subscribed devices; return how many took it.

    Until web push is wired in, no device takes anything."""
    return 0
