"""The preview panel's views: Wagtail's, with the page built once per change.

Each change in the preview panel is a ``POST`` (the form checked and its data
kept as Wagtail's ``FormState``) and a ``GET`` that rebuilds the form from that
data, checks it again and saves it into the page in memory, then renders it
(``core/preview.py``): the form was built and checked twice, a third of a
preview's time. Here the ``POST`` keeps the page it built, and the ``GET``
renders that page when nothing it was built from has changed. Mounted at
Wagtail's own addresses (``urls.py``), wrapped as Wagtail wraps its admin views.
"""

import logging
import pickle

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils.decorators import method_decorator
from wagtail.admin.views.pages import preview as pages_preview
from wagtail.utils.decorators import xframe_options_sameorigin_override

from . import filing

logger = logging.getLogger(__name__)


# How long the page a preview's POST built waits for its GET. The panel asks at
# once; a preview opened later in a tab of its own builds it again, as Wagtail does.
BUILT_SECONDS = 300
KEPT_AS = "newsline:preview:"


class BuiltOnce:
    """For Wagtail's ``PreviewOnEdit`` and ``PreviewOnCreate`` (first in the bases):
    the page the ``POST`` built from the editor's valid form is kept for the user
    and address, with a digest of the form data it was built from and what of the
    stored page it was built on (type, latest revision, address, state). A
    ``GET`` renders it only when the form state it reads has that digest and the
    stored page is unchanged; otherwise it does what Wagtail does. The
    permission checks (``setup``) run on both requests as before."""

    def post(self, request, *args, **kwargs):
        # Before the form touches the page (a new page's form sets its address).
        self._built_on = self._stored_state()
        self._first_checked = None
        response = super().post(request, *args, **kwargs)
        form, is_valid = self._first_checked or (None, False)
        if is_valid:  # the editor's own form: the first Wagtail checks
            self._keep(form)
        return response

    def validate_form(self, form):
        is_valid = super().validate_form(form)
        if getattr(self, "_first_checked", False) is None:  # in a POST, only the first
            self._first_checked = (form, is_valid)
        return is_valid

    @method_decorator(xframe_options_sameorigin_override)
    def get(self, request, *args, **kwargs):
        built = self._kept(self._get_form_state())
        if built is None:
            return super().get(request, *args, **kwargs)
        self.object = built
        # The rest of Wagtail's ``get`` after ``form.save(commit=False)``.
        try:
            preview_mode = request.GET.get("mode", self.object.default_preview_mode)
        except IndexError as e:
            raise PermissionDenied from e
        return self.object.make_preview_request(
            request, preview_mode, self.get_extra_request_attrs()
        )

    def delete(self, request, *args, **kwargs):
        cache.delete(self._kept_key())
        return super().delete(request, *args, **kwargs)

    def _keep(self, form) -> None:
        form.save(commit=False)  # as Wagtail's GET does: the page in memory, nothing written
        try:
            page = _pickled(self.object)
        except (pickle.PicklingError, TypeError, AttributeError):
            logger.warning("A preview of %s could not be kept", self.request.path, exc_info=True)
            return
        value = {"data": filing.name("", form.data.urlencode()), "on": self._built_on, "page": page}
        try:
            cache.set(self._kept_key(), value, BUILT_SECONDS)
        except Exception:  # a busy or broken cache: the GET builds the page, as Wagtail's
            logger.warning("A preview of %s could not be kept", self.request.path, exc_info=True)

    def _kept(self, form_state):
        """The page kept for ``form_state`` by the ``POST``, or None: nothing kept,
        kept for other data or another state of the page, or unreadable (a cache
        down, a page kept by an earlier release of the code)."""
        if form_state is None:
            return None
        try:
            kept = cache.get(self._kept_key())
            if not kept or kept.get("data") != filing.name("", form_state.data):
                return None
            if kept.get("on") != self._stored_state():
                return None
            return pickle.loads(kept["page"])  # noqa: S301 - the server's own cache, written by _keep
        except Exception:
            logger.warning("A kept preview of %s is unreadable", self.request.path, exc_info=True)
            return None

    def _stored_state(self) -> tuple:
        # What of the page the form is saved onto; the address (in the key) names
        # the page, or the type and parent of a new one.
        page = self.object
        return (
            type(page).__name__,
            page.pk,
            getattr(page, "latest_revision_id", None),
            page.url_path,
            page.live,
        )

    def _kept_key(self) -> str:
        return kept_key(self.request.user.pk, self.request.path)


def kept_key(user_pk, address: str) -> str:
    """Where the page a user's preview ``POST`` to ``address`` built is kept."""
    return filing.name(KEPT_AS, user_pk, address)


def _pickled(page) -> bytes:
    return pickle.dumps(page, pickle.HIGHEST_PROTOCOL)


class PreviewOnEdit(BuiltOnce, pages_preview.PreviewOnEdit):
    pass


class PreviewOnCreate(BuiltOnce, pages_preview.PreviewOnCreate):
    pass
