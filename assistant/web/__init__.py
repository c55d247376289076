"""The server's doors: `rolqa serve` (FastAPI + Gradio), the JSON API, keys, uploads and jobs.

Everything here calls the service facade (assistant.service) and holds no answering logic.
"""
