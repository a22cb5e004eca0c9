"""Render stage: site pages, portfolio HTML and PDF, terminal views."""
