"""Reports for people: what extraction kept and dropped, and why."""
