"""Prefect flows: they wire kipp's domain functions together, batched, and report artifacts."""
