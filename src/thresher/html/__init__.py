"""HTML input: decode bytes, parse into a tree, extract the article."""
