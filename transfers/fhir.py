"""The journal as a FHIR R4B Bundle (type collection).

One Observation per entry, in the shape of the HL7 FHIR Symptoms guide's
SymptomObservation: code LOINC 75325-1 "Symptom", the symptom itself as the value, the
body site, and components for severity (LOINC 64750-3) and, for pain, the 0–10 pain
score (LOINC 72514-3), onset (99495-4), alleviating (100753-3) and exacerbating (100752-5)
factors. Daily check-ins are Observations too. What LOINC has no code for uses the app's
own code systems (URNs below), always with text.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator

from django.utils import timezone

from symptoms.choices import (
    Helped,
    Onset,
    PainType,
    Pattern,
    Region,
    Relief,
    Sensation,
    Worsened,
    labels_of,
)
from symptoms.models import Entry
from transfers.fhir_treatments import medication_entries
from transfers.streaming import CHUNK
from triggers.models import CheckIn, TagAnswer

LOINC = "http://loinc.org"
SYMPTOM_SYSTEM = "urn:msjournal:codesystem:symptom"
REGION_SYSTEM = "urn:msjournal:codesystem:body-region"
FACTOR_SYSTEM = "urn:msjournal:codesystem:factor"
CHECK_IN_SYSTEM = "urn:msjournal:codesystem:daily-check-in"
UCUM = "http://unitsofmeasure.org"


def _loinc(code: str, display: str) -> dict:
    return {"coding": [{"system": LOINC, "code": code, "display": display}], "text": display}


def _own(system: str, code: str, display: str) -> dict:
    return {"coding": [{"system": system, "code": code, "display": display}], "text": display}


def _component(code: dict, **value) -> dict:
    return {"code": code, **value}


def _quantity(value, unit: str, code: str) -> dict:
    return {"value": value, "unit": unit, "system": UCUM, "code": code}


def _label(choices, code: str) -> str:
    return labels_of(choices)[code]


def _factors(codes: list[str], choices) -> str:
    return "; ".join(_label(choices, code) for code in codes)


def _symptom_value(entry: Entry) -> dict:
    if entry.is_spasm:
        return _own(SYMPTOM_SYSTEM, "spasm", "Muscle spasm")
    label = _label(PainType, entry.pain_type)
    concept = _own(SYMPTOM_SYSTEM, f"pain-{entry.pain_type}", label)
    concept["coding"] += [
        {"system": SYMPTOM_SYSTEM, "code": code, "display": _label(Sensation, code)}
        for code in entry.sensations
    ]
    return concept


def _spasm_components(entry: Entry) -> list[dict]:
    components = []
    if entry.duration_minutes is not None:
        components.append(
            _component(
                _own(SYMPTOM_SYSTEM, "duration", "How long it lasted"),
                valueQuantity=_quantity(entry.duration_minutes, "min", "min"),
            )
        )
    if entry.painful is not None:
        components.append(
            _component(_own(SYMPTOM_SYSTEM, "painful", "Painful"), valueBoolean=entry.painful)
        )
    if entry.tried:
        helped = f" (helped: {_label(Helped, entry.helped).lower()})" if entry.helped else ""
        components.append(
            _component(
                _loinc("100753-3", "Alleviating factors"),
                valueString=_factors(entry.tried, Relief) + helped,
            )
        )
    return components


# (field, its code, how the code reads, the choices its codes come from)
PAIN_ANSWERS = [
    ("onset", _loinc("99495-4", "Symptom onset"), Onset),
    ("pattern", _own(SYMPTOM_SYSTEM, "pattern", "Pattern"), Pattern),
]
PAIN_FACTORS = [
    ("relieved_by", _loinc("100753-3", "Alleviating factors"), Relief),
    ("worsened_by", _loinc("100752-5", "Exacerbating factors"), Worsened),
]


def _pain_components(entry: Entry) -> list[dict]:
    components = [
        _component(
            _loinc("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported"),
            valueInteger=entry.severity,
        )
    ]
    for field, code, choices in PAIN_ANSWERS:
        if getattr(entry, field):
            components.append(_component(code, valueString=_label(choices, getattr(entry, field))))
    for field, code, choices in PAIN_FACTORS:
        if getattr(entry, field):
            components.append(
                _component(code, valueString=_factors(getattr(entry, field), choices))
            )
    components.append(
        _component(
            _own(SYMPTOM_SYSTEM, "new-symptoms", "Came with new or returning symptoms"),
            valueBoolean=entry.with_new_symptoms,
        )
    )
    components += [
        _component(
            _own(SYMPTOM_SYSTEM, f"interference-{area}", f"Interferes with {area} (0-10)"),
            valueInteger=value,
        )
        for area, value in entry.interference
    ]
    return components


def _body_site(regions: list[str]) -> dict:
    labels = [_label(Region, code) for code in regions]
    return {
        "coding": [
            {"system": REGION_SYSTEM, "code": code, "display": label}
            for code, label in zip(regions, labels, strict=True)
        ],
        "text": ", ".join(labels),
    }


def _observation(resource_id: str, code: dict, patient_ref: str, when: str) -> dict:
    return {
        "resourceType": "Observation",
        "id": resource_id,
        "status": "final",
        "code": code,
        "subject": {"reference": patient_ref},
        "effectiveDateTime": when,
    }


def entry_observation(entry: Entry, patient_ref: str, zone) -> dict:
    severity = _component(_loinc("64750-3", "Severity of symptom"), valueInteger=entry.severity)
    kind = _spasm_components if entry.is_spasm else _pain_components
    when = timezone.localtime(entry.occurred_at, zone).isoformat()
    observation = _observation(f"entry-{entry.pk}", _loinc("75325-1", "Symptom"), patient_ref, when)
    observation["valueCodeableConcept"] = _symptom_value(entry)
    observation["component"] = [severity, *kind(entry)]
    if entry.regions:
        observation["bodySite"] = _body_site(entry.regions)
    notes = [n for n in (entry.notes, entry.interference_example) if n]
    if notes:
        observation["note"] = [{"text": n} for n in notes]
    return observation


def _check_in(code: str, display: str) -> dict:
    return _own(CHECK_IN_SYSTEM, code, display)


# (field, its code, how the code reads, its unit and UCUM code)
CHECK_IN_QUANTITIES = [
    ("max_temp_c", "max-temperature", "Day's highest temperature", "°C", "Cel"),
    ("humidity_pct", "humidity", "Humidity", "%", "%"),
    ("sleep_hours", "sleep-hours", "Hours of sleep last night", "h", "h"),
]
CHECK_IN_INTEGERS = [
    ("sleep_quality", "sleep-quality", "Sleep quality (1-5)"),
    ("stress", "stress", "Stress or low mood (0-10)"),
    ("steps", "steps", "Steps"),
]


def _number(value):
    """Decimals as JSON numbers; whole numbers stay integers."""
    return value if isinstance(value, int) else float(value)


def _check_in_measures(check_in: CheckIn) -> list[dict]:
    components = []
    if check_in.overheated is not None:
        components.append(
            _component(_check_in("overheated", "Felt overheated"), valueBoolean=check_in.overheated)
        )
    for field, code, display, unit, ucum in CHECK_IN_QUANTITIES:
        value = getattr(check_in, field)
        if value is not None:
            components.append(
                _component(
                    _check_in(code, display), valueQuantity=_quantity(_number(value), unit, ucum)
                )
            )
    for field, code, display in CHECK_IN_INTEGERS:
        if getattr(check_in, field) is not None:
            components.append(
                _component(_check_in(code, display), valueInteger=getattr(check_in, field))
            )
    return components


def _check_in_answers(check_in: CheckIn) -> list[dict]:
    components = []
    if check_in.infection:
        components.append(
            _component(
                _check_in("infection", "Infection"),
                valueCodeableConcept=_check_in(
                    check_in.infection, check_in.get_infection_display()
                ),
            )
        )
    if check_in.fever is not None:
        components.append(_component(_check_in("fever", "Fever"), valueBoolean=check_in.fever))
    if check_in.activity:
        components.append(
            _component(
                _check_in("activity", "Activity"),
                valueCodeableConcept=_check_in(check_in.activity, check_in.get_activity_display()),
            )
        )
    return components


def _own_trigger_answers(answers: list[tuple[int, str, bool]]) -> list[dict]:
    return [
        _component(_check_in(f"tag:{name}", name), valueBoolean=present)
        for _, name, present in answers
    ]


def check_in_observation(
    check_in: CheckIn, patient_ref: str, answers: list[tuple[int, str, bool]]
) -> dict:
    """One day's check-in; `answers` are its own-trigger answers (TagAnswer.by_check_in)."""
    code = _check_in("daily-check-in", "Daily check-in: possible triggers")
    observation = _observation(
        f"check-in-{check_in.pk}", code, patient_ref, check_in.date.isoformat()
    )
    components = [
        *_check_in_measures(check_in),
        *_check_in_answers(check_in),
        *_own_trigger_answers(answers),
    ]
    if components:
        observation["component"] = components
    return observation


def _patient_entry(patient) -> tuple[str, dict]:
    """The patient's reference, and their resource with no more identity than they gave."""
    url = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'msjournal:' + patient.journal_key)}"
    resource = {"resourceType": "Patient", "id": "patient"}
    if patient.display_name:
        resource["name"] = [{"text": patient.display_name}]
    return url, {"fullUrl": url, "resource": resource}


def bundle_entries(
    patient, first: dt.date | None = None, last: dt.date | None = None
) -> Iterator[dict]:
    """The bundle's entries one at a time: the patient, every entry, every check-in, every
    treatment period; of the patient's days first..last only, when given (None leaves a
    side open), and the treatment periods that cover any of them."""
    patient_url, patient_entry = _patient_entry(patient)
    yield patient_entry
    zone = patient.zone
    entries = Entry.objects.for_patient(patient).on_local_dates(first, last, zone)
    for entry in entries.order_by("occurred_at").iterator(chunk_size=CHUNK):
        resource = entry_observation(entry, patient_url, zone)
        yield {"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": resource}
    tags = TagAnswer.objects.for_patient(patient).between(first, last).by_check_in()
    check_ins = CheckIn.objects.for_patient(patient).between(first, last).order_by("date")
    for check_in in check_ins.iterator(chunk_size=CHUNK):
        resource = check_in_observation(check_in, patient_url, tags.get(check_in.pk, []))
        yield {"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": resource}
    yield from medication_entries(patient, patient_url, first, last)


def _bundle_head() -> dict:
    return {"resourceType": "Bundle", "type": "collection", "timestamp": timezone.now().isoformat()}


def journal_bundle(patient) -> dict:
    """Every entry and check-in of the patient, as one Bundle held in memory."""
    return {**_bundle_head(), "entry": list(bundle_entries(patient))}


def bundle_json(
    patient, first: dt.date | None = None, last: dt.date | None = None
) -> Iterator[str]:
    """The same Bundle as JSON text, written piece by piece while it is sent."""
    head = json.dumps(_bundle_head())
    yield head[:-1] + ', "entry": ['
    pieces: list[str] = []
    for n, entry in enumerate(bundle_entries(patient, first, last)):
        pieces.append(("," if n else "") + json.dumps(entry))
        if len(pieces) == CHUNK:
            yield "".join(pieces)
            pieces.clear()
    yield "".join(pieces) + "]}"
