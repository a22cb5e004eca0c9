"""Read stage: files on disk into plain data that remembers where each value came from."""
