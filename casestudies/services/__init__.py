from casestudies.services.library import (
    ImportError_,
    ImportReport,
    case_study_index,
    content_import,
    section_kind,
)
from casestudies.services.questions import question_index

__all__ = [
    "ImportError_",
    "ImportReport",
    "case_study_index",
    "content_import",
    "question_index",
    "section_kind",
]
