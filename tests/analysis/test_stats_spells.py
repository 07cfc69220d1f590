"""Triggers that come in runs: weather in spells makes today's heat much like yesterday's,
so the same day and the next are judged together, as one result over the spell."""

import pytest

from analysis.stats.associations import JOINT_LAG, Result, analyse
from analysis.wording import describe, finding_label, finding_sentence, outside
from tests.support.diaries import day, find, trigger_diary
from visits.wording import trigger_for_clinician


def spell_diary(seed: int) -> list:
    """Half a year of weather in spells (the maximum filled in every day); heat raises
    spasms by 60% on the hot day and again the day after."""
    return trigger_diary(seed, heat=1.6, heat_next_day=1.6, persistent_weather=True)


@pytest.fixture(scope="module")
def ten_spell_diaries() -> list[list[Result]]:
    return [analyse(spell_diary(seed)) for seed in range(10)]


def test_heat_in_spells_stands_out_as_one_result_over_the_spell(ten_spell_diaries):
    found = 0
    for results in ten_spell_diaries:
        heat = [r for r in results if r.trigger == "heat" and r.outcome == "spasm_count"]
        found += (
            len(heat) == 1
            and heat[0].lag_days == JOINT_LAG
            and heat[0].stands_out
            and heat[0].ci_low > 0
        )
    # Judged day by day, 7 of these 10 found it on the hot day itself (8 on either day).
    assert found >= 9


def test_a_spell_is_one_comparison_in_place_of_two(ten_spell_diaries):
    results = ten_spell_diaries[0]
    heat = [r for r in results if r.trigger in ("heat", "max_temp_c")]
    assert sorted((r.trigger, r.outcome) for r in heat) == sorted(
        (t, o)
        for t in ("heat", "max_temp_c")
        for o in ("spasm_count", "spasm_severity_max", "pain_max")
    )
    assert {r.lag_days for r in heat} == {JOINT_LAG}
    assert all(r.q_value is not None for r in heat)
    # Triggers drawn day by day keep a result for the same day and one for the next.
    assert {r.lag_days for r in results if r.trigger == "poor_sleep"} == {0, 1}


def test_a_spell_is_told_in_plain_words(ten_spell_diaries):
    heat = find(ten_spell_diaries[0], "heat", "spasm_count", JOINT_LAG)
    sentence = describe(heat)
    assert sentence.startswith("In hot spells (the day itself or the day after) you logged ")
    assert f"{heat.n_with} days in or after hot spells vs {heat.n_without} others." in sentence
    assert sentence.endswith(
        "Hot days come in runs, so the day itself and the day after are judged together."
    )
    temperature = find(ten_spell_diaries[0], "max_temp_c", "spasm_count", JOINT_LAG)
    assert " the same day or the next, once your other triggers are allowed for" in describe(
        temperature
    )


def spell_result() -> Result:
    """A hot-spell result that stands out, as the analysis gives it."""
    return Result(
        "heat",
        "spasm_count",
        JOINT_LAG,
        "binary",
        n_with=58,
        n_without=121,
        effect=2.9,
        ci_low=2.3,
        ci_high=3.6,
        p_value=0.001,
        q_value=0.01,
        enough_data=True,
        stands_out=True,
        rate_ratio=2.5,
    )


def test_a_spell_finding_reads_the_same_on_the_page_and_for_the_neurologist():
    assert finding_sentence(spell_result()) == (
        "In hot spells (the day itself or the day after) you had about 3 more spasms, "
        "likely between 2 and 4 more — based on 58 days in or after hot spells."
    )
    assert finding_label(spell_result()) == "Heat, same or next day · spasms"
    assert trigger_for_clinician(spell_result()) == (
        "In hot spells (the day itself or the day after), 2.9 more spasms were logged than "
        "on other days (95% range 2.3 to 3.6; rate ratio 2.5), allowing for the other "
        "triggers: 58 days in or after hot spells vs 121 others."
    )


def test_a_trigger_every_other_day_cannot_tell_the_same_day_from_the_next():
    diary = [
        day(i, {"spasm_count": i % 3}, overheated=i % 5 == 0, tags={"gym": i % 2 == 0})
        for i in range(60)
    ]
    gym = find(analyse(diary), "tag:gym", "spasm_count", 0)
    assert gym.reason == "cannot_separate" and gym.effect is None
    assert describe(gym) == (
        "“gym” days come every other day, so the journal cannot yet tell the same day from "
        "the next."
    )


def test_a_spell_of_heat_from_the_weather_says_it_was_outside():
    sentence = finding_sentence(spell_result())
    assert outside(sentence, spell_result(), "27 °C") == (
        "In hot spells (27 °C or more outside: the day itself or the day after) you had "
        "about 3 more spasms, likely between 2 and 4 more — based on 58 days in or after "
        "hot spells."
    )
