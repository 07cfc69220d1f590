"""Apple Health's export.zip read into whole days, for a patient in London (the clocks go
back on 29 October 2023)."""

from __future__ import annotations

import datetime as dt
import zipfile
from zoneinfo import ZoneInfo

import pytest

from health.formats import ExportProblem, apple_health, read_export, zips
from tests.support.health_exports import (
    BROKEN_DTD,
    MEMBER,
    PHONE,
    WATCH,
    apple_heart_rate,
    apple_sleep,
    apple_steps,
    apple_xml,
    apple_zip,
)

LONDON = ZoneInfo("Europe/London")
EXPORTED = "2023-10-31 14:02:11 +0000"


def read(path, zone=LONDON, progress=None):
    with zips.open_zip(path) as archive:
        return apple_health.read(archive, zone, progress or (lambda done, total: None))


def october(day: int) -> dt.date:
    return dt.date(2023, 10, day)


def nights() -> list[str]:
    return [
        # The first night in the export: its morning is partial.
        apple_sleep("2023-10-25 23:00:00 +0100", "2023-10-26 06:00:00 +0100"),
        # Stages, an hour awake between them, and the phone's time in bed.
        apple_sleep("2023-10-26 22:30:00 +0100", "2023-10-27 07:00:00 +0100", "InBed", PHONE),
        apple_sleep("2023-10-26 23:00:00 +0100", "2023-10-27 01:00:00 +0100", "AsleepCore"),
        apple_sleep("2023-10-27 01:00:00 +0100", "2023-10-27 02:00:00 +0100", "AsleepDeep"),
        apple_sleep("2023-10-27 02:00:00 +0100", "2023-10-27 03:00:00 +0100", "Awake"),
        apple_sleep("2023-10-27 03:00:00 +0100", "2023-10-27 04:30:00 +0100", "AsleepREM"),
        # A watch before iOS 16 said "Asleep"; "Unspecified" is what an app not telling
        # stages writes.
        apple_sleep("2023-10-27 23:00:00 +0100", "2023-10-28 03:00:00 +0100", "Asleep"),
        apple_sleep("2023-10-28 03:00:00 +0100", "2023-10-28 06:00:00 +0100", "AsleepUnspecified"),
        # The night the clocks go back, from 23:00 BST to 07:00 GMT: nine hours, which
        # the phone counted too.
        apple_sleep("2023-10-28 23:00:00 +0100", "2023-10-29 07:00:00 +0000"),
        apple_sleep("2023-10-28 23:30:00 +0100", "2023-10-29 06:30:00 +0000", "Asleep", PHONE),
        # An afternoon nap.
        apple_sleep("2023-10-29 14:00:00 +0000", "2023-10-29 15:00:00 +0000"),
        # Across midnight, written by a phone still on Paris time: 23:30 to 06:00 in
        # London.
        apple_sleep("2023-10-30 00:30:00 +0100", "2023-10-30 07:00:00 +0100", "AsleepCore"),
        # The export was made the next afternoon: that morning's night is left out too.
        apple_sleep("2023-10-30 23:00:00 +0000", "2023-10-31 06:00:00 +0000"),
    ]


def walks() -> list[str]:
    return [
        apple_steps("2023-10-26 09:00:00 +0100", "2023-10-26 09:10:00 +0100", 800),
        # The phone in the pocket and the watch on the wrist count the same walk.
        apple_steps("2023-10-27 08:00:00 +0100", "2023-10-27 08:10:00 +0100", 1000),
        apple_steps("2023-10-27 08:00:00 +0100", "2023-10-27 08:05:00 +0100", 500, WATCH),
        apple_steps("2023-10-27 08:05:00 +0100", "2023-10-27 08:10:00 +0100", 500, WATCH),
        apple_steps("2023-10-27 18:00:00 +0100", "2023-10-27 18:05:00 +0100", 300, WATCH),
        # 19:00 in New York is midnight in London: the patient's day is the 28th.
        apple_steps("2023-10-27 19:00:00 -0400", "2023-10-27 19:05:00 -0400", 700),
        apple_steps("2023-10-28 12:00:00 +0100", "2023-10-28 12:30:00 +0100", 2500),
        apple_steps("2023-10-30 12:00:00 +0000", "2023-10-30 12:30:00 +0000", 4000),
        apple_steps("2023-10-31 09:00:00 +0000", "2023-10-31 09:30:00 +0000", 3000),
    ]


@pytest.fixture
def export(tmp_path):
    records = nights() + walks() + [apple_heart_rate("2023-10-28 12:00:00 +0100")]
    return apple_zip(tmp_path / "export.zip", apple_xml(records, EXPORTED))


def test_sleep_counts_every_asleep_stage_but_not_in_bed_or_awake(export):
    sleep = read(export).sleep
    assert sleep[october(27)] == pytest.approx(2 + 1 + 1.5)
    assert sleep[october(28)] == pytest.approx(4 + 3)


def test_night_the_clocks_go_back_counts_its_extra_hour_once_for_two_devices(export):
    assert read(export).sleep[october(29)] == pytest.approx(9)


def test_night_across_midnight_belongs_to_the_morning_in_the_patients_zone(export):
    assert read(export).sleep[october(30)] == pytest.approx(6.5)


def test_naps_first_morning_and_export_day_are_left_out(export):
    assert sorted(read(export).sleep) == [october(27), october(28), october(29), october(30)]


def test_steps_of_phone_and_watch_on_the_same_walk_count_once(export):
    assert read(export).steps[october(27)] == 1300


def test_steps_fall_on_the_patients_day_whatever_zone_the_phone_was_in(export):
    assert read(export).steps[october(28)] == 700 + 2500


def test_steps_of_the_first_day_and_the_export_day_are_left_out(export):
    steps = read(export).steps
    assert steps == {october(27): 1300, october(28): 3200, october(30): 4000}


def test_the_same_export_reads_into_other_days_for_a_patient_in_new_york(export):
    steps = read(export, ZoneInfo("America/New_York")).steps
    # In New York the London-midnight walk is the evening of the 27th.
    assert steps[october(27)] == 1300 + 700


def test_read_export_tells_an_apple_export_by_its_contents(export):
    days = read_export(export, LONDON)
    assert days.source == "apple_health"
    assert days.steps[october(30)] == 4000


def test_progress_reaches_the_whole_file(export):
    calls = []
    read(export, progress=lambda done, total: calls.append((done, total)))
    total = zipfile.ZipFile(export).getinfo(MEMBER).compress_size
    assert calls[-1] == (total, total)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_export_named_in_the_phones_language_is_read(tmp_path):
    path = apple_zip(
        tmp_path / "export.zip",
        apple_xml(walks(), EXPORTED),
        member="apple_health_export/导出.xml",
    )
    assert apple_health.recognises(zipfile.ZipFile(path).namelist())
    assert read(path).steps[october(30)] == 4000


def test_zip_without_the_export_xml_is_not_taken_for_apple_health():
    assert not apple_health.recognises(["apple_health_export/export_cda.xml", "notes.xml"])


def test_broken_dtd_of_ios_16_is_read_anyway(tmp_path):
    xml = apple_xml(walks(), EXPORTED, dtd=BROKEN_DTD)
    assert read(apple_zip(tmp_path / "export.zip", xml)).steps[october(27)] == 1300


def test_control_characters_some_apps_put_in_names_are_read_past(tmp_path):
    records = [
        *walks(),
        apple_steps(
            "2023-10-30 18:00:00 +0000", "2023-10-30 18:10:00 +0000", 50, "Step\x0bApp\x01"
        ),
    ]
    path = apple_zip(tmp_path / "export.zip", apple_xml(records, EXPORTED))
    assert read(path).steps[october(30)] == 4050


def test_the_last_day_before_the_export_day_is_whole(tmp_path):
    path = apple_zip(tmp_path / "export.zip", apple_xml(walks(), "2023-11-01 08:15:00 +0000"))
    assert read(path).steps[october(31)] == 3000


def test_without_an_export_date_the_last_day_is_taken_as_partial(tmp_path):
    path = apple_zip(tmp_path / "export.zip", apple_xml(walks(), None))
    assert max(read(path).steps) == october(30)


def test_days_no_one_could_live_are_left_out(tmp_path):
    records = [
        *walks(),
        apple_steps("2023-10-28 13:00:00 +0100", "2023-10-28 14:00:00 +0100", 250_000),
        apple_sleep("2023-10-28 20:00:00 +0100", "2023-10-30 05:00:00 +0000"),
        *nights()[:1],
    ]
    days = read(apple_zip(tmp_path / "export.zip", apple_xml(records, EXPORTED)))
    assert october(28) not in days.steps
    assert october(30) not in days.sleep


@pytest.mark.parametrize(
    "record, words",
    [
        (apple_steps("2023-10-28", "2023-10-28 12:30:00 +0100", 10), "startDate"),
        (apple_steps("2023-10-28 12:00:00", "2023-10-28 12:30:00 +0100", 10), "startDate"),
        (apple_steps("0001-01-01 00:00:00 +0100", "2023-10-28 12:30:00 +0100", 10), "startDate"),
        (apple_sleep("2023-10-28 23:00:00 +0100", "tomorrow"), "endDate"),
        (apple_steps("2023-10-28 12:00:00 +0100", "2023-10-28 12:30:00 +0100", "lots"), "count"),
        (apple_steps("2023-10-28 12:00:00 +0100", "2023-10-28 12:30:00 +0100", "nan"), "count"),
        (apple_steps("2023-10-28 12:00:00 +0100", "2023-10-28 12:30:00 +0100", -5), "count"),
    ],
)
def test_record_with_a_field_that_cannot_be_read_is_named(tmp_path, record, words):
    path = apple_zip(tmp_path / "export.zip", apple_xml([*walks(), record], EXPORTED))
    with pytest.raises(ExportProblem, match=words):
        read(path)


BILLION_LAUGHS = """<!DOCTYPE HealthData [
<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>"""


def test_billion_laughs_is_refused(tmp_path):
    records = [*walks(), apple_steps("&lol9;", "2023-10-28 12:30:00 +0100", 10)]
    path = apple_zip(tmp_path / "export.zip", apple_xml(records, EXPORTED, dtd=BILLION_LAUGHS))
    with pytest.raises(ExportProblem, match="not readable XML"):
        read(path)


def test_entities_declared_where_the_doctype_is_not_looked_for_are_refused(tmp_path):
    # A comment holding a tag before the DOCTYPE: the declaration reaches the parser.
    dtd = '<!-- <x> -->\n<!DOCTYPE HealthData [<!ENTITY file SYSTEM "file:///etc/passwd">]>'
    records = [*walks(), apple_steps("&file;", "2023-10-28 12:30:00 +0100", 10)]
    path = apple_zip(tmp_path / "export.zip", apple_xml(records, EXPORTED, dtd=dtd))
    with pytest.raises(ExportProblem, match="declares entities"):
        read(path)


def test_member_that_is_not_xml_is_refused(tmp_path):
    path = apple_zip(tmp_path / "export.zip", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ExportProblem, match="export.xml in this zip is not readable XML"):
        read(path)


def test_xml_cut_short_is_refused(tmp_path):
    xml = apple_xml(walks(), EXPORTED)
    path = apple_zip(tmp_path / "export.zip", xml[: len(xml) - 100])
    with pytest.raises(ExportProblem, match="not readable XML"):
        read(path)


def test_zip_cut_short_is_refused(tmp_path):
    path = apple_zip(tmp_path / "export.zip", apple_xml(walks(), EXPORTED))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ExportProblem, match="cut short"):
        read_export(path, LONDON)


def test_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    padding = "\n" * 20_000_000  # packs to about 20 KB
    xml = apple_xml([*walks(), padding], EXPORTED)
    path = apple_zip(tmp_path / "export.zip", xml)
    with pytest.raises(ExportProblem, match="zip bomb"):
        read(path)
