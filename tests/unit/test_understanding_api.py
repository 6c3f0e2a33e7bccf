"""Contract B's surface: result types, plain questions, numbers and periods."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.understanding import Clarify, NoAnswer, Understood, looks_like_question, read_answer
from tests.today import TODAY

MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


@pytest.mark.parametrize(
    "text",
    [
        "where do I get 35 hours?",
        "do I need a degree?",
        "what is GAC?",
        "what's the difference between capm and pmp?",
        "how long does the pmp take",
        "can i use my agile training hours?",
        "bachelors, is that enough?",
        "is a bootcamp enough for the 35 hours",
        "Should I get the CAPM first?",
    ],
)
def test_plain_questions_are_questions(text: str) -> None:
    assert looks_like_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "bachelor's in economics",
        "yes",
        "35 hours i think",
        "I think so?",
        "35 hours?",
        "no idea",
        "since march 2021",
        "csm and psm",
        "how about 35 hours",
        "",
    ],
)
def test_answers_are_not_questions(text: str) -> None:
    assert not looks_like_question(text)


def test_results_are_frozen_and_typed() -> None:
    result = read_answer("hours", "35 hours", TODAY)
    assert result == Understood(35.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.value = 1  # type: ignore[misc]
    with pytest.raises(ValueError):
        Clarify("because", "?")
    with pytest.raises(ValueError):
        read_answer("shoe_size", "42", TODAY)


@pytest.mark.parametrize("kind", ["education", "flag", "certifications", "months", "hours"])
def test_empty_or_unrelated_text_is_no_answer(kind: str) -> None:
    assert read_answer(kind, "   ", TODAY) == NoAnswer()
    assert isinstance(read_answer(kind, "the weather is nice today", TODAY), NoAnswer)


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("a hundred and twenty hours", 120.0),  # word2number reads 2000, a hand rule 121
        ("one hundred hours", 100.0),
        ("one and a half hours", 1.5),
        ("two and a half hours", 2.5),
        ("2.5 hours", 2.5),
        ("twenty-four hours", 24.0),
        ("a dozen hours", 12.0),
        ("two hundred and fifty hours", 250.0),
        ("one thousand two hundred hours", 1200.0),
    ],
)
def test_number_words(text: str, hours: float) -> None:
    assert read_answer("hours", text, TODAY) == Understood(hours)


def test_a_date_is_never_hours() -> None:
    for text in ("since March 2021", "in 2019", "2021"):
        assert isinstance(read_answer("hours", text, TODAY), NoAnswer)


def test_a_bare_year_asks_about_dates() -> None:
    result = read_answer("months", "2010", TODAY)
    assert isinstance(result, Clarify) and result.reason == "ambiguous"
    assert "2010" in result.question and "months" not in result.question.split("2010")[0]


def test_hedged_gac_counts_as_no_and_says_so() -> None:
    result = read_answer("flag", "not sure", TODAY)
    assert result == Understood(False, "you weren't sure, so I counted it as no")


def _month(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@given(
    start=st.integers(min_value=1990 * 12, max_value=2026 * 12 + 9),
    length=st.integers(min_value=0, max_value=120),
    style=st.sampled_from(["{a} to {b}", "from {a} until {b}", "between {a} and {b}", "{a} - {b}"]),
)
def test_dated_periods_read_back(start: int, length: int, style: str) -> None:
    end = min(start + length, 2026 * 12 + 9)  # before this month: a closed period

    def spoken(index: int) -> str:
        return f"{MONTHS[index % 12]} {index // 12}"

    result = read_answer("months", style.format(a=spoken(start), b=spoken(end)), TODAY)
    assert result == Understood([{"from": _month(start), "to": _month(end)}])


@given(start=st.integers(min_value=1990 * 12, max_value=2026 * 12 + 10))
def test_since_reads_as_ongoing(start: int) -> None:
    text = f"since {MONTHS[start % 12]} {start // 12}"
    assert read_answer("months", text, TODAY) == Understood([{"from": _month(start)}])


@given(
    kind=st.sampled_from(["education", "flag", "certifications", "months", "hours"]),
    text=st.text(max_size=300),
)
def test_any_text_gives_a_result_never_an_error(kind: str, text: str) -> None:
    result = read_answer(kind, text, TODAY)
    assert isinstance(result, (Understood, Clarify, NoAnswer))
    if isinstance(result, Clarify):
        assert result.question.strip()


@given(
    words=st.lists(
        st.sampled_from(
            [
                "no",
                "not",
                "2019",
                "to",
                "since",
                "hours",
                "years",
                "a",
                "hundred",
                "and",
                "half",
                "pmp",
                "ms",
                "safe",
                "ba",
                "-",
                ",",
                "bachelors",
                "lapsed",
                "studying",
                "for",
                "none",
                "?",
                "jan",
                "35",
            ]
        ),
        max_size=12,
    ),
    kind=st.sampled_from(["education", "flag", "certifications", "months", "hours"]),
)
def test_answer_words_in_any_order_give_valid_values(words: list, kind: str) -> None:
    result = read_answer(kind, " ".join(words), TODAY)
    if isinstance(result, Understood) and kind == "hours":
        assert 0 <= result.value <= 10_000
    if isinstance(result, Understood) and kind == "months" and isinstance(result.value, int):
        assert 0 <= result.value <= 600
    if isinstance(result, Understood) and kind == "months" and isinstance(result.value, list):
        for period in result.value:
            assert period["from"] <= period.get("to", "9999-99") and period["from"] <= "2026-11"


@pytest.mark.parametrize(
    "text", ["i had the capm before", "I had the CAPM in the past", "previously held the PMP"]
)
def test_a_credential_held_in_the_past_is_not_counted(text: str) -> None:
    """Issue 18 (conversation set A, a011): "i had the capm before" was counted as held."""
    result = read_answer("certifications", text, TODAY)
    assert isinstance(result, Understood) and result.value == ()
    assert result.note and "doesn't count for eligibility" in result.note


def test_a_credential_got_before_something_else_is_still_held() -> None:
    assert read_answer("certifications", "i got my capm before this job", TODAY) == Understood(("CAPM",))


@pytest.mark.parametrize(
    ("kind", "text", "value"),
    [
        ("hours", "18 hours, oh sorry, 28 hours, i forgot the second course", 28),
        ("months", "5 years, sorry i meant 3 years not 5", 36),
        ("months", "3 years, 36 months", 36),
        ("months", "sorry typo, it's 6 years not 4", 72),
        ("hours", "sorry, i meant 15 hours not 25, the other ten was a webinar i never finished", 15),
        ("months", "5 years but it ended in 2020", [{"from": "2016-01", "to": "2020-12"}]),
    ],
)
def test_answers_read_as_the_person_meant_them(kind: str, text: str, value: object) -> None:
    """Issue 18 (conversation set C): a correction inside the answer, the same amount twice, an end."""
    result = read_answer(kind, text, TODAY)
    assert isinstance(result, Understood) and result.value == value


@pytest.mark.parametrize(
    "text",
    ["40 hours of self study", "i did 40 hours of self study from the pmbok", "about 20 hours reading books"],
)
def test_hours_of_study_on_ones_own_are_not_taken_as_contact_hours(text: str) -> None:
    """Issue 18 (set E, e056): "40 hours of self study" was counted as 40 contact hours."""
    result = read_answer("hours", text, TODAY)
    assert isinstance(result, Clarify) and "doesn't count" in result.question


def test_a_course_named_beside_reading_still_counts_its_hours() -> None:
    assert read_answer("hours", "35 hours, udemy course plus reading", TODAY) == Understood(35.0)


def test_the_hours_done_of_an_unfinished_course_are_the_ones_counted() -> None:
    """Issue 18 (set E, e019): "the 35h course im doing isnt finished yet, im at about 20 hours"."""
    text = "btw the 35h course im doing isnt finished yet, im at about 20 hours"
    assert read_answer("hours", text, TODAY) == Understood(20.0)


@pytest.mark.parametrize("text", ["senior in high school, graduating in june", "still in high school"])
def test_a_school_not_yet_finished_is_no_secondary_diploma(text: str) -> None:
    """Issue 18 (set E, e059): "senior in high school, graduating in june" was a diploma held."""
    assert read_answer("education", text, TODAY) == Understood("none")


@pytest.mark.parametrize("text", ["i have capm (from 2019)", "pmp 2018"])
def test_a_credential_dated_a_renewal_cycle_ago_asks_whether_it_is_still_active(text: str) -> None:
    """Issue 18 (set E, e009): "capm (from 2019)" waived the PMP's 35 hours unasked."""
    result = read_answer("certifications", text, TODAY)
    assert isinstance(result, Clarify) and "still active" in result.question


@pytest.mark.parametrize("text", ["capm from 2019, renewed", "PMP since 2018", "PMP 2018, active"])
def test_a_dated_credential_said_to_be_current_is_held(text: str) -> None:
    result = read_answer("certifications", text, TODAY)
    assert isinstance(result, Understood) and len(result.value) == 1


@pytest.mark.parametrize(
    "text",
    [
        "i got capm in 2019 but it expired in 2022",
        "i got capm in 2019, but it expired",
        "capm 2019, none active now",
    ],
)
def test_a_lapse_said_after_getting_the_credential_wins(text: str) -> None:
    result = read_answer("certifications", text, TODAY)
    assert isinstance(result, Understood) and result.value == ()


@pytest.mark.parametrize(("text", "hours"), [("done 15 of the 23 hours", 15.0), ("20 of 35 done", 20.0)])
def test_the_hours_done_out_of_a_course_are_counted(text: str, hours: float) -> None:
    """Issue 18 (set E, e050): "done 15 of the 23 hours" asked for a total again and again."""
    assert read_answer("hours", text, TODAY) == Understood(hours)


def test_a_correction_after_but_it_was_is_the_answer() -> None:
    """Issue 18 (set E, e060): "sorry, i said 18 but it was 28 hours"."""
    text = "sorry, i said 18 but it was 28 hours, i forgot the second module"
    assert read_answer("hours", text, TODAY) == Understood(28.0)


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        (
            "April 2019 to March 2021, then January 2023 until now",
            [("2019-04", "2021-03"), ("2023-01", None)],
        ),
        (
            "Jan 2023 to Dec 2024 and Jul 2023 to Jun 2025; nothing after June 2025",
            [("2023-01", "2024-12"), ("2023-07", "2025-06")],
        ),
        (
            "PM spring 2019 to spring 2021, then again since early 2023",
            [("2019-04", "2021-04"), ("2023-03", None)],
        ),
    ],
)
def test_periods_ending_now_or_in_a_season_and_a_date_nothing_followed(text: str, periods: list) -> None:
    """Issue 18 (set F, f017 and f045): "until now" and "spring 2019" were dropped, and "nothing
    after June 2025" started a period."""
    result = read_answer("months", text, TODAY)
    assert isinstance(result, Understood)
    assert [(p["from"], p.get("to")) for p in result.value] == periods


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("I've got two agile courses done, 16 hours each", 32.0),
        ("i did two risk courses: 24 hours and 20 hours", 44.0),
        ("one was 18 hours, the other 20 hours, both instructor-led and done", 38.0),
        ("i took two online classes, a 10 hour one and a 14 hour one, both finished", 24.0),
    ],
)
def test_the_hours_of_several_courses_add_up(text: str, hours: float) -> None:
    """Issue 18 (set F, f039, f053, f072, f088): several courses asked for a total or kept one."""
    result = read_answer("hours", text, TODAY)
    assert isinstance(result, Understood) and result.value == hours


def test_videos_with_no_formal_course_are_not_contact_hours() -> None:
    """Issue 18 (set F, f042): "40 hours of YouTube videos, no formal course" counted 40 hours."""
    result = read_answer("hours", "around 40 hours of YouTube videos, no formal course", TODAY)
    assert isinstance(result, Clarify) and "doesn't count" in result.question


def test_a_school_finished_in_the_future_is_no_diploma_yet() -> None:
    """Issue 18 (set F, f050): "I graduate high school in June" was a diploma held."""
    result = read_answer("education", "I'm 17 and I graduate high school in June", TODAY)
    assert isinstance(result, Understood) and result.value == "none"


@pytest.mark.parametrize(
    ("text", "start"), [("current job since mid 2024", "2024-07"), ("from late 2019 to 2021", "2019-11")]
)
def test_a_start_in_part_of_a_year_begins_no_earlier_than_said(text: str, start: str) -> None:
    """Issue 18 (set G, g012, read end to end): "since mid 2024" counted from January 2024."""
    result = read_answer("months", text, TODAY)
    assert isinstance(result, Understood) and result.value[0]["from"] == start


def test_being_is_no_typo_of_a_degree() -> None:
    """Issue 18 (set H, h045): "went back to being a developer" read "being" as a BEng, and a
    high-school applicant got a wrong PMP "eligible" on the four-year-degree path."""
    text = "I was a PM until early 2022, then I went back to being a developer. I have high school diploma"
    result = read_answer("education", text, TODAY)
    assert isinstance(result, Understood) and result.value == "secondary"


def test_a_plan_in_one_sentence_is_not_the_degree_of_the_next() -> None:
    """Set H, h095: "I want to sit for PMI-SP. Master's, 30 months scheduling." took the master's
    for a plan ("Good luck with the master's!")."""
    result = read_answer("education", "I want to sit for PMI-SP. Master's, 30 months scheduling.", TODAY)
    assert isinstance(result, Understood) and result.value == "master"


def test_a_short_degree_name_opening_a_sentence_counts() -> None:
    """Set H, h057: "... roughly 15 hours so far. BA in history." gave no education."""
    result = read_answer("education", "roughly 15 hours so far. BA in history. Can I take the CAPM?", TODAY)
    assert isinstance(result, Understood) and result.value == "bachelor"


@pytest.mark.parametrize(
    "text, hours",
    [
        ("10 hours class, 50 hours self study", 10.0),
        ("I did 50 hours of Primavera tutorials at home plus a 10 hour class", 10.0),
        ("sorry, correction: it's 20 hours of class. I added the 5 hours I practiced exams by myself", 20.0),
    ],
)
def test_only_the_hours_of_instruction_count_beside_self_study(text: str, hours: float) -> None:
    """Set H, h095 (a wrong PMI-SP "eligible" from 60 hours) and h059."""
    result = read_answer("hours", text, TODAY)
    assert isinstance(result, Understood) and result.value == hours


def test_self_study_in_another_clause_than_the_hours_is_asked_about() -> None:
    """Set H, h050: "read the PMBOK guide twice and watched tons of youtube videos, prob 50 hours"
    counted 50 contact hours, a wrong CAPM "eligible"."""
    text = "i've read the PMBOK guide twice and watched tons of youtube videos, prob 50 hours"
    result = read_answer("hours", text, TODAY)
    assert isinstance(result, Clarify) and "doesn't count" in result.question


def test_what_comes_before_not_in_a_correction_is_the_value() -> None:
    """Set H, h026: "sorry, I meant 3 years not 5. 5 years is my total work, 3 years as PM"."""
    result = read_answer(
        "months", "sorry, I meant 3 years not 5. 5 years is my total work, 3 years as PM", TODAY
    )
    assert isinstance(result, Understood) and result.value == 36
