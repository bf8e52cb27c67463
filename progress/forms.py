from django import forms

from progress.services import NOTE_MAX_LENGTH


class NoteForm(forms.Form):
    body = forms.CharField(max_length=NOTE_MAX_LENGTH, required=False, strip=False)
    version = forms.IntegerField(min_value=0)


class ToggleForm(forms.Form):
    on = forms.BooleanField(required=False)
