"""The source document (shared/seeds/system-design-case-studies.md), parsed whole; skipped when absent."""

from pathlib import Path

import pytest

from casestudies.importing import Fact, parse_document
from tests.casestudies.markdown import line_of

SOURCE = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "system-design-case-studies.md"


@pytest.fixture(scope="module")
def source_text():
    if not SOURCE.exists():
        pytest.skip(f"source document {SOURCE} is not present")
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def source(source_text):
    return parse_document(source_text, str(SOURCE))


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


def test_crlf_source_document(source_text, source):
    assert parse_document(source_text.replace("\n", "\r\n"), str(SOURCE)) == source
