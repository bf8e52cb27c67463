"""Rubric running totals follow "scores only where they apply": rebuilt from the score tables counting
only scores on a dimension the question exercises (its own list, else its kind). Frozen SQL: this is the
rule as of this migration, whatever the code says later."""

from django.db import migrations

REBUILD = """
DELETE FROM progress_rubrictotal;
INSERT INTO progress_rubrictotal (user_id, level_id, dimension_id, source, score_sum, score_count)
SELECT a.user_id, a.level_id, r.dimension_id, 'self', SUM(r.score), COUNT(*)
FROM interviews_attemptrating r
JOIN interviews_practiceattempt a ON a.id = r.attempt_id
JOIN casestudies_question q ON q.id = a.question_id
JOIN casestudies_rubricdimension d ON d.id = r.dimension_id
WHERE CASE WHEN jsonb_array_length(q.dimension_slugs) > 0 THEN q.dimension_slugs ? d.slug
           ELSE d.question_kinds ? q.kind END
GROUP BY 1, 2, 3
UNION ALL
SELECT m.candidate_id, m.level_id, d.id, 'mock', SUM((j.value->>'score')::int), COUNT(*)
FROM interviews_scorecard s
JOIN interviews_mock m ON m.id = s.mock_id
JOIN casestudies_question q ON q.id = m.question_id
CROSS JOIN LATERAL jsonb_each(s.ratings) j
JOIN casestudies_rubricdimension d ON d.slug = j.key
WHERE s.submitted_at IS NOT NULL AND m.candidate_id IS NOT NULL
  AND jsonb_typeof(j.value) = 'object' AND (j.value->>'score') ~ '^[1-4]$'
  AND CASE WHEN jsonb_array_length(q.dimension_slugs) > 0 THEN q.dimension_slugs ? d.slug
           ELSE d.question_kinds ? q.kind END
GROUP BY 1, 2, 3;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0008_phase_clock"),
        ("casestudies", "0007_question_kit"),
        ("progress", "0005_review_card_due_reason"),
    ]

    # Going back leaves the totals as they are: the old rule's sums cannot be told apart any more.
    operations = [migrations.RunSQL(REBUILD, migrations.RunSQL.noop)]
