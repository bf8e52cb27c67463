"""casestudies.importing.decisions: numbered items read into decisions and scaling challenges."""

from casestudies.importing import Decision, ScalingChallenge
from tests.casestudies.markdown import DECISIONS, line_of, one


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


def test_tabs_in_indentation():
    cs = one(
        "### Case Study 1: X\n\n**Key Design Decisions:**\n1. **A**\n\t- **Benefits**: tabbed\n\t- plain\n"
    )
    assert cs.decisions[0].benefits == "tabbed"
    assert cs.decisions[0].details == "- plain"
