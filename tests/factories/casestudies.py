import factory

from casestudies.models import CaseStudy, Category, Fact, InterviewPoint, Level, Section
from casestudies.services import case_study_index


class CaseStudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseStudy
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"study-{n}")
    number = factory.Sequence(lambda n: n + 100)
    title = factory.Sequence(lambda n: f"Study {n}: a distributed system")
    company = "ExampleCorp"
    theme = "Scaling a thing"

    @factory.post_generation
    def parts(self, create, extracted, **kwargs):
        """Give every study the shape of a real one: facts, sections, a category, level points."""
        if not create:
            return
        Fact.objects.bulk_create(
            Fact(case_study=self, order=i, label=f"Fact {i}", value=f"{i}M+") for i in range(4)
        )
        Section.objects.bulk_create(
            [
                Section(
                    case_study=self, order=0, key="system-overview", title="System Overview", kind="overview"
                ),
                Section(
                    case_study=self, order=1, key="architecture", title="Architecture", body="Some **text**."
                ),
                Section(case_study=self, order=2, key="lessons", title="Lessons Learned", kind="lessons"),
            ]
        )
        category = Category.objects.order_by("order").first()
        if category:
            self.categories.add(category)
        for order, level in enumerate(Level.objects.all()):
            InterviewPoint.objects.create(
                case_study=self, level=level, kind="application", order=order, text="x"
            )
        case_study_index(case_study=self)


def questions_bulk(n: int, *, case_study=None) -> list:
    """n questions for both levels with a checklist each, inserted in bulk (query-budget tests)."""
    from casestudies.models import ChecklistItem, Question

    category = Category.objects.order_by("order").first()
    levels = list(Level.objects.all())
    start = Question.objects.count()
    questions = Question.objects.bulk_create(
        Question(
            slug=f"bulk-{start + i}",
            prompt=f"Design system number {start + i}",
            category=category,
            kind="architecture",
            hints=["a", "b"],
            follow_ups=["c", "d"],
        )
        for i in range(n)
    )
    Question.levels.through.objects.bulk_create(
        Question.levels.through(question=q, level=level) for q in questions for level in levels
    )
    if case_study:
        Question.case_studies.through.objects.bulk_create(
            Question.case_studies.through(question=q, casestudy=case_study) for q in questions
        )
    ChecklistItem.objects.bulk_create(
        ChecklistItem(question=q, level=level, order=0, text="covers it")
        for q in questions
        for level in levels
    )
    return questions
