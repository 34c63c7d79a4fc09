"""Wire sources polled by ``newsline worker``: no cron.

Every second the worker's scheduling loop asks ``enqueue_due``; a source whose
time has come is claimed (its next time moved on in the same UPDATE, so two
workers never poll it twice) and polled from the task queue (``tasks.py``). A
poll is a conditional GET (ETag / Last-Modified: an unchanged feed costs a 304),
or the new files of a drop folder; every poll is recorded as a run. A failing
source waits longer each time, up to an hour, and is back to its interval after
a success.
"""

import logging
import shutil
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .fetch import fetch
from .items import DocumentError
from .models import IngestRun, WireSource
from .services import REJECTED, Outcome, Tally, Target, ingest_document, record_run

logger = logging.getLogger("newsline.ingest")

MAX_BACKOFF = timedelta(hours=1)
KEEP_RUNS = timedelta(days=30)
DONE, REFUSED = "done", "rejected"


def enqueue_due(enqueue, now=None) -> int:
    """Hand every due, enabled source to ``enqueue`` (the polling task's enqueue);
    returns how many."""
    now = now or timezone.now()
    due = WireSource.objects.filter(enabled=True).filter(
        Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now)
    )
    handed = 0
    for source in due.only("pk", "next_poll_at", "poll_interval"):
        claimed = WireSource.objects.filter(pk=source.pk, next_poll_at=source.next_poll_at).update(
            next_poll_at=now + timedelta(seconds=source.poll_interval)
        )
        if claimed:
            enqueue(source.pk)
            handed += 1
    return handed


def poll(source: WireSource) -> IngestRun:
    """Read what the source has new, into stories; record the run; keep the back-off."""
    target = Target(
        language=source.language,
        section=source.section,
        publish=source.publish,
        kind_words=source.kind_mapping,
        source_key=source.name,
        folder=Path(source.folder) if source.folder else None,
    )
    try:
        tally = _poll_folder(source, target) if source.folder else _poll_address(source, target)
    except Exception as error:  # noqa: BLE001 - a poll's failure is the run's record
        return _failed(source, error)
    source.failures = 0
    source.save(update_fields=["failures", "etag", "last_modified"])
    IngestRun.objects.filter(started_at__lt=timezone.now() - KEEP_RUNS).delete()
    return record_run(label=source.name, tally=tally, source=source)


def _poll_address(source: WireSource, target: Target) -> Tally:
    fetched = fetch(
        source.url,
        max_bytes=settings.NEWSLINE_INGEST_MAX_DOCUMENT_BYTES,
        etag=source.etag,
        last_modified=source.last_modified,
    )
    if fetched.not_modified:
        return Tally()
    source.etag, source.last_modified = fetched.etag[:500], fetched.last_modified[:100]
    return ingest_document(target=target, data=fetched.body, format_code=_format(source))


def _poll_folder(source: WireSource, target: Target) -> Tally:
    """Each file dropped since the last poll, oldest first; read files move to
    ``done/``, refused ones to ``rejected/``, so nothing is read twice."""
    folder, total = Path(source.folder), Tally()
    if not folder.is_dir():
        raise DocumentError(f"the drop folder {folder} does not exist")
    files = sorted((p for p in folder.iterdir() if p.is_file()), key=lambda p: p.stat().st_mtime)
    for path in files:
        tally = _read_file(path, target, _format(source))
        for name, count in tally.counts.items():
            total.counts[name] += count
        total.rejections += [(f"{path.name} {ref}".strip(), why) for ref, why in tally.rejections]
        _file_away(path, REFUSED if tally.counts[REJECTED] and not _any_read(tally) else DONE)
    return total


def _read_file(path: Path, target: Target, format_code: str) -> Tally:
    limit = settings.NEWSLINE_INGEST_MAX_DOCUMENT_BYTES
    if path.stat().st_size > limit:
        tally = Tally()
        tally.add(Outcome(REJECTED, "", f"the file is larger than {limit:,} bytes"))
        return tally
    return ingest_document(target=target, data=path.read_bytes(), format_code=format_code)


def _any_read(tally: Tally) -> bool:
    return any(tally.counts[name] for name in tally.counts if name != REJECTED)


def _file_away(path: Path, where: str) -> None:
    destination = path.parent / where
    destination.mkdir(exist_ok=True)
    shutil.move(str(path), destination / path.name)


def _format(source: WireSource) -> str:
    # RSS and Atom share one reader; the source's format says which it expects.
    return source.format


def _failed(source: WireSource, error: Exception) -> IngestRun:
    source.failures += 1
    wait = min(timedelta(seconds=source.poll_interval) * 2**source.failures, MAX_BACKOFF)
    source.next_poll_at = timezone.now() + wait
    source.save(update_fields=["failures", "next_poll_at"])
    logger.warning("Wire source %s failed (%s); next try in %s", source.name, error, wait)
    return record_run(label=source.name, tally=Tally(), source=source, error=str(error)[:2000])
