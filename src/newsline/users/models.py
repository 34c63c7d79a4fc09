from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The newsroom's account; custom from the first migration so it can grow."""
