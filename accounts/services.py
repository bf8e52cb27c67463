from django.db import transaction

from accounts.models import User
from sdprep.versioning import StaleVersion


@transaction.atomic
def profile_update(*, user: User, version: int, **fields) -> User:
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.profile_version != version:
        raise StaleVersion
    for name, value in fields.items():
        setattr(locked, name, value)
    # The row is locked, so a plain increment cannot race another save.
    locked.profile_version = version + 1
    locked.full_clean(exclude=["password"])
    locked.save(update_fields=[*fields, "profile_version"])
    return locked
