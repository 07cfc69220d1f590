"""What the apps above symptoms may add to the home page (lib.slots)."""

from lib.slots import Slot

# Under the quick log, for those who may log (the dose card, today's check-in).
HOME_FOR_LOGGING = Slot("symptoms.home.logging")
# In its place, for those who may only read.
HOME_FOR_READING = Slot("symptoms.home.reading")
