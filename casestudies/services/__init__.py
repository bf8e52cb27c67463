from casestudies.services.library import ImportReport, content_import, section_kind
from casestudies.services.questions import question_index
from casestudies.services.search import case_study_index, search_vocabulary_rebuild

__all__ = [
    "ImportReport",
    "case_study_index",
    "content_import",
    "question_index",
    "search_vocabulary_rebuild",
    "section_kind",
]
