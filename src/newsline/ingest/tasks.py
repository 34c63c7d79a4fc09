"""What the worker does for the wires."""

from django_tasks import task

from .models import WireSource
from .polling import poll


@task()
def poll_source(source_id: int) -> None:
    """Poll one wire source (claimed by ``polling.enqueue_due``)."""
    source = WireSource.objects.filter(pk=source_id, enabled=True).first()
    if source is not None:
        poll(source)
