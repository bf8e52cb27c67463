from django import forms

from casestudies.models import CaseStudy, Category, Level, Question


class QuestionFilterForm(forms.Form):
    STATUS_CHOICES = [
        ("", "Any status"),
        ("new", "New"),
        ("practised", "Practised"),
        ("due", "Due for review"),
    ]

    level = forms.ModelChoiceField(
        Level.objects.all(), to_field_name="code", required=False, empty_label="Any level"
    )
    category = forms.ModelChoiceField(
        Category.objects.all(), to_field_name="slug", required=False, empty_label="All categories"
    )
    kind = forms.ChoiceField(choices=[("", "All kinds"), *Question.Kind.choices], required=False)
    case_study = forms.ModelChoiceField(
        CaseStudy.objects.only("slug", "title"),
        to_field_name="slug",
        required=False,
        empty_label="Any case study",
    )
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False, label="My status")

    def filters(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "level": data["level"].code if data["level"] else "",
            "category": data["category"].slug if data["category"] else "",
            "kind": data["kind"],
            "case_study": data["case_study"].slug if data["case_study"] else "",
            "status": data["status"],
        }


class FinishForm(forms.Form):
    """Tick what the answer covered; rate each rubric dimension 1-4 against its anchors."""

    def __init__(self, *args, checklist, dimensions, **kwargs):
        super().__init__(*args, **kwargs)
        self.dimensions = dimensions
        self.checklist = checklist
        self.fields["covered"] = forms.TypedMultipleChoiceField(
            choices=[(str(item.pk), item.text) for item in checklist],
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": "That checklist item is not part of this question."},
        )
        for dimension in dimensions:
            self.fields[f"score_{dimension.slug}"] = forms.TypedChoiceField(
                label=dimension.name,
                choices=[(str(score), str(score)) for score in range(1, 5)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Rate {dimension.name} from 1 to 4.",
                    "invalid_choice": "Choose a score from 1 to 4.",
                },
            )

    def covered(self) -> list:
        chosen = set(self.cleaned_data["covered"])
        return [item for item in self.checklist if item.pk in chosen]

    def ratings(self) -> dict:
        return {d: self.cleaned_data[f"score_{d.slug}"] for d in self.dimensions}

    def score_fields(self):
        return [(dimension, self[f"score_{dimension.slug}"]) for dimension in self.dimensions]
