"""Writes to a user's study state."""

from django.db import IntegrityError, connection, transaction

from casestudies.models import CaseStudy, Section
from progress.models import Bookmark, Note, ReviewCard, RubricTotal, StudiedSection
from sdprep.versioning import StaleVersion

NOTE_MAX_LENGTH = 50_000


def _mark_set(model, *, on: bool, **lookup) -> bool:
    """Create or delete a per-user mark (studied, bookmarked); repeating either is harmless."""
    if on:
        model.objects.get_or_create(**lookup)
    else:
        model.objects.filter(**lookup).delete()
    return on


@transaction.atomic
def studied_section_set(*, user, section: Section, studied: bool) -> bool:
    return _mark_set(StudiedSection, on=studied, user=user, section=section)


@transaction.atomic
def bookmark_set(*, user, case_study: CaseStudy, bookmarked: bool) -> bool:
    return _mark_set(Bookmark, on=bookmarked, user=user, case_study=case_study)


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


@transaction.atomic
def review_card_review(*, user, question, rating, now) -> ReviewCard:
    """Review the user's card for a question (creating it on the first review) and store its next due date."""
    from fsrs import Card

    from progress.srs import SCHEDULER

    card = ReviewCard.objects.select_for_update().filter(user=user, question=question).first()
    fsrs_card = Card.from_dict(card.state) if card else Card(due=now)
    fsrs_card, _log = SCHEDULER.review_card(fsrs_card, rating, review_datetime=now)
    card = card or ReviewCard(user=user, question=question)
    card.state = fsrs_card.to_dict()
    card.due = fsrs_card.due
    card.last_reviewed = now
    card.reviews += 1
    card.due_reason, card.due_reason_at = "", None  # back on its own schedule
    card.save()
    return card


@transaction.atomic
def review_cards_make_due(*, user, level, kinds: list[str], question=None, now, reason: str = "") -> int:
    """Bring the user's questions of these kinds at this level forward to now (a weak mock score), and
    say why (`reason`, e.g. "Problem solving scored 2 in your mock").

    The mock's own question gets a card due now if it had none. Returns how many cards are due.
    """
    from fsrs import Card

    cards = ReviewCard.objects.filter(
        user=user, question__kind__in=kinds, question__levels=level, due__gt=now
    )
    count = cards.update(due=now, due_reason=reason, due_reason_at=now)
    if question is not None and not ReviewCard.objects.filter(user=user, question=question).exists():
        ReviewCard.objects.create(
            user=user,
            question=question,
            state=Card(due=now).to_dict(),
            due=now,
            last_reviewed=now,
            due_reason=reason,
            due_reason_at=now,
        )
        count += 1
    return count


def rubric_totals_add(*, user, level, source: str, scores: dict[int, int]) -> None:
    """Add scores ({dimension id: 1..4}) to the user's running totals, in the caller's transaction."""
    if not scores:
        return
    table = RubricTotal._meta.db_table
    rows = [(user.pk, level.pk, dimension_id, source, score) for dimension_id, score in scores.items()]
    sql = f"""
        INSERT INTO {table} (user_id, level_id, dimension_id, source, score_sum, score_count)
        VALUES (%s, %s, %s, %s, %s, 1)
        ON CONFLICT (user_id, level_id, dimension_id, source) DO UPDATE
        SET score_sum = {table}.score_sum + EXCLUDED.score_sum, score_count = {table}.score_count + 1
    """  # noqa: S608 (the table name comes from the model)
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


@transaction.atomic
def rubric_totals_replace(*, rows_sql: str, params=None) -> int:
    """Replace every running total with the rows of one query; returns the row count.

    `rows_sql` is a SELECT of (user_id, level_id, dimension_id, source, score_sum, score_count), one
    row per total: the score tables it reads belong to whoever records the scores
    (`interviews.services.rubric_totals` for bulk loads and repairs); this table is progress's.
    """
    table = RubricTotal._meta.db_table
    columns = "user_id, level_id, dimension_id, source, score_sum, score_count"
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        cursor.execute(f"INSERT INTO {table} ({columns}) {rows_sql}", params)
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
        return cursor.fetchone()[0]
