"""Markdown snippets and helpers shared by the parser tests."""

from pathlib import Path

from casestudies.importing import ParsedCaseStudy, parse_document

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "casestudies" / "content"
CONTENT_FILES = sorted(CONTENT.glob("[0-9][0-9]-*.md"))
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


def one(markdown: str) -> ParsedCaseStudy:
    doc = parse_document(markdown)
    assert len(doc.case_studies) == 1, [c.title for c in doc.case_studies]
    return doc.case_studies[0]


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line containing needle."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


MINIMAL = """\
### Case Study 1: Acme Widgets - Fast Widgets

**System Overview:**
- **Scale**: 1M widgets
"""


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
