from django import template

register = template.Library()


@register.filter
def card_for(cards: dict, pk: int) -> tuple:
    """A question's cached card halves (interviews.fragments.question_cards)."""
    return cards.get(pk, ("", ""))


@register.filter
def duration_clock(seconds) -> str:
    """Seconds as m:ss (h:mm:ss past an hour): how the room's clocks read."""
    seconds = abs(int(seconds or 0))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
