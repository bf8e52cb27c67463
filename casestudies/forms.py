from django import forms

from casestudies.models import CaseStudy, Category, Level


class LibraryFilterForm(forms.Form):
    category = forms.ModelChoiceField(
        queryset=Category.objects.all(), to_field_name="slug", required=False, empty_label="All categories"
    )
    level = forms.ModelChoiceField(
        queryset=Level.objects.all(), to_field_name="code", required=False, empty_label="Any level"
    )
    group = forms.ChoiceField(choices=[("", "All groups"), *CaseStudy.Group.choices], required=False)


class SearchForm(forms.Form):
    q = forms.CharField(max_length=200, required=False, strip=True, label="Search")
