"""What the apps above accounts may add to the profile's pages (lib.slots)."""

from lib.slots import Slot

# Between the profile form and the log-in settings: a section per app.
PROFILE = Slot("accounts.profile")
# Before the password is asked for: what to keep before deleting the account.
ACCOUNT_DELETE = Slot("accounts.delete")
