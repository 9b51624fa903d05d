"""Rendered-text captures: the article from the text a browser shows, without markup."""
