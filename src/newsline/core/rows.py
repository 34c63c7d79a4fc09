"""Page rows built from the database without re-reading the model's fields.

``modelcluster.ClusterableModel.__init__``, which every Wagtail page inherits,
walks every field of the model on each instance to find the child relations
it might have been given as keyword arguments. A row from the database
(``Model.from_db``) comes by position, with its id, and gives none; for it
Wagtail's ``Page.__init__`` does nothing either (it fills in a new page's
content type). The walk was half of building a story from its row, a tenth of
an uncached home page. So a row given by position with its id goes straight to
Django's ``Model.__init__``; everything else takes the whole chain.
"""

from django.db.models import DEFERRED, Model


class LoadedPlainly:
    """For page models (first in the bases): rows from the database built by
    Django's ``Model.__init__`` alone."""

    def __init__(self, *args, **kwargs):
        if args and not kwargs and args[0] not in (None, DEFERRED):
            Model.__init__(self, *args)
        else:
            super().__init__(*args, **kwargs)
