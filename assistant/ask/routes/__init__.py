"""The routes a question can take, each `(asked) -> Answer | None`; pipeline.py says their order."""
