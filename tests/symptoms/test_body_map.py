"""The body map's drawing: every region has its place, on the side the person means."""

import re
from pathlib import Path

from symptoms import body_map
from symptoms.body_map import SHAPES, SPOTS, WORD_ONLY, shade_step, shaded
from symptoms.choices import Region

CSS = (Path(__file__).resolve().parents[2] / "static" / "css" / "app.css").read_text()


def centre_x(region: str, view: str) -> float:
    xs = [
        c[i]
        for s in SHAPES
        if s.region == region and s.view == view
        for c in s.path
        for i in range(1, len(c), 2)
    ]
    return (min(xs) + max(xs)) / 2


def test_every_region_but_somewhere_else_has_one_spot_and_a_shape():
    drawn = [r for r in Region if r not in WORD_ONLY]
    assert sorted(spot.region for spot in SPOTS) == sorted(drawn)
    for spot in SPOTS:
        assert spot.shapes, f"{spot.region} has no shape on the {spot.view}"
    assert WORD_ONLY == [Region.OTHER]


def test_each_name_says_the_side_of_a_sided_region():
    for spot in SPOTS:
        side = spot.region.split("_")[0]
        if side in ("left", "right"):
            assert side.capitalize() in spot.label, spot.label


def test_the_persons_left_is_on_the_viewers_right_in_front_and_left_behind():
    for part in ("leg", "foot", "arm", "hand", "hip"):
        assert centre_x(f"left_{part}", "front") > body_map.FRONT_CENTRE
        assert centre_x(f"right_{part}", "front") < body_map.FRONT_CENTRE
        assert centre_x(f"left_{part}", "back") < body_map.BACK_CENTRE
        assert centre_x(f"right_{part}", "back") > body_map.BACK_CENTRE
    assert centre_x("left_face", "front") > body_map.FRONT_CENTRE
    assert "your left is on the right" in body_map.SIDE_WORDS["front"]


def test_spots_are_big_enough_do_not_overlap_and_cover_their_shapes():
    taken: dict[tuple[int, int], str] = {}
    for spot in SPOTS:
        assert spot.columns >= 2 and spot.rows >= 2, spot.region  # 2 cells: 44 px on a phone
        assert spot.column + spot.columns - 1 <= body_map.COLUMNS
        assert spot.row + spot.rows - 1 <= body_map.ROWS
        first, columns = body_map.VIEW_COLUMNS[spot.view]
        assert first <= spot.column and spot.column + spot.columns <= first + columns
        for col in range(spot.column, spot.column + spot.columns):
            for row in range(spot.row, spot.row + spot.rows):
                assert (col, row) not in taken, f"{spot.region} overlaps {taken[(col, row)]}"
                taken[(col, row)] = spot.region
        x, y = spot.mark
        left, top = (spot.column - 1) * body_map.CELL, (spot.row - 1) * body_map.CELL
        assert left <= x <= left + spot.columns * body_map.CELL
        assert top <= y <= top + spot.rows * body_map.CELL


def test_the_stylesheet_lays_out_the_same_grids_and_has_every_class_the_spots_use():
    for view in body_map.VIEWS:
        columns = body_map.VIEW_COLUMNS[view.name][1]
        assert f".body-map.{view.name} {{ grid-template-columns: repeat({columns}," in CSS
    assert f"grid-template-rows: repeat({body_map.ROWS}," in CSS
    assert sum(columns for _, columns in body_map.VIEW_COLUMNS.values()) == body_map.COLUMNS
    used = {c for spot in SPOTS for c in spot.grid_classes.split()}
    used |= {c for view in body_map.VIEWS for c in view.grid_classes.split()}
    defined = set(re.findall(r"\.body-map \.((?:c|r|cs|rs)\d+)\{", CSS))
    assert used <= defined, used - defined


def test_shading_grows_with_how_often_a_place_was_named():
    assert shade_step(0, 10) == 0
    assert shade_step(1, 10) == 1
    assert shade_step(10, 10) == 4
    body = shaded({"left_leg": 6, "neck": 2, "other": 1})
    fills = {item.shape.region: item.fill for item in body.shapes if item.shape.view == "back"}
    assert fills["left_leg"] == body_map.SHADES[4]
    assert fills["neck"] == body_map.SHADES[2]
    assert fills["right_leg"] == body_map.SHADES[0]
    assert [(r.label, r.count) for r in body.rows] == [
        ("Left leg", 6),
        ("Neck", 2),
        ("Somewhere else", 1),
    ]
    assert body.legend[0] == (body_map.SHADES[0], "not named")
    assert body.legend[-1] == (body_map.SHADES[4], "5–6 times")


def test_an_entry_naming_a_place_twice_counts_once():
    assert body_map.count_regions([["neck", "neck"], ["neck", "left_leg"]]) == {
        "neck": 2,
        "left_leg": 1,
    }
