"""Link stage: load every file into models, then check references between them."""
