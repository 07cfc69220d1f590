"""Daily check-ins and the patient's own triggers live here."""
