"""Model stage: strict, typed records for every file format of the spec."""
