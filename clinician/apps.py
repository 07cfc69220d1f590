from django.apps import AppConfig

from sharing.actions import register_words

# What the access log shows a patient. Its pages for the patient, and the clinician's
# page, where no one is logged in: the log says "Someone opened ..." (sharing.models).
ACCESS_LOG_WORDS = {
    "clinician_links": ("looked at the clinician links", "made a clinician link"),
    "clinician_link_revoke": ("opened a clinician link's revoking", "revoked a clinician link"),
    "clinician_shared": (
        "opened the visit summary with the clinician link",
        "typed a wrong PIN for the clinician link",
    ),
    "clinician_shared_pdf": ("downloaded the visit summary (PDF) with the clinician link", None),
    "clinician_shared_fhir": ("downloaded the summary's days (FHIR) with the clinician link", None),
}


class ClinicianConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clinician"
    verbose_name = "clinician links"

    def ready(self) -> None:
        from visits.slots import SUMMARY

        register_words(self.name, ACCESS_LOG_WORDS)
        SUMMARY.fill("clinician/_lent.html#summary", summary_section)


def summary_section(journal, start, end) -> dict:
    """The visit page's section: whether this person may make a link, and the links."""
    from clinician.links import may_make_links
    from clinician.models import ClinicianLink

    allowed = may_make_links(journal)
    usable = ClinicianLink.objects.for_patient(journal.patient).usable()
    return {"allowed": allowed, "usable": usable.count() if allowed else 0}
