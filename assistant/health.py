"""The state of each dependency (catalog, vectors, embedder, the home's disk, LLM endpoint), for /api/health."""
from __future__ import annotations

import logging
import time

from index.config import Settings
from index.errors import RolqaError, StorageFull, disk_full_at, free_bytes, read_only_refusal, storage_problem

log = logging.getLogger("rolqa.health")


def _check(fn, home) -> dict:
    started = time.perf_counter()
    try:
        detail = fn()
        return {"ok": True, **(detail or {}), "ms": round((time.perf_counter() - started) * 1000, 1)}
    except Exception as exc:  # noqa: BLE001 - any failure of a dependency is its state, not ours
        problem = exc if isinstance(exc, RolqaError) else storage_problem(exc, home)
        if problem is None:  # a library's own words are for the log, not for whoever reads health
            log.warning("health check failed: %s: %s", type(exc).__name__, str(exc)[:200])
        return {"ok": False, "error": problem.message if problem else "不可用(详见服务日志)",
                "type": type(exc).__name__}


def _disk(settings: Settings) -> dict:
    """Room on the home's disk; a full one (or a server that started on one, read-only) is down."""
    free = free_bytes(settings.home)
    if disk_full_at(settings.home):
        raise StorageFull(f"状态目录所在的磁盘已满(剩余 {(free or 0) // 1024} KB):不能导入、上传或删除")
    if settings.read_only:
        raise read_only_refusal()
    return {"free_mb": round(free / 2 ** 20) if free is not None else None}


def _llm(settings: Settings) -> dict:
    """The chat endpoint answers its model list (a cheap request every OpenAI-compatible server has)."""
    import httpx

    headers = {"Authorization": f"Bearer {settings.llm_api_key}"} if settings.llm_api_key else {}
    response = httpx.get(settings.llm_base_url.rstrip("/") + "/models", headers=headers, timeout=3.0)
    response.raise_for_status()
    return {"model": settings.llm_model}


def health_report(service) -> dict:
    index, settings = service.index, service.settings
    home = settings.home
    checks = {
        "catalog": _check(lambda: {"reports": len(index.report_ids())}, home),
        "vectors": _check(lambda: {"count": index.vectors.col.count(),
                                   "backend": "server" if settings.chroma_url else "embedded"}, home),
        "embedder": _check(lambda: {"name": index.embedder.name}, home),
        "disk": _check(lambda: _disk(settings), home),
    }
    if settings.llm_configured:
        checks["llm"] = _check(lambda: _llm(settings), home)
    ok = all(c["ok"] for c in checks.values())
    return {"status": "ok" if ok else "degraded", "reports": checks["catalog"].get("reports"),
            "llm": settings.llm_configured, "checks": checks}
