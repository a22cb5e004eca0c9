"""Scaffolding: new entries, people and whole handbook repositories, always valid, never overwriting."""
