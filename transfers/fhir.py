"""The journal as a FHIR R4B Bundle (type collection).

One Observation per entry, in the shape of the HL7 FHIR Symptoms guide's
SymptomObservation: code LOINC 75325-1 "Symptom", the symptom itself as the value, the
body site, and components for severity (LOINC 64750-3) and, for pain, the 0–10 pain
score (LOINC 72514-3), onset (99495-4), alleviating (100753-3) and exacerbating (100752-5)
factors. Daily check-ins are Observations too. What LOINC has no code for uses the app's
own code systems (URNs below), always with text.
"""

from __future__ import annotations

import uuid

from django.utils import timezone

from symptoms.choices import Helped, Onset, PainType, Pattern, Region, Relief, Sensation, Worsened
from symptoms.models import Entry
from triggers.models import CheckIn

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


def _symptom_value(entry: Entry) -> dict:
    if entry.is_spasm:
        return _own(SYMPTOM_SYSTEM, "spasm", "Muscle spasm")
    label = PainType(entry.pain_type).label
    concept = _own(SYMPTOM_SYSTEM, f"pain-{entry.pain_type}", label)
    concept["coding"] += [
        {"system": SYMPTOM_SYSTEM, "code": code, "display": Sensation(code).label}
        for code in entry.sensations
    ]
    return concept


def _factors(codes: list[str], choices) -> str:
    return "; ".join(choices(code).label for code in codes)


def entry_observation(entry: Entry, patient_ref: str) -> dict:
    components = [_component(_loinc("64750-3", "Severity of symptom"), valueInteger=entry.severity)]
    if entry.is_spasm:
        if entry.duration_minutes is not None:
            components.append(
                _component(
                    _own(SYMPTOM_SYSTEM, "duration", "How long it lasted"),
                    valueQuantity={
                        "value": entry.duration_minutes,
                        "unit": "min",
                        "system": UCUM,
                        "code": "min",
                    },
                )
            )
        if entry.painful is not None:
            components.append(
                _component(_own(SYMPTOM_SYSTEM, "painful", "Painful"), valueBoolean=entry.painful)
            )
        if entry.tried:
            helped = f" (helped: {Helped(entry.helped).label.lower()})" if entry.helped else ""
            components.append(
                _component(
                    _loinc("100753-3", "Alleviating factors"),
                    valueString=_factors(entry.tried, Relief) + helped,
                )
            )
    else:
        components.append(
            _component(
                _loinc("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported"),
                valueInteger=entry.severity,
            )
        )
        if entry.onset:
            components.append(
                _component(_loinc("99495-4", "Symptom onset"), valueString=Onset(entry.onset).label)
            )
        if entry.pattern:
            components.append(
                _component(
                    _own(SYMPTOM_SYSTEM, "pattern", "Pattern"),
                    valueString=Pattern(entry.pattern).label,
                )
            )
        if entry.relieved_by:
            components.append(
                _component(
                    _loinc("100753-3", "Alleviating factors"),
                    valueString=_factors(entry.relieved_by, Relief),
                )
            )
        if entry.worsened_by:
            components.append(
                _component(
                    _loinc("100752-5", "Exacerbating factors"),
                    valueString=_factors(entry.worsened_by, Worsened),
                )
            )
        components.append(
            _component(
                _own(SYMPTOM_SYSTEM, "new-symptoms", "Came with new or returning symptoms"),
                valueBoolean=entry.with_new_symptoms,
            )
        )
        for area, value in entry.interference:
            components.append(
                _component(
                    _own(SYMPTOM_SYSTEM, f"interference-{area}", f"Interferes with {area} (0-10)"),
                    valueInteger=value,
                )
            )
    observation = {
        "resourceType": "Observation",
        "id": f"entry-{entry.pk}",
        "status": "final",
        "code": _loinc("75325-1", "Symptom"),
        "subject": {"reference": patient_ref},
        "effectiveDateTime": timezone.localtime(entry.occurred_at, entry.patient.zone).isoformat(),
        "valueCodeableConcept": _symptom_value(entry),
        "component": components,
    }
    if entry.regions:
        observation["bodySite"] = {
            "coding": [
                {"system": REGION_SYSTEM, "code": code, "display": Region(code).label}
                for code in entry.regions
            ],
            "text": ", ".join(entry.region_labels),
        }
    notes = [n for n in (entry.notes, entry.interference_example) if n]
    if notes:
        observation["note"] = [{"text": n} for n in notes]
    return observation


def check_in_observation(check_in: CheckIn, patient_ref: str) -> dict:
    def own(code, display):
        return _own(CHECK_IN_SYSTEM, code, display)

    components = []
    if check_in.overheated is not None:
        components.append(
            _component(own("overheated", "Felt overheated"), valueBoolean=check_in.overheated)
        )
    if check_in.max_temp_c is not None:
        components.append(
            _component(
                own("max-temperature", "Day's highest temperature"),
                valueQuantity={
                    "value": float(check_in.max_temp_c),
                    "unit": "°C",
                    "system": UCUM,
                    "code": "Cel",
                },
            )
        )
    if check_in.humidity_pct is not None:
        components.append(
            _component(
                own("humidity", "Humidity"),
                valueQuantity={
                    "value": check_in.humidity_pct,
                    "unit": "%",
                    "system": UCUM,
                    "code": "%",
                },
            )
        )
    if check_in.sleep_hours is not None:
        components.append(
            _component(
                own("sleep-hours", "Hours of sleep last night"),
                valueQuantity={
                    "value": float(check_in.sleep_hours),
                    "unit": "h",
                    "system": UCUM,
                    "code": "h",
                },
            )
        )
    for field, code, display in (
        ("sleep_quality", "sleep-quality", "Sleep quality (1-5)"),
        ("stress", "stress", "Stress or low mood (0-10)"),
        ("steps", "steps", "Steps"),
    ):
        if getattr(check_in, field) is not None:
            components.append(_component(own(code, display), valueInteger=getattr(check_in, field)))
    if check_in.infection:
        components.append(
            _component(
                own("infection", "Infection"),
                valueCodeableConcept=own(check_in.infection, check_in.get_infection_display()),
            )
        )
    if check_in.fever is not None:
        components.append(_component(own("fever", "Fever"), valueBoolean=check_in.fever))
    if check_in.activity:
        components.append(
            _component(
                own("activity", "Activity"),
                valueCodeableConcept=own(check_in.activity, check_in.get_activity_display()),
            )
        )
    for answer in check_in.tag_answers.all():
        components.append(
            _component(
                own(f"tag:{answer.trigger.name}", answer.trigger.name), valueBoolean=answer.present
            )
        )
    observation = {
        "resourceType": "Observation",
        "id": f"check-in-{check_in.pk}",
        "status": "final",
        "code": own("daily-check-in", "Daily check-in: possible triggers"),
        "subject": {"reference": patient_ref},
        "effectiveDateTime": check_in.date.isoformat(),
    }
    if components:
        observation["component"] = components
    return observation


def journal_bundle(patient) -> dict:
    """Every entry and check-in of the patient, with no more identity than they gave."""
    patient_url = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'msjournal:' + patient.journal_key)}"
    patient_resource = {"resourceType": "Patient", "id": "patient"}
    if patient.display_name:
        patient_resource["name"] = [{"text": patient.display_name}]
    entries = [{"fullUrl": patient_url, "resource": patient_resource}]
    for entry in (
        Entry.objects.for_patient(patient).select_related("patient").order_by("occurred_at")
    ):
        entries.append(
            {
                "fullUrl": f"urn:uuid:{uuid.uuid4()}",
                "resource": entry_observation(entry, patient_url),
            }
        )
    check_ins = (
        CheckIn.objects.for_patient(patient)
        .order_by("date")
        .prefetch_related("tag_answers__trigger")
    )
    for check_in in check_ins:
        entries.append(
            {
                "fullUrl": f"urn:uuid:{uuid.uuid4()}",
                "resource": check_in_observation(check_in, patient_url),
            }
        )
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": timezone.now().isoformat(),
        "entry": entries,
    }
