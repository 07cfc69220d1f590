"""Treatment periods as FHIR R4B MedicationStatements: one per stretch at one dose.

Medicines named as the common MS ones are coded with their RxNorm ingredient; every
other treatment (a therapy, a product RxNorm names differently) is text alone.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

from transfers.streaming import CHUNK
from treatments.choices import Schedule
from treatments.models import TreatmentPeriod

RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
# RxNorm ingredient concepts (RXCUI), by the lower-case name the patient typed.
RXNORM_INGREDIENTS = {
    "baclofen": "1292",
    "tizanidine": "57258",
    "gabapentin": "25480",
    "pregabalin": "187832",
    "diazepam": "3322",
    "clonazepam": "2598",
    "amitriptyline": "704",
    "duloxetine": "72625",
    "ibuprofen": "5640",
}


def _medication(name: str) -> dict:
    code = RXNORM_INGREDIENTS.get(name.strip().lower())
    if code is None:
        return {"text": name}
    return {"coding": [{"system": RXNORM, "code": code, "display": name.lower()}], "text": name}


def _dosage(period: TreatmentPeriod) -> dict:
    dosage: dict = {"text": period.dose_label}
    if period.schedule == Schedule.AS_NEEDED:
        dosage["asNeededBoolean"] = True
    elif period.times_a_day:
        dosage["timing"] = {
            "repeat": {"frequency": period.times_a_day, "period": 1, "periodUnit": "d"}
        }
    if period.dose is not None:
        quantity = {"value": float(period.dose)}
        if period.unit:
            quantity["unit"] = period.unit
        dosage["doseAndRate"] = [{"doseQuantity": quantity}]
    return dosage


def medication_statement(period: TreatmentPeriod, patient_ref: str) -> dict:
    effective = {"start": period.started.isoformat()}
    if period.stopped:
        effective["end"] = period.stopped.isoformat()
    resource = {
        "resourceType": "MedicationStatement",
        "status": "active" if period.stopped is None else "completed",
        "medicationCodeableConcept": _medication(period.treatment.name),
        "subject": {"reference": patient_ref},
        "effectivePeriod": effective,
        "dosage": [_dosage(period)],
    }
    if period.stop_reason:
        resource["statusReason"] = [{"text": period.get_stop_reason_display()}]
    if period.notes:
        resource["note"] = [{"text": period.notes}]
    return resource


def medication_entries(
    patient, patient_ref: str, first: dt.date | None = None, last: dt.date | None = None
) -> Iterator[dict]:
    periods = TreatmentPeriod.objects.for_patient(patient).overlapping(first, last)
    periods = periods.select_related("treatment")
    for period in periods.order_by("started", "id").iterator(chunk_size=CHUNK):
        resource = medication_statement(period, patient_ref)
        yield {"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": resource}
