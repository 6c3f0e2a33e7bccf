"""The spaCy pipeline the project builds itself (no downloadable English model needed)."""
