"""`rolqa serve`: one process with the JSON API under /api and the Gradio pages at / and /embed.

This module only composes: the API routes (assistant.web.api) and the page
(ui.py) each call the service and never import each other. Order of the
guards, outermost first: framing headers, CORS, the key gate (every route, see guards.py).
"""
from __future__ import annotations

import logging
import sys

import click

from index.config import load_settings, split_list

from ..cli.usage import ChineseCommand
from .guards import local_path
from .jobs import Jobs
from ..service import Assistant

import threading

STARTUP_LOCK = threading.Lock()
PAGES = (("/embed", True), ("/", False))  # /embed first: the page at / would match every path


def create_app(service: Assistant, root_path: str = ""):
    """The FastAPI app with the API and both pages mounted; `root_path` is the public sub-path, if any."""
    from fastapi import FastAPI
    from fastapi.middleware.cors import CORSMiddleware

    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    from . import api
    from .api_errors import install_error_handlers
    from .guards import ChineseNotFound, FrameHeaders, GradioRequestErrors, KeyGate, QuestionGate
    from .limits import Doors

    settings = service.settings
    app = FastAPI(title="rolqa API", version="0.1.0", docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Questions and answers over rule-of-law government reports, with exact citations.")
    app.state.assistant = service
    app.state.doors = Doors(settings)  # per-client limits on questions and wrong keys (limits.py)
    app.state.jobs = None if settings.read_only else Jobs(service)  # read-only: no uploads, no job records
    with STARTUP_LOCK:  # stores open once, before the first request (concurrent first opens raced)
        service.warm_up()
    if app.state.jobs is not None:
        app.state.jobs.resume()  # uploads a stopped server left queued or running are indexed now
    app.openapi = lambda: openapi_with_keys(app)
    mount_offline_docs(app)
    install_error_handlers(app)
    app.include_router(api.router)
    app.add_api_route("/api", api.api_root, include_in_schema=False)
    app.add_middleware(ChineseNotFound)
    app.add_middleware(GradioRequestErrors, settings=settings)
    app.add_middleware(QuestionGate, doors=app.state.doors)
    app.add_middleware(KeyGate, settings=settings, doors=app.state.doors)
    # Always installed, even with no origins: it also stops Gradio from adding its own, looser CORS policy.
    app.add_middleware(CORSMiddleware, allow_origins=split_list(settings.cors_origins),
                       allow_methods=["GET", "POST", "DELETE"],
                       allow_headers=["Authorization", "Content-Type", settings.user_header])
    app.add_middleware(FrameHeaders, settings=settings)
    app.add_middleware(AcceptPrefixedPaths, prefix=root_path)
    # Outermost: the client's address from X-Forwarded-For only when the connection comes from a
    # configured proxy; otherwise anyone could name themselves anyone and walk around every limit.
    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=split_list(settings.trusted_proxies))
    app.add_route("/embed", embed_redirect, include_in_schema=False)
    mount_pages(app, service, root_path, app.state.doors)
    return app


def embed_redirect(request):
    """/embed (as portals write it) → /embed/, where Gradio serves the page."""
    from starlette.responses import RedirectResponse

    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(f"{request.scope.get('root_path', '').rstrip('/')}/embed/{query}", status_code=307)


def openapi_with_keys(app) -> dict:
    """The OpenAPI schema with a bearer-key scheme, so /api/docs can send a key ("Authorize")."""
    from fastapi.openapi.utils import get_openapi

    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        schema.setdefault("components", {})["securitySchemes"] = {
            "bearerKey": {"type": "http", "scheme": "bearer", "description": "ROLQA_API_KEYS (reading) or ROLQA_ADMIN_KEYS"}}
        schema["security"] = [{"bearerKey": []}]
        app.openapi_schema = schema
    return app.openapi_schema


def mount_offline_docs(app) -> None:
    """/api/docs with Swagger UI (5.x, which reads OpenAPI 3.1) served from the swagger-ui-py wheel:
    intranets have no CDN (FastAPI's documented self-hosting pattern)."""
    import importlib.util
    from pathlib import Path

    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.staticfiles import StaticFiles

    static = Path(importlib.util.find_spec("swagger_ui").origin).parent / "static"  # files only, no import
    app.mount("/api/docs-static", StaticFiles(directory=static), name="docs-static")

    def docs(request):
        root = request.scope.get("root_path", "").rstrip("/")
        return get_swagger_ui_html(openapi_url=f"{root}/api/openapi.json", title="rolqa API",
                                   swagger_js_url=f"{root}/api/docs-static/swagger-ui-bundle.js",
                                   swagger_css_url=f"{root}/api/docs-static/swagger-ui.css",
                                   swagger_favicon_url=f"{root}/api/docs-static/favicon-32x32.png")

    app.add_route("/api/docs", docs, include_in_schema=False)


def mount_pages(app, service: Assistant, root_path: str = "", doors=None) -> None:
    import gradio as gr

    import ui
    from .page_assets import PAGE_CSS

    root = root_path.rstrip("/")
    for path, embed in PAGES:
        page = ui.build_page(service, embed=embed, doors=doors).queue(default_concurrency_limit=8)
        gr.mount_gradio_app(app, page, path=path, root_path=(root + path).rstrip("/") if root else None,
                            css=PAGE_CSS, footer_links=[], run_history=False, ssr_mode=False, mcp_server=False,
                            max_file_size=f"{service.settings.upload_max_mb}mb")


class AcceptPrefixedPaths:
    """Serve /rolqa/x like /x as well, for proxies that forward the public sub-path instead of stripping it."""

    def __init__(self, app, prefix: str):
        self.app, self.prefix = app, prefix.rstrip("/")

    async def __call__(self, scope, receive, send):
        if self.prefix and scope["type"] in ("http", "websocket"):
            path = local_path(scope)
            if path == self.prefix or path.startswith(self.prefix + "/"):
                inner = scope.get("root_path", "") + (path[len(self.prefix):] or "/")
                scope = {**scope, "path": inner, "raw_path": inner.encode()}
        await self.app(scope, receive, send)


def uvicorn_options(root_path: str = "", log_level: str = "info") -> dict:
    """How `rolqa serve` runs uvicorn (tests start theirs the same way). proxy_headers off: uvicorn
    would believe X-Forwarded-For from 127.0.0.1; the app reads it itself, from the configured
    trusted proxies only (create_app)."""
    return {"root_path": root_path.rstrip("/"), "proxy_headers": False, "log_level": log_level,
            "timeout_graceful_shutdown": 5}


def open_service(settings) -> Assistant:
    """The service for `rolqa serve`; on a full disk a read-only one, said in Chinese: it answers and
    shows reports, and refuses uploads and deletes (507), instead of dying with a traceback."""
    from dataclasses import replace

    from index.errors import StorageFull, disk_full_at

    if not settings.read_only and not disk_full_at(settings.home):
        try:
            return Assistant(settings)
        except StorageFull:
            pass
    click.echo(f"磁盘已满:{settings.home} 所在磁盘没有剩余空间。rolqa 以只读方式启动:可以提问、查看报告和表格,"
               "不能上传或删除报告;清理磁盘后请重启服务。", err=True)
    return Assistant(replace(settings, read_only=True))


def index_samples_if_empty(service: Assistant) -> None:
    """A fresh install answers questions at once: index the bundled sample reports, saying so."""
    if service.settings.read_only:
        return
    def progress(done, total, name):
        if done == 0:
            click.echo(f"索引为空:正在索引自带的示例报告(data/reports,共 {total} 份)…", err=True)

    summary = service.ensure_corpus(progress)
    if summary is not None:
        counts = summary.to_dict()["counts"]
        click.echo(f"示例报告已索引:{counts['indexed']} 份新增,{counts['failed']} 份失败。", err=True)


@click.command("serve", cls=ChineseCommand, short_help="启动问答页面、可嵌入页面和 JSON 接口。",
               help="启动服务:问答页面(/)、可嵌入 iframe 的页面(/embed)和 JSON 接口(/api,文档见 /api/docs)。")
@click.option("--host", default="127.0.0.1", help="监听地址(默认 127.0.0.1)。")
@click.option("--port", default=7860, type=click.IntRange(1, 65535), help="监听端口(默认 7860)。")
@click.option("--root-path", default="", help="在反向代理后面时的公开子路径,例如 /rolqa。")
@click.pass_context
def serve(ctx, host, port, root_path):
    """One process for the page, /embed and the API; the stores open before the first request."""
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    obj = ctx.obj if isinstance(ctx.obj, dict) else {}
    service = obj.get("assistant") or open_service(obj.get("settings") or load_settings())
    if root_path and not root_path.startswith("/"):
        raise click.BadParameter("必须以 / 开头,例如 /rolqa", param_hint="--root-path")
    index_samples_if_empty(service)
    app = create_app(service, root_path)
    click.echo(f"rolqa:http://{host}:{port}{root_path}/(接口 {root_path}/api,文档 {root_path}/api/docs)", err=True)
    uvicorn.run(app, host=host, port=port, **uvicorn_options(root_path))


if __name__ == "__main__":
    # `python -m assistant.web.server …` is `rolqa serve …`: the CLI's entry point translates errors once.
    from assistant.cli import main

    sys.exit(main(["serve", *sys.argv[1:]]))
