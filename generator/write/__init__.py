"""Write stage: outputs replace what was there only once they are complete."""
