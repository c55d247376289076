"""rolqa's answering side: the service facade (`assistant.service.Assistant`) that the CLI,
the HTTP API and ui.py all call."""
