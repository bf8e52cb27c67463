"""What a case study needs before it may be stored: checked on the parsed data, before any row is written."""

from __future__ import annotations

from casestudies.importing.case_studies import ParsedCaseStudy
from casestudies.importing.errors import ImportProblem


def missing_parts(study: ParsedCaseStudy) -> list[str]:
    """What a reader would find missing: a title, a company, one overview fact, one section of content."""
    missing = []
    if not study.title.strip():
        missing.append("a title")
    if not study.company.strip():
        missing.append("a company (**Company:** ...)")
    if not study.facts:
        missing.append("at least one overview fact (- **Scale**: ... under **System Overview:**)")
    if not any(not section.title.lower().startswith("system overview") for section in study.sections):
        missing.append("at least one section besides the overview (a **Label:** line, then its text)")
    return missing


def check_complete(study: ParsedCaseStudy, path: str) -> None:
    missing = missing_parts(study)
    if missing:
        message = f"case study '{study.title}' is incomplete: it needs {'; '.join(missing)}"
        raise ImportProblem(message, path=path, line=study.line)
