"""The floor below every app: plain helpers any app may use, which use no app.

Form fields, the journal's limits, the rules and labels the reports share, saving a form's
record once, SVG drawing, text rules, HTTP and error-page helpers. No models live here;
tests/msjournal/test_architecture.py holds it to using nothing of ours.
"""
