"""What the apps above visits may add to the visit page (lib.slots)."""

from lib.slots import Slot

# Under the summary's days: other ways to take the summary to the clinic.
SUMMARY = Slot("visits.summary")
