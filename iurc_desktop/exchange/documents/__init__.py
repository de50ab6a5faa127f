"""PDF documents (letters, and whatever else a study visit runs on) typeset with typst from templates kept as files."""
