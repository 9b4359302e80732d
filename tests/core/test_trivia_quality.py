"""Questions worth asking: each rule of bot.trivia.quality rejects a planted bad question, and nothing in
the shipped bank breaks one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bot.catalog import Catalog, Ref, load_catalog
from bot.trivia.bank import QuestionBank
from bot.trivia.generator import generate
from bot.trivia.quality import (
    Context,
    check,
    flaws,
    nationality_in,
    numbered_versions_give_away,
    year_sums_away,
)
from bot.trivia.questions import TRUE_FALSE, TriviaQuestion

FIXTURE_DATA = Path(__file__).parent.parent / "fixtures" / "catalog"
GOOD_WHY = "Kihachiro Onitsuka's Kobe company took its name from a Latin motto after a merger."


def question(prompt: str, answer: str, choices: tuple[str, ...] = (), **options: object) -> TriviaQuestion:
    values: dict[str, object] = {
        "id": "test:q",
        "prompt": prompt,
        "answer": answer,
        "choices": choices or (answer, "Other one", "Other two", "Other three"),
        "category": "tech",
        "difficulty": "medium",
        "explanation": GOOD_WHY,
        "sources": ("s",),
    }
    values.update(options)
    return TriviaQuestion(**values)  # type: ignore[arg-type]


def rules(q: TriviaQuestion, context: Context | None = None) -> set[str]:
    return {flaw.rule for flaw in flaws(q, context or Context())}


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog()


# -- answer in the prompt or the subject's name -------------------------------------------------------


def test_the_answer_in_the_prompt_is_rejected() -> None:
    korika = question(
        "Which technology does the ASICS GEL-KORIKA use?", "GEL", ("GEL", "Hexalite", "ENCAP", "Meta-Rocker")
    )
    assert "answer-in-prompt" in rules(korika)


def test_a_word_every_choice_shares_is_not_distinctive() -> None:
    shared = question(
        "Which Nike Air shoe first showed its Air unit through the midsole?",
        "Air Max 1",
        ("Air Max 1", "Air Force 1", "Air Huarache", "Air Trainer 1"),
    )
    assert "answer-in-prompt" not in rules(shared)


def test_the_answer_inside_the_subject_name_is_rejected() -> None:
    pump = question("Which technology does this Reebok use?", "Pump", ("Pump", "Torsion", "Zoom Air", "Disc"))
    assert "answer-in-name" in rules(pump, Context(subject_names=("Instapump Fury",)))
    kayano = question(
        "The line is named after whom?",
        "Toshikazu Kayano",
        ("Toshikazu Kayano", "Hidenori Yamashita", "Shigeyuki Mitsui", "Ditte Reffstrup"),
    )
    assert "answer-in-name" in rules(kayano, Context(subject_names=("GEL-KAYANO",)))
    assert rules(kayano, Context(subject_names=("GT-2160",))) == set()


def test_a_brand_given_away_by_its_own_mark_is_rejected() -> None:
    lyte = question("Which brand makes the GEL-LYTE III?", "ASICS", ("ASICS", "Reebok", "Mizuno", "Hoka"))
    assert "answer-in-name" in rules(lyte, Context(answer_marks=("GEL",)))


def test_the_catalog_supplies_marks_and_names(shipped: Catalog) -> None:
    fixture = load_catalog(FIXTURE_DATA)
    k14 = Ref("silhouette", "asics-gel-kayano-14")
    brand_of = question(
        "Which brand makes the GEL-KAYANO 14?",
        "ASICS",
        ("ASICS", "Nike", "JJJJound", "A-COLD-WALL*"),
        about=(k14, Ref("brand", "asics")),
        answer_ref=Ref("brand", "asics"),
    )
    assert {flaw.rule for flaw in check(fixture, brand_of)} == {"answer-in-name"}
    named = question(
        "The GEL-KAYANO line is named after whom?",
        "Toshikazu Kayano",
        ("Toshikazu Kayano", "Hidenori Yamashita", "Kiko Kostadinov", "Samuel Ross"),
        about=(Ref("line", "asics-gel-kayano"),),
        answer_ref=Ref("person", "toshikazu-kayano"),
        category="designers",
    )
    assert "answer-in-prompt" in {flaw.rule for flaw in check(fixture, named)}


# -- arithmetic ----------------------------------------------------------------------------------


def test_a_year_that_is_a_sum_is_rejected() -> None:
    kayano_30 = question(
        "In what year did the GEL-KAYANO 30 first come out?", "2023", ("2023", "2018", "2020", "2021"), year=2023
    )
    assert "arithmetic" in rules(kayano_30, Context(known_years=frozenset({1993})))
    assert "arithmetic" not in rules(kayano_30, Context(known_years=frozenset({1977})))
    am90 = question("In what year did the Nike Air Max 90 first come out?", "1990", ("1990", "1987", "1991", "1993"))
    assert "arithmetic" in rules(am90)
    anniversary = question(
        "The 1994 Instapump Fury's 25th-anniversary reissue came out in which year?",
        "2019",
        ("2019", "2017", "2018", "2020"),
    )
    assert "arithmetic" in rules(anniversary)
    assert year_sums_away(2008, ["GEL-KAYANO 14"], {1993}) is None


def test_which_came_first_between_numbered_versions_of_a_line_is_rejected() -> None:
    line = "asics-gel-kayano"
    assert numbered_versions_give_away(("GEL-KAYANO 14", line), ("GEL-KAYANO 30", line))
    assert numbered_versions_give_away(("Air Max 1", None), ("Air Max 97", None))  # the same words around the number
    assert not numbered_versions_give_away(("GEL-KAYANO 30", line), ("GEL-KAYANO 14", line))  # against the numbers
    assert not numbered_versions_give_away(("GT-2160", "asics-gt-2000"), ("GEL-KAYANO 5", line))
    assert not numbered_versions_give_away(("991", "nb-99x"), ("990v4", "nb-99x"))  # 990v4 is the later revision
    q = question(
        "Which came first: the ASICS GEL-KAYANO 14 or the ASICS GEL-KAYANO 30?",
        "ASICS GEL-KAYANO 14",
        ("ASICS GEL-KAYANO 14", "ASICS GEL-KAYANO 30"),
    )
    context = Context(versions=(("GEL-KAYANO 14", line), ("GEL-KAYANO 30", line)))
    assert rules(q, context) == {"arithmetic"}  # naming both choices in the prompt is not itself a giveaway


# -- explanations and categories ---------------------------------------------------------------------


def test_an_explanation_that_only_restates_is_rejected() -> None:
    reebok = question(
        "In what year was Reebok founded?",
        "1958",
        ("1958", "1949", "1895", "1965"),
        explanation="Reebok was founded in 1958.",
    )
    assert rules(reebok) == {"restates"}
    better = question(
        "In what year was Reebok founded?",
        "1958",
        ("1958", "1949", "1895", "1965"),
        explanation="Reebok was founded in 1958 by Joe and Jeff Foster, grandsons of J.W. Foster.",
    )
    assert rules(better) == set()


def test_an_athlete_is_not_filed_under_designers() -> None:
    jornet = question(
        "Which ultra runner was among the athletes the XT-6 was built for?",
        "Kilian Jornet",
        ("Kilian Jornet", "Jim Walmsley", "Karl Meltzer", "Scott Jurek"),
        category="designers",
    )
    assert rules(jornet, Context(answer_roles=("athlete",))) == {"category"}
    assert rules(jornet, Context(answer_roles=("designer", "athlete"))) == set()


def test_true_false_statements_are_not_read_as_giving_their_answer() -> None:
    statement = question("True or false: GEL came before ENCAP.", "True", TRUE_FALSE)
    assert rules(statement) == set()


def test_nationality_words_are_found() -> None:
    assert nationality_in("Which Spanish ultra runner was among the athletes?") == "spanish"
    assert nationality_in("Which ultra runner was among the athletes?") is None


# -- the shipped bank -----------------------------------------------------------------------------------


def test_nothing_in_the_shipped_bank_breaks_a_rule(shipped: Catalog) -> None:
    bank = QuestionBank(shipped)
    broken = {q.id: [str(f) for f in check(shipped, q)] for q in bank}
    assert {qid: found for qid, found in broken.items() if found} == {}
    assert len(bank) > 0


def test_the_played_giveaways_are_gone(shipped: Catalog) -> None:
    ids = {q.id for q in QuestionBank(shipped)}
    for played in (
        "gen:technology:asics-gel-korika",
        "gen:technology:asics-gel-kayano-trainer",
        "gen:technology:reebok-instapump-fury",
        "gen:brand-of:asics-gel-lyte-iii",
        "gen:came-first:asics-gel-kayano-14:asics-gel-kayano-30",
        "gen:debut-year:asics-gel-kayano-30",
        "gen:named-after:asics-gel-kayano",
        "hand:q-kayano-30-year",
        "hand:q-kayano-named-after",
    ):
        assert played not in ids, played


def test_generated_designer_questions_name_designers(shipped: Catalog) -> None:
    for q in generate(shipped):
        if q.category == "designers" and q.answer_ref is not None and q.answer_ref.kind == "person":
            assert "designer" in shipped.people[q.answer_ref.id].roles, q.id


def test_every_generated_explanation_adds_a_fact(shipped: Catalog) -> None:
    made = generate(shipped)
    assert made
    kinds = Counter(q.template for q in made)
    for q in made:
        assert not [f for f in check(shipped, q) if f.rule == "restates"], q.id
        assert len(q.explanation) > len(q.prompt) / 2, q.id
    assert kinds["truefalse"] > 0
