from django.forms import BaseForm


class InvalidFormStatusMiddleware:
    """A POST that re-renders a form with errors answers 422, not 200.

    Our own views set the status themselves; this catches allauth's class-based views,
    whose TemplateResponse still carries its context at this point.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        if request.method == "POST" and response.status_code == 200:
            context = response.context_data or {}
            if any(isinstance(v, BaseForm) and v.is_bound and v.errors for v in context.values()):
                response.status_code = 422
        return response
