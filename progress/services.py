"""Writes to a user's study state."""

from django.db import IntegrityError, transaction

from casestudies.models import CaseStudy, Section
from progress.models import Bookmark, Note, StudiedSection
from sdprep.versioning import StaleVersion

NOTE_MAX_LENGTH = 50_000


@transaction.atomic
def studied_section_set(*, user, section: Section, studied: bool) -> bool:
    if studied:
        StudiedSection.objects.get_or_create(user=user, section=section)
    else:
        StudiedSection.objects.filter(user=user, section=section).delete()
    return studied


@transaction.atomic
def bookmark_set(*, user, case_study: CaseStudy, bookmarked: bool) -> bool:
    if bookmarked:
        Bookmark.objects.get_or_create(user=user, case_study=case_study)
    else:
        Bookmark.objects.filter(user=user, case_study=case_study).delete()
    return bookmarked


@transaction.atomic
def note_save(*, user, case_study: CaseStudy, body: str, version: int) -> Note:
    """Save a note if it is still at `version`; otherwise raise StaleVersion and change nothing."""
    note = Note.objects.select_for_update().filter(user=user, case_study=case_study).first()
    if note is None:
        if version != 0:
            raise StaleVersion
        try:
            with transaction.atomic():
                return Note.objects.create(user=user, case_study=case_study, body=body, version=1)
        except IntegrityError as exc:  # another tab created it a moment ago
            raise StaleVersion from exc
    if note.version != version:
        raise StaleVersion
    note.body = body
    note.version = version + 1
    note.save(update_fields=["body", "version", "updated_at"])
    return note
