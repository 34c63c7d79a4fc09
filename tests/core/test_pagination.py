from datetime import UTC, datetime

import pytest

from newsline.core.pagination import Cursor, InvalidCursor


def test_cursor_round_trips_to_the_microsecond():
    cursor = Cursor(moment=datetime(2024, 4, 25, 9, 1, 2, 345678, tzinfo=UTC), pk=42)
    assert Cursor.decode(cursor.encode()) == cursor


@pytest.mark.parametrize(
    "token", ["", "!!!", "bm9jb2xvbg", "MTotNQ", "\x00", "OTk5OTk5OTk5OTk5OTk5OTk5OTk5OjE"]
)
def test_malformed_cursors_are_rejected(token):
    with pytest.raises(InvalidCursor):
        Cursor.decode(token)
