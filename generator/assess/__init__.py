"""Assess stage: readiness, a pure function of content, one portfolio and a date."""
