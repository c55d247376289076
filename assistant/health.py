"""The state of each dependency (catalog, vectors, embedder, LLM endpoint), for /api/health."""
from __future__ import annotations

import time

from index.config import Settings
from index.errors import RolqaError


def _check(fn) -> dict:
    started = time.perf_counter()
    try:
        detail = fn()
        return {"ok": True, **(detail or {}), "ms": round((time.perf_counter() - started) * 1000, 1)}
    except Exception as exc:  # noqa: BLE001 - any failure of a dependency is its state, not ours
        reason = exc.message if isinstance(exc, RolqaError) else (str(exc).splitlines()[0][:200] if str(exc) else "")
        return {"ok": False, "error": reason or "不可用", "type": type(exc).__name__}


def _llm(settings: Settings) -> dict:
    """The chat endpoint answers its model list (a cheap request every OpenAI-compatible server has)."""
    import httpx

    headers = {"Authorization": f"Bearer {settings.llm_api_key}"} if settings.llm_api_key else {}
    response = httpx.get(settings.llm_base_url.rstrip("/") + "/models", headers=headers, timeout=3.0)
    response.raise_for_status()
    return {"model": settings.llm_model}


def health_report(service) -> dict:
    index, settings = service.index, service.settings
    checks = {
        "catalog": _check(lambda: {"reports": len(index.report_ids())}),
        "vectors": _check(lambda: {"count": index.vectors.col.count(),
                                   "backend": "server" if settings.chroma_url else "embedded"}),
        "embedder": _check(lambda: {"name": index.embedder.name}),
    }
    if settings.llm_configured:
        checks["llm"] = _check(lambda: _llm(settings))
    ok = all(c["ok"] for c in checks.values())
    return {"status": "ok" if ok else "degraded", "reports": checks["catalog"].get("reports"),
            "llm": settings.llm_configured, "checks": checks}
