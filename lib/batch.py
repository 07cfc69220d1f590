"""Work done for many people in one run, as a job run from cron does it.

One person's data must never stop another's: a failure for one is logged with who it was
and why, and the run goes on to the next. The job itself decides how the failed ones are
tried again (the weekly digest keeps no record of a digest that was not sent).
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

log = logging.getLogger(__name__)
Item = TypeVar("Item")


@dataclass
class Run:
    """How a run went: what each person's work returned, and how many failed."""

    results: list = field(default_factory=list)
    failed: int = 0


def for_each_person(
    items: Iterable[Item],
    work: Callable[[Item], object],
    *,
    job: str,
    who: Callable[[Item], str],
) -> Run:
    """work(item) for every item, each on its own: an exception is logged as
    "<job> failed for <who(item)>: <reason>" and the next item is served."""
    run = Run()
    for item in items:
        try:
            run.results.append(work(item))
        except Exception as exc:  # whatever went wrong, it went wrong for this person only
            log.error(
                "%s failed for %s: %s: %s",
                job,
                who(item),
                type(exc).__name__,
                exc,
                exc_info=True,
            )
            run.failed += 1
    return run
