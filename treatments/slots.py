"""What the apps above treatments may add to each treatment's card (lib.slots)."""

from lib.slots import Slot

# Under the treatment's notes, before its buttons.
TREATMENT_CARD = Slot("treatments.treatment")
