from casestudies.services.library import (
    ImportReport,
    case_study_index,
    content_import,
    section_kind,
)
from casestudies.services.questions import question_index

__all__ = [
    "ImportReport",
    "case_study_index",
    "content_import",
    "question_index",
    "section_kind",
]
