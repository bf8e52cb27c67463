"""casestudies.importing.questions: the question bank and rubric blocks, and their errors."""

import pytest

from casestudies.importing import ImportProblem, ParsedDimension, parse_bank
from tests.casestudies.markdown import CONTENT

QUESTION = """\
## Question: cache-design
**Prompt:** Design a cache.
**Levels:** L6, L7
**Category:** Databases
**Kind:** architecture
**Case studies:** dynamodb, s3
**Hints:**
1. Think of eviction.
2. Think of invalidation.
**Follow-ups:**
- What about hot keys?
- What about cold starts?
**Checklist L6:**
- Picks an eviction policy
**Checklist L7:**
- Plans for a fleet
"""

DIMENSION = """\
## Dimension: depth
**Name:** Depth
**Levels:** L6
**Question kinds:** architecture, scaling
**Description:** How deep.
**Anchors L6:**
1. one
2. two
3. three
4. four
"""


def test_a_question_and_a_dimension():
    bank = parse_bank(f"{QUESTION}\n{DIMENSION}", "bank.md")
    (question,) = bank.questions
    assert (question.slug, question.prompt, question.levels, question.kind, question.line) == (
        "cache-design",
        "Design a cache.",
        ["L6", "L7"],
        "architecture",
        1,
    )
    assert question.case_studies == ["dynamodb", "s3"]
    assert question.hints == ["Think of eviction.", "Think of invalidation."]
    assert question.follow_ups == ["What about hot keys?", "What about cold starts?"]
    assert question.checklists == {"L6": ["Picks an eviction policy"], "L7": ["Plans for a fleet"]}
    assert bank.dimensions == [
        ParsedDimension(
            slug="depth",
            name="Depth",
            description="How deep.",
            levels=["L6"],
            anchors={"L6": ["one", "two", "three", "four"]},
            question_kinds=["architecture", "scaling"],
            line=QUESTION.count("\n") + 2,
        )
    ]


def test_the_shipped_bank_parses():
    for path in sorted((CONTENT / "questions").glob("*.md")):
        assert parse_bank(path.read_text(encoding="utf-8"), str(path)).questions, path.name
    rubric = CONTENT / "rubric.md"
    assert len(parse_bank(rubric.read_text(encoding="utf-8"), str(rubric)).dimensions) >= 4


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("## Question: Not_A_Slug\n", 1, "question needs a lowercase slug id, got 'Not_A_Slug'"),
        (QUESTION.replace("architecture", "poetry"), 5, "cache-design: kind must be one of"),
        (QUESTION.replace("L6, L7", "six"), 1, "cache-design: levels must look like 'L6, L7', got 'six'"),
        (QUESTION.replace("**Prompt:** Design a cache.\n", ""), 1, "cache-design: missing '**Prompt:**'"),
        (QUESTION + "**Hints:**\n", 17, "'Hints' given twice in cache-design"),
        (QUESTION + "stray words\n", 17, "unexpected line in cache-design: 'stray words'"),
        (QUESTION.replace("- Plans for a fleet\n", ""), 15, "cache-design: 'Checklist L7' needs 1+ items"),
        (QUESTION + "\n" + QUESTION, 18, "duplicate id 'cache-design' (first on line 1)"),
        (DIMENSION.replace("4. four\n", ""), 6, "depth: 'Anchors L6' needs 4+ items"),
        (DIMENSION + "5. five\n", 1, "depth: each level needs exactly four anchors"),
        (DIMENSION.replace("architecture,", "poetry,"), 4, "depth: unknown question kinds ['poetry']"),
        ("# Just notes\n", 1, "no '## Question:' or '## Dimension:' block found"),
    ],
)
def test_errors_name_the_file_and_line(text, line, message):
    with pytest.raises(ImportProblem) as info:
        parse_bank(text, "bank.md")
    assert (info.value.path, info.value.line) == ("bank.md", line)
    assert info.value.message.startswith(message)
    assert str(info.value).startswith(f"bank.md:{line}: {message}")


KIT = """\
## Question: kit
**Prompt:** Design a feed.
**Levels:** L6
**Category:** Databases
**Kind:** scaling
**Dimensions:** problem-solving, trade-offs
**Hints:**
1. [requirements] Who reads it?
2. [deep-dive] Where is the hot spot?
3. Anything goes.
**Follow-ups:**
- [wrap-up] What would you change next year?
- [estimates] How many writes a second?
**Curveball 1:** Traffic grows 10x in one region.
- L6: Reworks the numbers and shards the hot region.
- L7: Asks which teams share the region and plans capacity with them.
**Checklist L6:**
- Finds the hot spot
"""


def test_probes_carry_their_phase_and_questions_their_curveballs_and_dimensions():
    (question,) = parse_bank(KIT, "kit.md").questions
    assert question.hints == ["Who reads it?", "Where is the hot spot?", "Anything goes."]
    assert question.hint_phases == ["requirements", "deep_dive", ""]
    assert question.follow_up_phases == ["wrap_up", "estimates"]
    assert question.dimensions == ["problem-solving", "trade-offs"]
    assert question.curveballs == [
        {
            "text": "Traffic grows 10x in one region.",
            "answers": {
                "L6": "Reworks the numbers and shards the hot region.",
                "L7": "Asks which teams share the region and plans capacity with them.",
            },
        }
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            KIT.replace("[deep-dive]", "[lunch]"),
            7,
            "kit: unknown phase tag [lunch] on 'Where is the hot spot?'; use one of [requirements]",
        ),
        (KIT.replace("- L7: Asks", "- Asks"), 14, "kit: a curveball's answers start with a level"),
        (
            KIT.replace("- L7: Asks which teams share the region and plans capacity with them.\n", ""),
            14,
            "kit: 'Curveball 1' needs its change and one '- L6:' and one '- L7:' answer",
        ),
        (KIT.replace("**Curveball 1:**", "**Curveball 2:**"), 14, "kit: curveballs must be numbered 1, 2, 3"),
        (
            DIMENSION + "**Examples L6:**\n1. kit: one\n2. two\n3. kit: three\n4. kit: four\n",
            11,
            "depth: 'Examples L6' needs four items, each 'question-slug: what they said or drew'",
        ),
    ],
)
def test_kit_errors_name_the_file_and_line(text, line, message):
    with pytest.raises(ImportProblem) as info:
        parse_bank(text, "bank.md")
    assert (info.value.line, info.value.message[: len(message)]) == (line, message)


def test_calibration_examples_pair_each_anchor_with_a_question():
    text = DIMENSION + "**Examples L6:**\n1. kit: one\n2. kit: two\n3. cache-design: three\n4. kit: four\n"
    (dimension,) = parse_bank(text, "bank.md").dimensions
    assert dimension.examples == {
        "L6": [("kit", "one"), ("kit", "two"), ("cache-design", "three"), ("kit", "four")]
    }
