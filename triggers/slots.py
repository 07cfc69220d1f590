"""What the apps above triggers may add to the check-in (lib.slots)."""

from lib.slots import Slot

# Beside "Did you get overheated?" and on the home page's check-in card: the day's
# weather where the patient lives, given `journal` and `date`.
CHECK_IN_WEATHER = Slot("triggers.check_in.weather")
# Under the temperature the patient left empty: what fills it in, given `journal` and
# `date`.
CHECK_IN_TEMPERATURE = Slot("triggers.check_in.temperature")
# Under the sleep hours, and the steps, the patient left empty: what a health app counted
# that day, given `journal` and `date`.
CHECK_IN_SLEEP = Slot("triggers.check_in.sleep")
CHECK_IN_STEPS = Slot("triggers.check_in.steps")
