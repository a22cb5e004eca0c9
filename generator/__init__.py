"""Career handbook and readiness portfolio generator."""

__version__ = "0.1.0"
