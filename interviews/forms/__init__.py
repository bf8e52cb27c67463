from interviews.forms.mocks import MockForm, RatingForm, ScorecardForm, SlotForm
from interviews.forms.practice import FinishForm, QuestionFilterForm

__all__ = ["FinishForm", "MockForm", "QuestionFilterForm", "RatingForm", "ScorecardForm", "SlotForm"]
