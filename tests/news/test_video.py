import pytest

from newsline.news.video import player_url


@pytest.mark.parametrize(
    ("address", "player"),
    [
        (
            "https://www.youtube.com/watch?v=abcdefghijk",
            "https://www.youtube-nocookie.com/embed/abcdefghijk",
        ),
        ("https://youtu.be/abcdefghijk", "https://www.youtube-nocookie.com/embed/abcdefghijk"),
        ("https://vimeo.com/123456789", "https://player.vimeo.com/video/123456789"),
        ("https://example.com/video/1", None),
        ("javascript:alert(1)", None),
        ("https://www.youtube.com/watch?v=short", None),
        ("not a url at all", None),
    ],
)
def test_player_address_is_derived_only_for_supported_hosts(address, player):
    assert player_url(address) == player
