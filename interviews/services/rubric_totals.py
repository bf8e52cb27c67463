"""Recompute the rubric running totals from the score tables this app owns (after a bulk load, a repair).

The totals are progress's (`progress.models.RubricTotal`); the scores are here: a finished practice's
self-assessment (`AttemptRating`) and a submitted mock scorecard (`Scorecard.ratings`). This module says
how to add them up and hands the query to `progress.services.rubric_totals_replace`. Only scores on a
dimension the question exercises count; "not assessed" entries carry no score and count nowhere.
"""

from casestudies.models import Question, RubricDimension
from interviews.models import AttemptRating, Mock, PracticeAttempt, Scorecard
from progress.services import rubric_totals_replace

# Question q exercises dimension d (Question.exercises, in SQL): its own list when it has one, else its kind.
EXERCISES_SQL = """(CASE WHEN jsonb_array_length(q.dimension_slugs) > 0 THEN q.dimension_slugs ? d.slug
                         ELSE d.question_kinds ? q.kind END)"""


def rubric_totals_rebuild() -> int:
    """Replace every running total with the sums of the score tables; returns the row count."""
    rating, attempt = AttemptRating._meta.db_table, PracticeAttempt._meta.db_table
    scorecard, mock = Scorecard._meta.db_table, Mock._meta.db_table
    dimension, question = RubricDimension._meta.db_table, Question._meta.db_table
    rows_sql = f"""
        SELECT a.user_id, a.level_id, r.dimension_id, 'self', SUM(r.score), COUNT(*)
        FROM {rating} r JOIN {attempt} a ON a.id = r.attempt_id
        JOIN {question} q ON q.id = a.question_id JOIN {dimension} d ON d.id = r.dimension_id
        WHERE {EXERCISES_SQL}
        GROUP BY 1, 2, 3
        UNION ALL
        SELECT m.candidate_id, m.level_id, d.id, 'mock', SUM((j.value->>'score')::int), COUNT(*)
        FROM {scorecard} s JOIN {mock} m ON m.id = s.mock_id
        JOIN {question} q ON q.id = m.question_id
        CROSS JOIN LATERAL jsonb_each(s.ratings) j
        JOIN {dimension} d ON d.slug = j.key
        WHERE s.submitted_at IS NOT NULL AND m.candidate_id IS NOT NULL AND {EXERCISES_SQL}
          AND jsonb_typeof(j.value) = 'object' AND (j.value->>'score') ~ '^[1-4]$'
        GROUP BY 1, 2, 3
    """  # noqa: S608 (the table names come from the models)
    return rubric_totals_replace(rows_sql=rows_sql)
