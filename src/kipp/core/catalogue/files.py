"""What kipp says about reading files as files: spreadsheets in every format people save,
CSV dialects, sizes and shapes that a reader refuses, names that are not text, folders nested
too deep, and text that a document cannot hold."""

FILES: dict[str, dict[str, str]] = {}
