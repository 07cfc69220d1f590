"""The fixed answers about treatments, shared by the models, the forms and the files."""

from django.db import models


class Kind(models.TextChoices):
    MEDICINE = "medicine", "Medicine"
    INJECTION = "injection", "Injection"
    THERAPY = "therapy", "Therapy"
    OTHER = "other", "Other"


class Schedule(models.TextChoices):
    REGULAR = "regular", "Regularly"
    AS_NEEDED = "as_needed", "When needed"
    ONCE = "once", "Once"


class StopReason(models.TextChoices):
    SIDE_EFFECTS = "side_effects", "Side effects"
    DID_NOT_HELP = "did_not_help", "Did not help"
    DOSE_CHANGE = "dose_change", "Dose changed"
    OTHER = "other", "Other reason"


class DoseReason(models.TextChoices):
    SPASM = "spasm", "For a spasm"
    PAIN = "pain", "For pain"
    OTHER = "other", "Other"


class Severity(models.TextChoices):
    NONE = "none", "None"
    MILD = "mild", "Mild"
    MODERATE = "moderate", "Moderate"
    SEVERE = "severe", "Severe"


# Offered in the forms' suggestion lists; any other name may be typed.
COMMON_TREATMENTS = [
    "Baclofen",
    "Tizanidine",
    "Gabapentin",
    "Pregabalin",
    "Dantrolene",
    "Diazepam",
    "Clonazepam",
    "Amitriptyline",
    "Duloxetine",
    "Ibuprofen",
    "Botulinum toxin",
    "Cannabis (nabiximols)",
    "Physiotherapy",
    "Stretching programme",
]
COMMON_SIDE_EFFECTS = ["dizziness", "sleepiness", "weakness", "dry mouth", "nausea"]
COMMON_UNITS = ["mg", "ml", "units", "sessions", "sprays", "tablets"]
