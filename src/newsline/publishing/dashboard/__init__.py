"""The newsroom's panels on the admin's home page: what was published, what is
scheduled, what is not translated yet, what failed. ``queries`` reads,
``charts`` draws, ``panels`` decides who sees what."""
