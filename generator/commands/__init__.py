"""Commands of the handbook command line, one module each."""
