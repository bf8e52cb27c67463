"""Read content files into plain data: case studies and the framework, the question bank and rubric.

No database here; ``casestudies.services`` stores what these return. Every problem is an
:class:`ImportProblem` carrying the file and line.
"""

from casestudies.importing.case_studies import (
    CodeSample,
    Diagram,
    Fact,
    ParsedCaseStudy,
    ParsedDocument,
    Section,
    parse_document,
)
from casestudies.importing.decisions import Decision, ScalingChallenge
from casestudies.importing.errors import ImportProblem
from casestudies.importing.framework import Framework, GuidanceItem
from casestudies.importing.lines import fingerprint, slugify
from casestudies.importing.questions import ParsedBank, ParsedDimension, ParsedQuestion, parse_bank
from casestudies.importing.rules import check_complete

__all__ = [
    "CodeSample",
    "Decision",
    "Diagram",
    "Fact",
    "Framework",
    "GuidanceItem",
    "ImportProblem",
    "ParsedBank",
    "ParsedCaseStudy",
    "ParsedDimension",
    "ParsedDocument",
    "ParsedQuestion",
    "ScalingChallenge",
    "Section",
    "check_complete",
    "fingerprint",
    "parse_bank",
    "parse_document",
    "slugify",
]
