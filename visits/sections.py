"""The visit summary as titled sections of sentences and tables: one text for both the
print page and the PDF."""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis.treatment_wording import describe_for_clinician
from lib.rules import FREQUENCY_SCORE_TEXT
from visits.data import TreatmentNotes, VisitSummary
from visits.figures import Episode, VisitFigures, WeekRow, row_span
from visits.wording import trigger_for_clinician
from weather.reading import ATTRIBUTION

BODY_TITLE = "Where it was felt"
RELAPSES_IN_FULL = 6
RELAPSE_DATES = 40


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class Section:
    title: str
    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    chart: str = ""  # "spasms" or "pain": which chart goes with the section
    box: bool = False  # drawn in a box: the "at a glance" section
    # Drawn as the body map shaded by these counts, region code to entries naming it.
    regions: dict[str, int] | None = None


def _num(value, places: int = 1, dash: str = "–") -> str:
    if value is None:
        return dash
    return f"{value:.{places}f}"


def _counts(pairs) -> str:
    return ", ".join(f"{name} ({n})" for name, n in pairs) or "none logged"


def patient_line(patient) -> str:
    """Whose summary: the full name (else the name the app greets them by) and, if given,
    the date of birth."""
    name = getattr(patient, "full_name", "") or str(patient)
    born = getattr(patient, "date_of_birth", None)
    return f"{name} (born {born:%-d %b %Y})" if born else name


def sections(summary: VisitSummary) -> list[Section]:
    f = summary.figures
    return [
        _at_a_glance(f),
        _relapses(f),
        _spasms(f),
        _pain(f),
        _where(summary.region_counts),
        _triggers(summary),
        _treatments(summary.treatments),
        _helped(f),
        Section("Questions for the visit", summary.questions.splitlines() or ["None written."]),
    ]


def printed(summary: VisitSummary) -> dict:
    """What the printable summary (visits/print.html) draws: its sections and charts."""
    from visits import charts  # reportlab loads with the first summary drawn, not the URLs

    weeks = summary.figures.weeks
    return {
        "summary": summary,
        "sections": sections(summary),
        "patient_line": patient_line(summary.patient),
        "charts": {
            "spasms": charts.as_svg(charts.spasms_per_week(weeks), "spasms"),
            "pain": charts.as_svg(charts.worst_pain_per_week(weeks), "pain"),
        },
    }


def _spasms(f: VisitFigures) -> Section:
    section = Section("Spasms", chart="spasms")
    if f.spasm_total:
        worst = f"; worst day {f.worst_day[0]:%-d %b} with {f.worst_day[1]}" if f.worst_day else ""
        section.lines += [
            f"{f.spasm_total} spasms logged: "
            f"{_num(f.spasms_per_day)} a day on recorded days{worst}.",
            f"Severity (0–10): median {_num(f.spasm_severity_median)}, "
            f"worst {f.spasm_severity_worst}.",
            f"Where: {_counts(f.spasm_regions)}.",
        ]
        if f.spasm_minutes_median is not None:
            section.lines.append(
                f"How long: median {_num(f.spasm_minutes_median, 0)} min, "
                f"longest {f.spasm_minutes_longest} min."
            )
        section.lines.append(f.trend)
    else:
        section.lines.append("No spasms logged in this period.")
    section.tables.append(_weeks_table(f.weeks))
    return section


def _weeks_table(weeks: list[WeekRow]) -> Table:
    span = row_span(weeks)
    return Table(
        f"By {span}. Daily spasm frequency score: {FREQUENCY_SCORE_TEXT} a day.",
        [
            "Week of" if span == "week" else "From",
            "Days recorded",
            "Spasms",
            "Score, median",
            "Score, worst",
            "Pain, mean",
            "Pain, worst",
        ],
        [
            [
                w.label,
                w.days_label,
                str(w.spasms),
                _num(w.score_median),
                _num(w.score_worst, 0),
                _num(w.pain_mean),
                _num(w.pain_worst, 0),
            ]
            for w in weeks
        ],
    )


def _where(counts: dict[str, int]) -> Section:
    line = "Spasm and pain entries together: how many named each place (an entry may name several)."
    return Section(BODY_TITLE, [line], regions=counts)


def _pain(f: VisitFigures) -> Section:
    section = Section("Pain", chart="pain")
    if not f.pain_total:
        section.lines.append("No pain entries in this period.")
        return section
    section.lines += [
        f"{f.pain_total} pain entries. By kind: {_counts(f.pain_by_kind)}.",
        f"Where: {_counts(f.pain_regions)}.",
        f"Intensity (0–10): mean {_num(f.pain_mean)}, worst {f.pain_worst}.",
    ]
    if f.pattern or f.onset:
        section.lines.append(
            f"Most often reported: {(f.pattern or 'pattern not given').lower()}; "
            f"started {(f.onset or 'onset not given').lower()}."
        )
    if f.interference:
        section.lines.append(
            "Stops the patient doing things (mean 0–10): "
            + ", ".join(f"{area} {_num(mean)} (n={n})" for area, mean, n in f.interference)
            + "."
        )
    section.lines += [f"In their words: “{example}”" for example in f.examples]
    return section


def _dates(episode: Episode, weekday: bool = True) -> str:
    day = "%a %-d %b %Y" if weekday else "%-d %b %Y"
    if episode.first == episode.last:
        return f"{episode.first:{day}}"
    first = "%a %-d %b" if weekday else "%-d %b"
    if episode.first.year != episode.last.year:
        first = day
    return f"{episode.first:{first}} to {episode.last:{day}}"


def _relapses(f: VisitFigures) -> Section:
    """One line an episode: entries a few days apart at most are one possible relapse."""
    section = Section("Possible relapses")
    # The latest in full; on a long range the earlier ones by date only, so the summary
    # still fits on two pages.
    earlier, latest = f.episodes[:-RELAPSES_IN_FULL], f.episodes[-RELAPSES_IN_FULL:]
    if earlier:
        dates = ", ".join(_dates(e, weekday=False) for e in earlier[-RELAPSE_DATES:])
        before = len(earlier) - RELAPSE_DATES
        more = f", and {before} before" if before > 0 else ""
        section.lines.append(f"{len(earlier)} earlier: {dates}{more}.")
    for e in latest:
        entries = f" ({e.entries} entries)" if e.entries > 1 else ""
        # The places end the sentence: some of their labels hold brackets themselves.
        where = ", ".join(e.regions)
        line = f"{_dates(e)}{entries}: pain with new or returning symptoms. Where: {where}."
        if e.other_causes:
            line += f" Recorded that day or the day before: {', '.join(e.other_causes)}."
        else:
            line += " No fever, infection or heat recorded that day or the day before."
        section.lines.append(line)
    if not f.episodes:
        section.lines.append("None flagged.")
    return section


def _at_a_glance(f: VisitFigures) -> Section:
    """The figures a neurologist asks first, and what the period held, even when no
    trigger stands out."""
    section = Section("At a glance", box=True)
    if f.spasm_total:
        section.lines.append(
            f"Spasms: {_num(f.spasms_per_day)} a day on recorded days "
            f"({f.spasm_total} in all, worst severity {f.spasm_severity_worst}/10)."
        )
    else:
        section.lines.append("Spasms: none logged.")
    if f.pain_total:
        section.lines.append(
            f"Worst pain: {f.pain_worst}/10 (mean {_num(f.pain_mean)} over "
            f"{f.pain_total} {'entry' if f.pain_total == 1 else 'entries'})."
        )
    else:
        section.lines.append("Pain: none logged.")
    n = len(f.episodes)
    if n:
        latest = _dates(f.episodes[-1], weekday=False)
        section.lines.append(
            f"Possible relapses: {n} {'episode' if n == 1 else 'episodes'}"
            f"{', the latest' if n > 1 else ','} {latest}."
        )
    else:
        section.lines.append("Possible relapses: none flagged.")
    held = f.held
    if held.check_in_days or held.weather_days:
        weather = (
            f" and {_days(held.weather_days, 'with only the weather’s temperature')};"
            f" {ATTRIBUTION[0].lower()}{ATTRIBUTION[1:]}"
            if held.weather_days
            else ""
        )
        section.lines.append(
            f"The period held: {_days(held.infection_or_fever, 'with infection or fever')}, "
            f"{_days(held.hot, 'hot', before=True)}, "
            f"{held.poor_nights} poor {'night' if held.poor_nights == 1 else 'nights'} "
            f"(of {_days(held.check_in_days, 'with a check-in')}{weather})."
        )
    else:
        section.lines.append("The period held: no check-ins (heat, sleep, infection) recorded.")
    share = 100 * f.days_recorded // max(1, f.days_in_range)
    section.lines.append(
        f"Data completeness: {f.days_recorded} of {f.days_in_range} days recorded ({share}%)."
    )
    return section


def _days(n: int, what: str, before: bool = False) -> str:
    days = "day" if n == 1 else "days"
    return f"{n} {what} {days}" if before else f"{n} {days} {what}"


def _triggers(summary: VisitSummary) -> Section:
    section = Section("Triggers that stand out (association, not cause)")
    for card in summary.standing_out:
        section.lines += [
            f"{card.label}: {trigger_for_clinician(r)}" for r in card.results if r.stands_out
        ]
    if not section.lines:
        section.lines.append("No trigger stands out in this period.")
    return section


CHANGE_WORDS = {"start": "started", "stop": "stopped", "dose": "dose changed"}


def _treatments(notes: TreatmentNotes | None) -> Section:
    """Taken now, changes in the period with their before/after comparison (spasms a day
    always; the severities only where they stand out, to keep to two pages), side
    effects."""
    section = Section("Treatments (before/after: association, not cause)")
    if notes is None:
        return section
    section.lines.append(f"Taking now: {'; '.join(notes.current) or 'nothing recorded'}.")
    for report in notes.changes:
        change = report.change
        dose = ""
        if change.kind == "dose" and change.dose is not None:
            dose = f" to {change.dose:g} {change.unit}".rstrip()
        what = f"{change.treatment} {CHANGE_WORDS[change.kind]}{dose}"
        section.lines.append(f"{change.recorded_date:%-d %b %Y}: {what}.")
        section.lines += [
            describe_for_clinician(report, r)
            for r in report.results
            if r.outcome == "spasm_count" or r.stands_out
        ]
    if notes.side_effects:
        section.lines.append(
            "Side effects: "
            + "; ".join(
                f"{what or 'unnamed'} ({severity}) on {date:%-d %b}, {name}"
                for date, name, what, severity in notes.side_effects
            )
            + "."
        )
    return section


def _helped(f: VisitFigures) -> Section:
    section = Section("What helped")
    if f.helped:
        section.tables.append(
            Table(
                "Tried for spasms",
                ["Measure", "Tried", "Helped", "A little", "No"],
                [[h.measure, str(h.tried), str(h.yes), str(h.partly), str(h.no)] for h in f.helped],
            )
        )
    if f.eases_pain:
        section.lines.append(f"Eases pain: {_counts(f.eases_pain)}.")
    if not section.tables and not section.lines:
        section.lines.append("Nothing recorded.")
    return section
