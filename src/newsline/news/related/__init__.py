"""Related stories: worked out in the worker, stored, read by the story's key."""
