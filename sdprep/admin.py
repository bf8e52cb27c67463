"""The admin site: staff only, and invisible to everyone else who is signed in.

Django's admin sends a signed-in member who is not staff to its sign-in page, which tells them the admin
exists and invites them to try another account. Here they get the same 404 as for any page that is not
theirs; anonymous visitors still get the admin's sign-in page.
"""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import Http404


class SiteAdmin(admin.AdminSite):
    site_header = "sdprep administration"
    site_title = "sdprep admin"

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise Http404("No such page.")
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated and not self.has_permission(request):
            raise Http404("No such page.")
        return super().login(request, extra_context)


class SiteAdminConfig(AdminConfig):
    default_site = "sdprep.admin.SiteAdmin"
