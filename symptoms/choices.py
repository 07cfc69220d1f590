"""The fixed vocabularies of the journal.

Each code is stable snake_case: imports and exports use the codes, the screens use the
labels, so a label can be reworded without touching anyone's data.
"""

from functools import cache

from django.db import models

from lib.rules import INTERFERENCE_AREAS as INTERFERENCE_AREAS  # noqa: F401
from lib.rules import PAIN_LABELS


@cache
def labels_of(choices: type[models.TextChoices]) -> dict[str, str]:
    """A vocabulary's labels by code, built once: every row of every list and export
    names a few codes."""
    return dict(choices.choices)


class Region(models.TextChoices):
    LEFT_LEG = "left_leg", "Left leg"
    RIGHT_LEG = "right_leg", "Right leg"
    LEFT_FOOT = "left_foot", "Left foot"
    RIGHT_FOOT = "right_foot", "Right foot"
    LEFT_ARM = "left_arm", "Left arm"
    RIGHT_ARM = "right_arm", "Right arm"
    LEFT_HAND = "left_hand", "Left hand"
    RIGHT_HAND = "right_hand", "Right hand"
    UPPER_BACK = "upper_back", "Upper back"
    LOWER_BACK = "lower_back", "Lower back"
    LEFT_HIP = "left_hip", "Left hip"
    RIGHT_HIP = "right_hip", "Right hip"
    NECK = "neck", "Neck"
    LEFT_FACE = "left_face", "Left side of face"
    RIGHT_FACE = "right_face", "Right side of face"
    CHEST_BAND = "chest_band", "Chest or belly (band)"
    OTHER = "other", "Somewhere else"


# The quick-log grid: the places spasms happen most, as one big button each, left and
# right side by side on a phone's two columns. "Both legs" is one tap because leg spasms
# so often come on both sides; feet and hands are asked by side, so one hand is never
# recorded as both. The keys "feet" and "hands" keep meaning both, as taps kept on a
# phone before the sides were asked still say.
QUICK_REGIONS: list[tuple[str, str, list[str]]] = [
    ("both_legs", "Both legs", [Region.LEFT_LEG, Region.RIGHT_LEG]),
    ("back", "Back", [Region.LOWER_BACK]),
    ("left_leg", "Left leg", [Region.LEFT_LEG]),
    ("right_leg", "Right leg", [Region.RIGHT_LEG]),
    ("left_foot", "Left foot", [Region.LEFT_FOOT]),
    ("right_foot", "Right foot", [Region.RIGHT_FOOT]),
    ("feet", "Both feet", [Region.LEFT_FOOT, Region.RIGHT_FOOT]),
    ("hips", "Hips", [Region.LEFT_HIP, Region.RIGHT_HIP]),
    ("left_arm", "Left arm", [Region.LEFT_ARM]),
    ("right_arm", "Right arm", [Region.RIGHT_ARM]),
    ("left_hand", "Left hand", [Region.LEFT_HAND]),
    ("right_hand", "Right hand", [Region.RIGHT_HAND]),
    ("hands", "Both hands", [Region.LEFT_HAND, Region.RIGHT_HAND]),
    ("neck", "Neck", [Region.NECK]),
    ("chest_band", "Chest band", [Region.CHEST_BAND]),
    ("other", "Elsewhere", [Region.OTHER]),
]
# A tap on the body map names one region by its own code; the grid's keys that are
# region codes already mean just that region.
QUICK_REGION_MAP = {
    **{region.value: (region.label, [region]) for region in Region},
    **{key: (label, regions) for key, label, regions in QUICK_REGIONS},
}


class EntryKind(models.TextChoices):
    SPASM = "spasm", "Spasm"
    PAIN = "pain", "Pain"


class Relief(models.TextChoices):
    """What a patient tried for a spasm or what relieves a pain."""

    STRETCHING = "stretching", "Stretching"
    HEAT = "heat", "Heat pack"
    HOT_BATH = "hot_bath", "Hot shower or bath"
    COLD = "cold", "Cold or ice"
    MEDICATION = "medication", "Medication"
    PAINKILLERS = "painkillers", "Painkillers"
    REST = "rest", "Rest or relaxing"
    SITTING_UPRIGHT = "sitting_upright", "Sitting upright"
    MOVING = "moving", "Moving about"
    MASSAGE = "massage", "Massage"
    OTHER = "other", "Something else"


SPASM_RELIEF = [
    Relief.STRETCHING,
    Relief.HEAT,
    Relief.HOT_BATH,
    Relief.COLD,
    Relief.MEDICATION,
    Relief.REST,
    Relief.MASSAGE,
    Relief.OTHER,
]


class Helped(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "A little"
    NO = "no", "No"


class PainType(models.TextChoices):
    NERVE = "nerve", PAIN_LABELS["nerve"]
    SPASTICITY = "spasticity", f"{PAIN_LABELS['spasticity']} (spasticity)"
    MUSCULOSKELETAL = "musculoskeletal", PAIN_LABELS["musculoskeletal"]


# The kinds of pain as the quick log's buttons: (code, label, what it is like).
QUICK_PAIN_TYPES: list[tuple[str, str, str]] = [
    (PainType.NERVE, PAIN_LABELS["nerve"], "burning, tingling, electric shocks"),
    (PainType.SPASTICITY, PAIN_LABELS["spasticity"], "tight, stiff or cramping muscles"),
    (PainType.MUSCULOSKELETAL, PAIN_LABELS["musculoskeletal"], "aching back, hips or joints"),
]


class Sensation(models.TextChoices):
    BURNING = "burning", "Burning"
    PINS_AND_NEEDLES = "pins_and_needles", "Pins and needles"
    ELECTRIC_SHOCK = "electric_shock", "Electric-shock jolts"
    CRAWLING = "crawling", "Crawling under the skin"
    MS_HUG = "ms_hug", "Squeezing band round the chest (MS hug)"
    FACIAL = "facial", "Stabbing pain in the face"
    TOUCH = "touch", "Hurts when touched lightly"
    TIGHTNESS = "tightness", "Tight, stiff muscles"
    CRAMP = "cramp", "Cramp"
    BACK_ACHE = "back_ache", "Ache in the back"
    HIP_ACHE = "hip_ache", "Ache in the hip"
    JOINT_ACHE = "joint_ache", "Ache in the joints"


SENSATIONS_BY_TYPE: dict[str, list[str]] = {
    PainType.NERVE: [
        Sensation.BURNING,
        Sensation.PINS_AND_NEEDLES,
        Sensation.ELECTRIC_SHOCK,
        Sensation.CRAWLING,
        Sensation.MS_HUG,
        Sensation.FACIAL,
        Sensation.TOUCH,
    ],
    PainType.SPASTICITY: [Sensation.TIGHTNESS, Sensation.CRAMP],
    PainType.MUSCULOSKELETAL: [Sensation.BACK_ACHE, Sensation.HIP_ACHE, Sensation.JOINT_ACHE],
}


class Pattern(models.TextChoices):
    SHORT_BURSTS = "short_bursts", "Short bursts"
    LONG_BURSTS = "long_bursts", "Long bursts"
    CONSTANT = "constant", "There all the time"


class Onset(models.TextChoices):
    SUDDEN = "sudden", "Suddenly"
    GRADUAL = "gradual", "Bit by bit"


class Worsened(models.TextChoices):
    HEAT = "heat", "Heat"
    COLD = "cold", "Cold"
    TOUCH = "touch", "Touch or clothing"
    MOVING = "moving", "Moving"
    SITTING = "sitting", "Sitting"
    STANDING = "standing", "Standing"
    WALKING = "walking", "Walking"
    LYING_DOWN = "lying_down", "Lying down"
    TIREDNESS = "tiredness", "Being tired"
    STRESS = "stress", "Stress"
    OTHER = "other", "Something else"


class HappenedBefore(models.TextChoices):
    NO = "no", "No, this is new"
    SAME = "same", "Yes, and it felt the same"
    DIFFERENT = "different", "Yes, but it felt different"


# The severity buttons, with words at the anchors of the 0–10 scale.
SEVERITY_BUTTONS = [(n, {0: "none", 5: "medium", 10: "worst"}.get(n, "")) for n in range(11)]
