"""Tests for casestudies.parser: pure Python, no database, no Django settings."""

import pickle
from pathlib import Path

import pytest

from casestudies.parser import (
    CodeSample,
    Decision,
    Diagram,
    Fact,
    ParsedCaseStudy,
    ParseError,
    ScalingChallenge,
    Section,
    parse,
    slugify,
)

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "casestudies" / "content"
SOURCE = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "system-design-case-studies.md"


def one(markdown: str) -> ParsedCaseStudy:
    doc = parse(markdown)
    assert len(doc.case_studies) == 1, [c.title for c in doc.case_studies]
    return doc.case_studies[0]


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line containing needle."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


# ====================================================================================================
# The source document


@pytest.fixture(scope="module")
def source_text():
    if not SOURCE.exists():
        pytest.skip(f"source document {SOURCE} is not present")
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def source(source_text):
    return parse(source_text, str(SOURCE))


@pytest.fixture(scope="module")
def by_number(source):
    return {cs.number: cs for cs in source.case_studies}


SOURCE_TITLES = {
    1: "Amazon Prime Video Architecture Evolution",
    2: "Amazon DynamoDB - NoSQL at Scale",
    3: "AWS Lambda Cold Start Optimization",
    4: "Amazon S3 Consistency Model Evolution",
    5: "Amazon Search Platform Architecture",
    6: "Netflix Streaming Architecture - Global Content Delivery",
    7: "Uber's Real-time Dispatch System - Geospatial Optimization",
    8: "Spotify's Music Recommendation System",
    9: "Airbnb's Search Platform - ML-powered Discovery",
    10: "Slack's Real-time Messaging - WebSocket at Scale",
}


def test_source_has_ten_case_studies_in_order(source):
    assert [cs.number for cs in source.case_studies] == list(range(1, 11))


def test_source_titles(by_number):
    assert {n: cs.title for n, cs in by_number.items()} == SOURCE_TITLES


def test_source_groups(by_number):
    assert [by_number[n].group for n in range(1, 6)] == ["amazon"] * 5
    assert [by_number[n].group for n in range(6, 11)] == ["industry"] * 5


def test_source_heading_lines(source_text, by_number):
    for number, cs in by_number.items():
        assert cs.line == line_of(source_text, f"### Case Study {number}:")


def test_source_derived_metadata(by_number):
    # No **Slug:** lines in the source: slug, company and theme are derived from the title.
    slugs = [cs.slug for cs in by_number.values()]
    assert len(set(slugs)) == 10
    assert by_number[1].slug == "amazon-prime-video-architecture-evolution"
    assert by_number[10].slug == "slacks-real-time-messaging-websocket-at-scale"
    assert all(len(s) <= 60 for s in slugs)
    assert by_number[1].company == "Amazon"
    assert by_number[3].company == "Amazon"  # "AWS Lambda ..."
    assert by_number[6].company == "Netflix"
    assert by_number[7].company == "Uber"
    assert by_number[9].company == "Airbnb"
    assert by_number[2].theme == "NoSQL at Scale"
    assert by_number[7].theme == "Geospatial Optimization"
    assert by_number[4].theme == "Amazon S3 Consistency Model Evolution"
    assert all(cs.categories == [] for cs in by_number.values())


def test_source_prime_video_facts(by_number):
    facts = by_number[1].facts
    assert facts[0] == Fact("Scale", "200M+ subscribers, 175+ countries")
    assert [f.label for f in facts] == ["Scale", "Data", "Traffic"]
    assert facts[2].value == "5B+ hours streamed annually"
    assert by_number[1].summary == ""


def test_source_dynamodb_facts_and_summary(by_number):
    cs = by_number[2]
    facts = {f.label: f.value for f in cs.facts}
    assert facts["Availability"] == "99.999% SLA with multi-AZ deployment"
    assert facts["Latency"] == "Single-digit millisecond performance globally"  # trailing spaces dropped
    assert list(facts) == ["Scale", "Latency", "Availability", "Global Reach", "Business Impact"]
    assert cs.summary.startswith("Amazon DynamoDB powers some of the world's largest applications")
    assert cs.summary.endswith("during events like Prime Day.")
    assert "**" not in cs.summary and "Scale" not in cs.summary


def test_source_s3_durability(by_number):
    facts = {f.label: f.value for f in by_number[4].facts}
    assert facts["Durability"] == "99.999999999% (11 9's)"
    assert facts["Availability"] == "99.99% SLA"


def test_source_summaries_of_business_context_studies(by_number):
    for number in (2, 6, 7, 9, 10):
        assert by_number[number].summary, number
        assert len(by_number[number].facts) == 5
    for number in (1, 3, 4, 5, 8):
        assert by_number[number].summary == ""


def test_source_decision_counts(by_number):
    counts = {n: len(cs.decisions) for n, cs in by_number.items()}
    # 7: 3 "Key Design Challenges" + 2 "Key Design Decisions & Trade-offs";
    # 9: 2 "Key Innovation Areas" + 2 "Key Design Decisions & Trade-offs".
    assert counts == {1: 2, 2: 3, 3: 3, 4: 3, 5: 3, 6: 2, 7: 5, 8: 3, 9: 4, 10: 2}


def test_source_prime_video_decisions_from_code_blocks(by_number):
    first, second = by_number[1].decisions
    assert first.title == "Initial Microservices Architecture (2019)"
    assert (first.decision, first.benefits, first.trade_offs, first.result) == ("", "", "", "")
    assert first.details.startswith(
        "**Components:**\n- Video Ingestion Service\n- Quality Conversion Service\n"
    )
    assert "**Problems:**\n- High inter-service communication costs" in first.details
    assert second.title == "Migration to Monolith (2022-2023)"
    assert "90%" in second.benefits
    assert second.benefits.splitlines() == [
        "- 90% reduction in infrastructure costs",
        "- Simplified deployment and monitoring",
        "- Better performance (no network hops)",
        "- Easier debugging and testing",
    ]
    assert second.trade_offs.splitlines()[0] == "- Reduced team autonomy"
    assert len(second.trade_offs.splitlines()) == 3
    assert second.details == ""


def test_source_plain_bullet_decisions_go_to_details(by_number):
    hashing = by_number[2].decisions[0]
    assert hashing.title == "Consistent Hashing for Data Distribution"
    assert hashing.details == (
        "- Virtual nodes for better distribution\n"
        "- Automatic rebalancing on node addition/removal\n"
        "- Partition key design impacts"
    )
    assert hashing.decision == hashing.benefits == ""


def test_source_netflix_decisions(by_number):
    micro, cdn = by_number[6].decisions
    assert micro.decision == "700+ microservices architecture"
    assert micro.benefits == "Team autonomy, independent deployment, technology diversity"
    assert micro.trade_offs.startswith("Network overhead")
    assert micro.result.startswith("Enables rapid feature development")
    assert cdn.title == "Open Connect CDN Strategy"
    assert cdn.extra == [("Investment", "$1B+ infrastructure, partnerships with 1000+ ISPs")]
    assert "95%" in cdn.result
    assert cdn.trade_offs == ""


def test_source_decision_line_numbers(source_text, by_number):
    cdn = by_number[6].decisions[1]
    assert cdn.line == line_of(source_text, "2. **Open Connect CDN Strategy**")


def test_source_netflix_scaling_challenges(by_number):
    challenges = by_number[6].scaling_challenges
    assert [c.title for c in challenges] == [
        "Global Content Localization",
        "Network Variability Management",
        "Peak Traffic Handling",
    ]
    peak = challenges[2]
    assert "30x" in peak.challenge
    assert peak.solution == "Pre-positioning content at edge locations"
    assert peak.innovation.startswith("Machine learning predicts")
    assert peak.result == ""


def test_source_scaling_results(by_number):
    uber = by_number[7].scaling_challenges
    assert len(uber) == 3
    assert uber[0].result == "<50ms P99 for proximity queries"
    assert all(
        c.challenge and c.solution and c.innovation and c.result for c in by_number[10].scaling_challenges
    )


def test_source_dynamodb_scaling_challenges_are_unlabelled(by_number):
    hot, _global, cost = by_number[2].scaling_challenges
    assert hot.title == "Hot Partition Problem"
    assert hot.challenge == hot.solution == ""
    assert hot.details.startswith("- Adaptive capacity automatically redistributes load\n")
    assert "up to 60%" in cost.details


def test_source_lessons(by_number):
    assert by_number[1].lessons_general == [
        "Microservices aren't always the answer at scale",
        "Cost can drive architectural decisions",
        "Team structure should align with architecture",
        "Monitoring costs are often overlooked",
    ]
    dynamo = by_number[2]
    assert dynamo.lessons_general == []
    assert set(dynamo.lessons) == {"L6", "L7"}
    assert len(dynamo.lessons["L6"]) == 4
    assert len(dynamo.lessons["L7"]) == 4
    assert dynamo.lessons["L6"][0] == "Partition key design is critical - educate teams early"
    assert dynamo.lessons["L7"][2] == "Global infrastructure requires regional compliance awareness"


def test_source_application_and_tips(by_number):
    assert by_number[1].application["L6"][0] == "When to consolidate services for efficiency"
    assert len(by_number[1].application["L7"]) == 3
    assert by_number[1].tips == {}
    dynamo = by_number[2]
    assert dynamo.application == {}
    assert len(dynamo.tips["L6"]) == 4 and len(dynamo.tips["L7"]) == 4
    assert dynamo.tips["L7"][0] == "Discuss global database strategy across multiple services"


def test_source_s3_interview_focus_is_application(by_number):
    s3 = by_number[4]
    assert s3.application == {
        "L6": [
            "Consistency model trade-offs",
            "Distributed transaction design",
            "Cache invalidation strategies",
        ],
        "L7": [
            "Platform evolution strategies",
            "Backward compatibility maintenance",
            "Global consistency at scale",
        ],
    }


def test_source_code_samples(by_number):
    dynamo = by_number[2].code_samples
    assert [(c.language, c.section) for c in dynamo] == [("python", "Core Architecture")]
    assert dynamo[0].source.startswith(
        "# Simplified DynamoDB Architecture Components\nclass DynamoDBArchitecture:"
    )
    assert "        # 1. Hash key to determine partition" in dynamo[0].source
    assert [c.language for c in by_number[4].code_samples] == ["", "python"]
    assert by_number[4].code_samples[0].source.startswith("Timeline:\n2006: Eventual consistency only")
    assert [c.language for c in by_number[6].code_samples] == ["yaml", "python"]
    prime = by_number[1].code_samples
    assert [(c.language, c.section) for c in prime] == [("", "Key Design Decisions")] * 2
    # The fence was indented three spaces inside the list item: the code is dedented by that much.
    assert prime[0].source.splitlines()[0] == "Components:"
    assert prime[0].source.splitlines()[1] == "- Video Ingestion Service"


def test_source_code_comments_are_not_headings(by_number):
    titles = [s.title for s in by_number[2].sections]
    assert not any("Hash key" in t for t in titles)
    assert by_number[2].sections[-1].title == "For L7 Candidates"


def test_source_diagrams(by_number, source_text):
    (journey,) = by_number[1].diagrams
    assert journey.section == "Architectural Journey"
    assert journey.source.startswith("graph LR\n    A[2019: Microservices]")
    assert journey.line == line_of(source_text, "```mermaid")
    assert [len(by_number[n].diagrams) for n in range(1, 11)] == [1, 0, 0, 0, 0, 1, 1, 0, 1, 1]
    assert by_number[6].diagrams[0].section == "Technical Architecture with Key Design Decisions"
    assert all(c.language != "mermaid" for cs in by_number.values() for c in cs.code_samples)


def test_source_sections_in_order_including_wrappers(by_number):
    assert [s.title for s in by_number[2].sections] == [
        "System Overview & Business Context",
        "Core Architecture",
        "Key Design Patterns",
        "Scaling Challenges and Solutions",
        "Lessons for L6/L7 Managers",
        "L6 Leadership Lessons",
        "L7 Strategic Lessons",
        "Interview Application Tips",
        "For L6 Candidates",
        "For L7 Candidates",
    ]
    core = by_number[2].sections[1]
    assert core.body.startswith("```python\n# Simplified DynamoDB")
    assert core.body.endswith("```")
    assert by_number[2].sections[4].body == ""


def test_source_last_case_study_stops_before_framework(by_number):
    slack = by_number[10]
    assert slack.sections[-1].title == "For L7 Candidates"
    assert "Interview Application Framework" not in slack.sections[-1].body
    assert slack.tips["L7"][-1] == "Long-term evolution from messaging to collaboration platform"


def test_source_framework(source):
    fw = source.framework
    assert fw is not None
    assert len(fw.categories) == 5
    assert fw.categories[0] == ("E-Commerce", "Component optimization", "Platform strategy")
    assert fw.categories[-1] == ("ML/AI", "Pipeline design", "Platform capabilities")
    assert set(fw.guidance) == {"L6", "L7"}
    assert [g.title for g in fw.guidance["L6"]] == [
        "Component-Level Focus",
        "Problem-Solving Approach",
        "Team Leadership Angle",
    ]
    assert len(fw.guidance["L7"]) == 3
    assert fw.guidance["L7"][0].points == [
        "Abstract patterns from multiple case studies",
        "Design extensible platform capabilities",
        "Consider organizational impact",
    ]
    assert fw.questions["L6"] == [
        "How would you scale Discord's message delivery to 10x current load?",
        "Design a caching strategy for Amazon's search platform",
        "Optimize Uber's driver matching algorithm for rural areas",
    ]
    assert len(fw.questions["L7"]) == 3
    assert [t.title for t in fw.takeaways] == [
        "Always Consider Trade-offs",
        "Think About Evolution",
        "Connect to Business Value",
    ]
    assert fw.takeaways[0].points == [
        "Performance vs cost",
        "Consistency vs availability",
        "Complexity vs maintainability",
    ]


# ====================================================================================================
# The project's content files

CONTENT_SLUGS = [
    "prime-video",
    "dynamodb",
    "lambda",
    "s3",
    "amazon-search",
    "netflix",
    "uber",
    "spotify",
    "airbnb",
    "slack",
]
CONTENT_FILES = sorted(CONTENT.glob("[0-9][0-9]-*.md"))


def test_content_has_ten_case_study_files():
    assert len(CONTENT_FILES) == 10
    assert (CONTENT / "framework.md").exists()


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: p.name)
def test_content_file_parses_alone(path):
    doc = parse(path.read_text(encoding="utf-8"), str(path))
    assert doc.framework is None
    (cs,) = doc.case_studies
    number = int(path.name[:2])
    assert cs.number == number
    assert cs.slug == CONTENT_SLUGS[number - 1]
    assert cs.group == ("amazon" if number <= 5 else "industry")
    assert cs.categories
    assert cs.company and cs.theme
    assert cs.theme != cs.title  # explicit **Theme:**, not derived
    assert cs.facts
    assert cs.decisions
    assert cs.code_samples
    assert cs.sections[0].title.startswith("System Overview")
    has_application = set(cs.application) == {"L6", "L7"}
    has_tips = set(cs.tips) == {"L6", "L7"} and set(cs.lessons) == {"L6", "L7"}
    assert has_application or has_tips


def test_content_explicit_metadata():
    docs = {p.name[:2]: parse(p.read_text(encoding="utf-8"), str(p)).case_studies[0] for p in CONTENT_FILES}
    assert docs["01"].company == "Amazon Prime Video"
    assert docs["02"].company == "Amazon (AWS)"
    assert docs["05"].categories == ["E-Commerce", "ML/AI"]
    assert docs["10"].categories == ["Real-time Messaging"]
    assert docs["01"].theme.startswith("Why folding a distributed media pipeline")


def test_content_prime_video_decisions():
    path = CONTENT / "01-prime-video.md"
    cs = parse(path.read_text(encoding="utf-8"), str(path)).case_studies[0]
    assert "90%" in cs.decisions[1].benefits
    assert cs.decisions[1].benefits.count("\n- ") == 3
    assert cs.decisions[0].details.startswith("**Components:**\n- Service for video ingestion")
    assert len(cs.lessons_general) == 4
    assert [d.section for d in cs.diagrams] == ["Architectural Journey"]


def test_content_framework():
    path = CONTENT / "framework.md"
    doc = parse(path.read_text(encoding="utf-8"), str(path))
    assert doc.case_studies == []
    fw = doc.framework
    assert fw is not None
    assert len(fw.categories) == 7
    assert (
        "Geospatial",
        "Spatial indexing and matching",
        "Marketplace optimisation strategy",
    ) in fw.categories
    assert {k: len(v) for k, v in fw.guidance.items()} == {"L6": 3, "L7": 3}
    assert {k: len(v) for k, v in fw.questions.items()} == {"L6": 3, "L7": 3}
    assert all(not q.startswith('"') and not q.endswith('"') for qs in fw.questions.values() for q in qs)
    assert len(fw.takeaways) == 3


def test_content_concatenated():
    paths = [*CONTENT_FILES, CONTENT / "framework.md"]
    text = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    doc = parse(text, "content/*.md")
    assert [cs.slug for cs in doc.case_studies] == CONTENT_SLUGS
    assert [cs.number for cs in doc.case_studies] == list(range(1, 11))
    assert doc.framework is not None and len(doc.framework.categories) == 7
    # The last case study ends at the framework's "##" heading.
    assert doc.case_studies[-1].sections[-1].title == "For L7 Candidates"


def test_content_categories_are_in_the_framework():
    fw = parse((CONTENT / "framework.md").read_text(encoding="utf-8")).framework
    known = {name for name, _l6, _l7 in fw.categories}
    for path in CONTENT_FILES:
        cs = parse(path.read_text(encoding="utf-8")).case_studies[0]
        assert set(cs.categories) <= known, (path.name, cs.categories)


# ====================================================================================================
# Variations

MINIMAL = """\
### Case Study 1: Acme Widgets - Fast Widgets

**System Overview:**
- **Scale**: 1M widgets
"""


def test_only_an_overview():
    cs = one(MINIMAL)
    assert cs.number == 1
    assert cs.title == "Acme Widgets - Fast Widgets"
    assert cs.slug == "acme-widgets-fast-widgets"
    assert cs.company == "Acme"
    assert cs.theme == "Fast Widgets"
    assert cs.group == "industry"
    assert cs.facts == [Fact("Scale", "1M widgets")]
    assert cs.sections == [Section("System Overview", "- **Scale**: 1M widgets", 3)]
    assert cs.decisions == [] and cs.scaling_challenges == [] and cs.code_samples == [] and cs.diagrams == []
    assert cs.lessons_general == [] and cs.lessons == {} and cs.application == {} and cs.tips == {}
    assert cs.summary == ""


def test_overview_prose_becomes_summary_and_fact_variants():
    cs = one(
        "### Case Study 2: Foo\n\n"
        "**System Overview & Business Context:**\n"
        "Foo is a system.\nIt is big.\n\n"
        "- **Scale**: 10 things\n"
        "- **Latency:** 5ms\n"
        "- **Global Reach**: many\n  regions worldwide\n"
        "\nClosing remark.\n"
    )
    assert cs.summary == "Foo is a system. It is big.\n\nClosing remark."
    assert cs.facts == [
        Fact("Scale", "10 things"),
        Fact("Latency", "5ms"),
        Fact("Global Reach", "many regions worldwide"),
    ]


def test_metadata_lines():
    cs = one(
        "### Case Study 3: Something Long\n"
        "**Slug:** my-slug\n"
        "**Company:**   Example Corp  \n"
        "**Theme**: Doing things well\n"
        "**Categories:** Databases, ML/AI\n"
        "\n**System Overview:**\n- **Scale**: big\n"
    )
    assert (cs.slug, cs.company, cs.theme) == ("my-slug", "Example Corp", "Doing things well")
    assert cs.categories == ["Databases", "ML/AI"]
    assert cs.sections[0].title == "System Overview"


def test_categories_with_semicolons():
    cs = one("### Case Study 3: X\n\n**Categories:** A; B ;C\n\n**System Overview:**\n- **Scale**: big\n")
    assert cs.categories == ["A", "B", "C"]


def test_metadata_only_right_after_heading():
    cs = one("### Case Study 3: X\n\n**Notes:**\n**Slug:** later\n")
    assert cs.slug == "x"
    assert cs.sections[0].body == "**Slug:** later"


def test_interview_focus_and_application_variants():
    cs = one(
        "### Case Study 1: X\n\n"
        "**L6 Interview Focus:**\n- focus a\n- focus b\n\n"
        "**L7 Interview Application:**\n- app a\n\n"
        "**L8 Interview Application:**\n- staff+\n"
    )
    assert cs.application == {"L6": ["focus a", "focus b"], "L7": ["app a"], "L8": ["staff+"]}


def test_lessons_learned_numbered_or_bulleted():
    numbered = one("### Case Study 1: X\n\n**Lessons Learned:**\n1. one\n2. two\n")
    bulleted = one("### Case Study 1: X\n\n**Lessons Learned:**\n- one\n* two\n")
    assert numbered.lessons_general == bulleted.lessons_general == ["one", "two"]
    assert numbered.lessons == {}


def test_lessons_for_managers_wrapper():
    cs = one(
        "### Case Study 1: X\n\n"
        "**Lessons for L6/L7 Managers:**\n\n"
        "**L6 Leadership Lessons:**\n- lead a\n- lead b\n\n"
        "**L7 Strategic Lessons:**\n- strat a\n"
    )
    assert cs.lessons == {"L6": ["lead a", "lead b"], "L7": ["strat a"]}
    assert cs.lessons_general == []
    assert [s.title for s in cs.sections] == [
        "Lessons for L6/L7 Managers",
        "L6 Leadership Lessons",
        "L7 Strategic Lessons",
    ]


def test_candidate_tips():
    cs = one(
        "### Case Study 1: X\n\n**Interview Application Tips:**\n\n"
        "**For L6 Candidates:**\n- tip 6\n\n**For L7 Candidates:**\n- tip 7\n  continued here\n"
    )
    assert cs.tips == {"L6": ["tip 6"], "L7": ["tip 7 continued here"]}
    assert cs.application == {}


def test_label_variants_trailing_spaces_and_colon_outside_bold():
    cs = one(
        "### Case Study 1: X   \n"
        "**System Overview:**   \n"
        "- **Scale**: big   \n"
        "**Lessons Learned**:\n"
        "1. one\n"
        "**L6 Interview Application:**\t\n"
        "- app\n"
        "\n"
        "**Not a label**\n"
        "**Also not a label:** because text follows\n"
    )
    assert cs.title == "X"
    assert [s.title for s in cs.sections] == [
        "System Overview",
        "Lessons Learned",
        "L6 Interview Application",
    ]
    assert cs.facts == [Fact("Scale", "big")]
    assert cs.lessons_general == ["one"]
    assert cs.application == {"L6": ["app"]}
    assert cs.sections[-1].body == "- app\n\n**Not a label**\n**Also not a label:** because text follows"


def test_missing_and_extra_blank_lines():
    cs = one(
        "### Case Study 1: X\n**System Overview:**\n- **Scale**: big\n"
        "**Lessons Learned:**\n1. one\n\n\n\n2. two\n\n\n"
    )
    assert cs.facts == [Fact("Scale", "big")]
    assert cs.lessons_general == ["one", "two"]


CODE_BLOCKS = """\
## Industry Benchmark Case Studies

### Case Study 4: Code Heavy

**Core Architecture:**

```python
# Not a heading
## Not a group heading either
### Case Study 99: not a case study
class Thing:
    pass
```

**Config:**

```yaml
# comment in yaml
service:
  name: thing   # trailing comment
---
```

**Timeline:**

```
2006: start
# done
```

**Diagram:**

```mermaid
graph TD
    A --> B
```

**Lessons Learned:**
- still the same case study
"""


def test_hash_comment_lines_in_code_are_not_headings():
    doc = parse(CODE_BLOCKS)
    assert len(doc.case_studies) == 1
    cs = doc.case_studies[0]
    assert cs.title == "Code Heavy"
    assert [s.title for s in cs.sections] == [
        "Core Architecture",
        "Config",
        "Timeline",
        "Diagram",
        "Lessons Learned",
    ]
    assert cs.lessons_general == ["still the same case study"]


def test_code_sample_languages_sections_and_lines():
    cs = one(CODE_BLOCKS)
    assert [(c.language, c.section) for c in cs.code_samples] == [
        ("python", "Core Architecture"),
        ("yaml", "Config"),
        ("", "Timeline"),
    ]
    assert cs.code_samples[0].source == (
        "# Not a heading\n## Not a group heading either\n### Case Study 99: not a case study\n"
        "class Thing:\n    pass"
    )
    assert cs.code_samples[1].source.endswith("  name: thing   # trailing comment\n---")
    assert cs.code_samples[2].source == "2006: start\n# done"
    assert [c.line for c in cs.code_samples] == [
        line_of(CODE_BLOCKS, "```python"),
        line_of(CODE_BLOCKS, "```yaml"),
        line_of(CODE_BLOCKS, "**Timeline:**") + 2,
    ]
    assert cs.diagrams == [Diagram("graph TD\n    A --> B", "Diagram", line_of(CODE_BLOCKS, "```mermaid"))]
    assert cs.sections[0].body.startswith("```python\n# Not a heading")


def test_tilde_and_long_fences():
    cs = one(
        "### Case Study 1: X\n\n**Code:**\n\n"
        "~~~python\nprint('```')\n~~~\n\n"
        "````markdown\n```python\n# inner\n```\n````\n"
    )
    assert [(c.language, c.source) for c in cs.code_samples] == [
        ("python", "print('```')"),
        ("markdown", "```python\n# inner\n```"),
    ]


def test_indented_fence_in_list_item_is_dedented():
    cs = one(
        "### Case Study 1: X\n\n**Key Design Decisions:**\n\n"
        "1. **Cache**\n"
        "   ```python\n"
        "   def get(key):\n"
        "       return cache[key]\n"
        "   ```\n"
    )
    (sample,) = cs.code_samples
    assert sample.source == "def get(key):\n    return cache[key]"
    assert sample.section == "Key Design Decisions"
    (decision,) = cs.decisions
    assert decision.details == "```python\ndef get(key):\n    return cache[key]\n```"


DECISIONS = """\
### Case Study 5: Decisions

**Key Design Decisions & Trade-offs:**

1. **Use a Monolith**
   - **Decision**: Merge the services
   - **Benefits**: Cheaper
   - **Trade-offs**: Less autonomy
   - **Result**: 90% cost cut
2. **Two Benefits** - why this matters
   - **Benefits**: Fast
   - **Benefits:** Simple
   - **Investment**: $1B
   - Unlabelled point
   - Decision: unbolded label
   - **Risks**:
     - outage
     - lock-in
3. Plain Title
   - **Trade-offs**:
     - first
     - second
"""


def test_numbered_decisions_with_labelled_sub_bullets():
    cs = one(DECISIONS)
    first, second, third = cs.decisions
    assert first == Decision(
        title="Use a Monolith",
        decision="Merge the services",
        benefits="Cheaper",
        trade_offs="Less autonomy",
        result="90% cost cut",
        extra=[],
        details="",
        line=line_of(DECISIONS, "1. **Use a Monolith**"),
    )
    assert second.title == "Two Benefits"
    assert second.benefits == "- Fast\n- Simple"
    assert second.decision == "unbolded label"
    assert second.extra == [("Investment", "$1B"), ("Risks", "- outage\n- lock-in")]
    assert second.details == "why this matters\n\n- Unlabelled point"
    assert third.title == "Plain Title"
    assert third.trade_offs == "- first\n- second"


def test_decision_keywords_need_a_numbered_list():
    cs = one(
        "### Case Study 1: X\n\n**Key Architectural Patterns:**\n\n```yaml\na: 1\n```\n\n"
        "**Key Components:**\n1. **Index**\n   - sharded\n"
        "**Random Label:**\n1. **Not a decision**\n"
    )
    assert [d.title for d in cs.decisions] == ["Index"]
    assert cs.decisions[0].details == "- sharded"


def test_decision_from_fenced_headers():
    cs = one(
        "### Case Study 1: X\n\n**Key Design Decisions:**\n\n"
        "1. **Go Monolith**\n"
        "   ```\n"
        "   Decision: merge everything\n"
        "   Benefits:\n"
        "   - cheaper\n"
        "   Trade-offs:\n"
        "   - coupling\n"
        "   Components:\n"
        "   - A\n"
        "   - B\n"
        "   Result: done\n"
        "   ```\n"
    )
    (d,) = cs.decisions
    assert (d.decision, d.benefits, d.trade_offs, d.result) == (
        "merge everything",
        "cheaper",
        "coupling",
        "done",
    )
    assert d.details == "**Components:**\n- A\n- B"
    assert cs.code_samples[0].language == ""


def test_decision_with_bold_header_lines_inside_item():
    cs = one(
        "### Case Study 1: X\n\n**Key Design Decisions:**\n\n"
        "1. **Go Monolith**\n"
        "   **Benefits:**\n   - cheaper\n   - simpler\n"
        "   **Problems:**\n   - coupling\n"
    )
    (d,) = cs.decisions
    assert d.benefits == "- cheaper\n- simpler"
    assert d.details == "**Problems:**\n- coupling"
    assert [s.title for s in cs.sections] == ["Key Design Decisions"]


def test_scaling_challenges_bold_and_plain_labels():
    text = (
        "### Case Study 1: X\n\n**Scaling Challenges and Solutions:**\n\n"
        "1. **Hot Keys**\n"
        "   - Challenge: skew\n"
        "   - **Solution**: split keys\n"
        "   - **Innovation:** adaptive\n"
        "   - Result: even load\n"
        "   - Cost: small\n"
        "2. **Unlabelled**\n"
        "   - just a bullet\n"
        "   - another one\n"
    )
    cs = one(text)
    hot, unlabelled = cs.scaling_challenges
    assert hot == ScalingChallenge(
        title="Hot Keys",
        challenge="skew",
        solution="split keys",
        innovation="adaptive",
        result="even load",
        details="- Cost: small",
        line=line_of(text, "1. **Hot Keys**"),
    )
    assert unlabelled.details == "- just a bullet\n- another one"
    assert unlabelled.challenge == ""


def test_crlf_input_parses_like_lf():
    lf = parse(DECISIONS + "\n" + CODE_BLOCKS)
    crlf = parse((DECISIONS + "\n" + CODE_BLOCKS).replace("\n", "\r\n"))
    assert crlf == lf
    assert "\r" not in crlf.case_studies[1].code_samples[0].source


def test_crlf_source_document(source_text, source):
    assert parse(source_text.replace("\n", "\r\n"), str(SOURCE)) == source


def test_tabs_in_indentation():
    cs = one(
        "### Case Study 1: X\n\n**Key Design Decisions:**\n1. **A**\n\t- **Benefits**: tabbed\n\t- plain\n"
    )
    assert cs.decisions[0].benefits == "tabbed"
    assert cs.decisions[0].details == "- plain"


def test_tabs_in_code_are_kept():
    cs = one("### Case Study 1: X\n\n**Code:**\n```go\nfunc f() {\n\treturn\n}\n```\n")
    assert cs.code_samples[0].source == "func f() {\n\treturn\n}"


def test_case_study_boundaries():
    text = (
        "# Title of the document\n\n"
        "## Amazon Internal System Case Studies\n\n"
        "### Case Study 1: Amazon Thing\n**Lessons Learned:**\n- a\n\n---\n\n"
        "Stray text after the rule.\n\n"
        "### Untitled-number Study\n**Lessons Learned:**\n- b\n"
        "## Industry Benchmark Case Studies\n"
        "### Case Study 2: Other Thing\n**Lessons Learned:**\n- c\n"
        "## Something Else\n"
        "### Not a case study\n"
    )
    doc = parse(text)
    assert [(c.number, c.title, c.group) for c in doc.case_studies] == [
        (1, "Amazon Thing", "amazon"),
        (None, "Untitled-number Study", "amazon"),
        (2, "Other Thing", "industry"),
    ]
    assert doc.case_studies[0].lessons_general == ["a"]
    assert doc.case_studies[0].sections[-1].body == "- a"


def test_case_study_heading_levels_and_forms():
    doc = parse(
        "# Case Study 1: One\n**Lessons Learned:**\n- x\n"
        "## Case Study 2 - Two\n"
        "### Case Study: Three\n"
        "### 🚀 Case Study 4: Four\n"
    )
    assert [(c.number, c.title) for c in doc.case_studies] == [
        (1, "One"),
        (2, "Two"),
        (None, "Three"),
        (4, "Four"),
    ]


def test_sub_headings_inside_a_case_study_are_sections():
    cs = one("### Case Study 1: X\n\n#### Deep Dive\nsome text\n\n**Lessons Learned:**\n- a\n")
    assert [s.title for s in cs.sections] == ["Deep Dive", "Lessons Learned"]
    assert cs.sections[0].body == "some text"


def test_preamble_prose_goes_to_summary():
    cs = one("### Case Study 1: X\n\nAn introduction.\n\n**System Overview:**\nMore prose.\n")
    assert cs.summary == "An introduction.\n\nMore prose."


def test_level_codes_come_from_labels():
    cs = one(
        "### Case Study 1: X\n\n**L5 Leadership Lessons:**\n- five\n\n**For L8 Candidates:**\n- eight\n"
        "**Lessons for L6/L7 Managers:**\n- wrapper text is not a level list\n"
    )
    assert cs.lessons == {"L5": ["five"]}
    assert cs.tips == {"L8": ["eight"]}


def test_group_defaults_to_industry_and_untitled_group_members():
    doc = parse(
        "## Amazon Internal System Case Studies\n\n### Fulfilment Robotics\n**Lessons Learned:**\n- x\n"
    )
    (cs,) = doc.case_studies
    assert (cs.number, cs.title, cs.group, cs.company, cs.slug) == (
        None,
        "Fulfilment Robotics",
        "amazon",
        "Fulfilment",
        "fulfilment-robotics",
    )


def test_slugify():
    assert slugify("Uber's Real-time Dispatch System - Geospatial Optimization") == (
        "ubers-real-time-dispatch-system-geospatial-optimization"
    )
    long = slugify("word " * 30)
    assert len(long) <= 60 and not long.endswith("-") and long.startswith("word-word")
    assert slugify("Ça va: Crème brûlée!") == "ca-va-creme-brulee"
    assert slugify("x" * 80) == "x" * 60


def test_framework_absent_and_framework_only():
    assert parse(MINIMAL).framework is None
    doc = parse(
        "### Key Takeaways for Interviews\n\n1. **Trade-offs**\n   - cost\n\n"
        "**L7 Level Questions:**\n1. \u201cWhat next?\u201d\n2. 'Why?'\n"
    )
    assert doc.case_studies == []
    assert doc.framework.takeaways[0].title == "Trade-offs"
    assert doc.framework.takeaways[0].points == ["cost"]
    assert doc.framework.questions == {"L7": ["What next?", "Why?"]}
    assert doc.framework.categories == [] and doc.framework.guidance == {}


def test_framework_table_with_missing_cells():
    doc = parse("| Category | L6 Focus | L7 Focus |\n|---|---|---|\n| **A** | x |\n| B | y | z |\n")
    assert doc.framework.categories == [("A", "x", ""), ("B", "y", "z")]


def test_framework_guidance_headings():
    doc = parse(
        "## Interview Application Framework\n\n"
        "#### For L6 Interviews:\n\n1. **Focus**\n   - deep\n   - wide\n\n"
        "#### For L9 Interviews\n1. **Vision**\n"
    )
    fw = doc.framework
    assert fw.guidance["L6"][0].title == "Focus"
    assert fw.guidance["L6"][0].points == ["deep", "wide"]
    assert fw.guidance["L9"][0].points == []


def test_dataclass_types():
    cs = one(CODE_BLOCKS)
    assert isinstance(cs.code_samples[0], CodeSample)
    assert isinstance(cs.sections[0], Section)


# ====================================================================================================
# Errors


def test_unclosed_fence_reports_opening_line():
    text = "### Case Study 1: X\n\n**Code:**\n\n```python\nprint(1)\n\n**Lessons Learned:**\n- a\n"
    with pytest.raises(ParseError) as info:
        parse(text, "doc.md")
    err = info.value
    assert err.line == 5
    assert err.path == "doc.md"
    assert err.message == "code block opened here is never closed"
    assert str(err) == "doc.md:5: code block opened here is never closed"


def test_unclosed_indented_fence_in_list_item():
    text = "### Case Study 1: X\n\n**Key Design Decisions:**\n1. **A**\n   ```\n   Benefits:\n   - x\n"
    with pytest.raises(ParseError, match="never closed") as info:
        parse(text)
    assert info.value.line == 5


def test_fence_closed_by_info_string_line_is_not_closed():
    with pytest.raises(ParseError, match="never closed") as info:
        parse("### Case Study 1: X\n\n```\ncode\n```python\n")
    assert info.value.line == 3


@pytest.mark.parametrize(
    "heading",
    ["### Case Study 3:", "### Case Study 3", "### Case Study 3:   ", "## Case Study: ", "# Case Study 7 -"],
)
def test_case_study_heading_without_title(heading):
    with pytest.raises(ParseError, match="case study heading has no title") as info:
        parse(f"{MINIMAL}\n---\n\n{heading}\n\n**System Overview:**\n- **Scale**: x\n")
    assert info.value.line == MINIMAL.count("\n") + 4


def test_empty_heading_in_group_has_no_title():
    with pytest.raises(ParseError, match="has no title") as info:
        parse("## Industry Benchmark Case Studies\n\n###\n")
    assert info.value.line == 3


def test_duplicate_explicit_slug_names_both_lines():
    text = (
        "### Case Study 1: A\n**Slug:** same\n\n**System Overview:**\n- **Scale**: 1\n\n---\n\n"
        "### Case Study 2: B\n**Slug:** same\n"
    )
    with pytest.raises(ParseError) as info:
        parse(text, "x.md")
    assert info.value.line == 10
    assert info.value.message == "duplicate slug 'same' (first defined on line 2)"
    assert str(info.value) == "x.md:10: duplicate slug 'same' (first defined on line 2)"


def test_duplicate_derived_slug_names_both_heading_lines():
    text = "### Case Study 1: Same Title\n\n### Case Study 2: Same Title\n"
    with pytest.raises(ParseError, match=r"duplicate slug 'same-title' \(first defined on line 1\)") as info:
        parse(text)
    assert info.value.line == 3


def test_duplicate_slug_across_explicit_and_derived():
    with pytest.raises(ParseError, match="duplicate slug 'foo'"):
        parse("### Case Study 1: Foo\n\n### Case Study 2: Bar\n**Slug:** foo\n")


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("**Slug:**", "Slug"),
        ("**Company:**   ", "Company"),
        ("**Theme**:", "Theme"),
        ("**Categories:** ; ,", "Categories"),
    ],
)
def test_empty_metadata_value(line, name):
    with pytest.raises(ParseError, match=f"metadata '{name}' has an empty value") as info:
        parse(f"### Case Study 1: X\n\n{line}\n**System Overview:**\n- **Scale**: y\n")
    assert info.value.line == 3


def test_invalid_and_repeated_metadata():
    with pytest.raises(ParseError, match="invalid slug") as info:
        parse("### Case Study 1: X\n**Slug:** not a slug!\n")
    assert info.value.line == 2
    with pytest.raises(ParseError, match="given twice") as info:
        parse("### Case Study 1: X\n**Theme:** a\n**Theme:** b\n")
    assert info.value.line == 3


@pytest.mark.parametrize(
    "text",
    ["", "\n\n   \n", "# Just a title\n\nSome prose.\n", "## Case Study Categories\n\nnothing here\n"],
)
def test_document_without_case_study_or_framework(text):
    with pytest.raises(ParseError, match="no case study or framework found") as info:
        parse(text, "empty.md")
    assert str(info.value).startswith("empty.md:1: ")


def test_parse_error_is_an_exception_and_pickles():
    err = ParseError("a.md", 3, "boom")
    assert isinstance(err, Exception)
    clone = pickle.loads(pickle.dumps(err))  # noqa: S301 - our own bytes
    assert (clone.path, clone.line, clone.message, str(clone)) == ("a.md", 3, "boom", "a.md:3: boom")
