"""rolqa's exception hierarchy, translated once at each edge.

The CLI prints `message` on one line and exits with `exit_code`; the API answers
`{"error": {"type", "message"}}` with `http_status`; the UI shows the message.
Messages are Chinese (people read them); `type`, the class name, is the stable
English code that scripts test. A library's own exception text never goes into
a message: it is English and internal (see `file_problem`).
"""
import errno
import re


class RolqaError(Exception):
    exit_code = 1
    http_status = 500

    @property
    def type(self) -> str:
        return type(self).__name__

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.type


class BadInput(RolqaError):
    """The user's input is wrong: an empty question, an unreadable file, a bad flag value."""

    exit_code = 2
    http_status = 400


class NotFound(RolqaError):
    """A named thing (report, paragraph, path) does not exist."""

    exit_code = 2
    http_status = 404


class Unauthorized(RolqaError):
    exit_code = 2
    http_status = 401


class Forbidden(RolqaError):
    exit_code = 2
    http_status = 403


class TooLarge(BadInput):
    http_status = 413


class UnsupportedFile(BadInput):
    """A file rolqa cannot index: unknown type, binary junk, empty, broken container."""

    http_status = 415


class ConfigError(RolqaError):
    """A setting is wrong or missing (rolqa.toml, ROLQA_* variables, flags)."""

    exit_code = 2
    http_status = 500


class IndexMismatch(RolqaError):
    """The index was built with another embedder than the one configured now."""

    exit_code = 3
    http_status = 409


class BackendError(RolqaError):
    """A store, embedder or LLM endpoint failed or could not be reached."""

    exit_code = 4
    http_status = 502


class StorageFull(BackendError):
    """The disk under ROLQA_HOME (or the vector store's) is full: nothing was half written."""

    http_status = 507


class HomeUnusable(ConfigError):
    """ROLQA_HOME cannot be created, read or written."""

    http_status = 503


FULL_BELOW_BYTES = 1 << 20  # a disk with less free space than this is full for rolqa's writes (chosen)
# Failures that mean "the write did not reach the disk" without saying why: SQLite's SQLITE_IOERR (its
# WAL or shared-memory file could not grow) and Chroma's wrapped Rust errors. On a disk with no room
# left they are a full disk; elsewhere a real I/O fault.
_IO_FAILURE = re.compile(r"disk I/O error|I/O error|Input/output error|InternalError|unable to open database|readonly database")


def free_bytes(path) -> int | None:
    """Free space on the disk holding `path` (or its nearest existing parent), None when unknown."""
    import shutil
    from pathlib import Path

    path = Path(path)
    while not path.exists() and path != path.parent:
        path = path.parent
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


def is_disk_full(exc: BaseException, where=None) -> bool:
    """Does this failure (an OSError, SQLite's or Chroma's own error) say the disk is full? With `where`
    (the home), an unspecific I/O failure counts too when that disk has no room left."""
    import errno

    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    text = f"{type(exc).__name__}: {exc}"
    if re.search(r"disk is full|No space left|database or disk is full|ENOSPC|quota exceeded", text):
        return True
    if where is not None and _IO_FAILURE.search(text):
        free = free_bytes(where)
        return free is not None and free < FULL_BELOW_BYTES
    return False


def disk_full_at(path) -> bool:
    """Has the disk holding `path` less room than rolqa's writes need?"""
    free = free_bytes(path)
    return free is not None and free < FULL_BELOW_BYTES


def storage_problem(exc: BaseException, home, what: str = "这次操作") -> RolqaError | None:
    """The error a user sees for a failure of the home's storage: StorageFull (507) when its disk is
    full, HomeUnusable (503) when the home cannot be read or written; None for any other failure."""
    import os

    if is_disk_full(exc, home):
        return StorageFull(f"磁盘已满,{what}没有完成;请清理 ROLQA_HOME 所在磁盘后重试")
    if isinstance(exc, (OSError, ConnectionError)) or "sqlite3" in type(exc).__module__ \
            or _IO_FAILURE.search(f"{type(exc).__name__}: {exc}"):  # Chroma's wrapped write failures too
        if not os.access(home, os.R_OK | os.W_OK | os.X_OK):
            return HomeUnusable(f"无法使用状态目录 {home}(ROLQA_HOME):无法读写,请检查它的权限和所在磁盘")
    return None


def read_only_refusal() -> StorageFull:
    return StorageFull("服务以只读方式运行(启动时磁盘已满):可以提问和查看报告,不能导入、上传或删除;"
                       "请清理 ROLQA_HOME 所在磁盘后重启服务")


class CollectionConflict(IndexMismatch):
    """The Chroma collection is another rolqa home's, or not the one this home recorded."""


class TooManyRequests(RolqaError):
    """A client asks faster, or with more questions at once, than its share; or guesses keys."""

    http_status = 429

    def __init__(self, message: str, retry_after: int = 0):
        super().__init__(message)
        self.retry_after = retry_after


class QuotaExceeded(RolqaError):
    """A client has uploaded more than its share (upload_quota_mb per rolling day)."""

    http_status = 429

    def __init__(self, message: str, retry_after: int = 0):
        super().__init__(message)
        self.retry_after = retry_after


# The OS's reasons a user meets, in Chinese: strerror is the C library's text, English in most locales.
OS_REASONS = {errno.ENOENT: "文件不存在", errno.EACCES: "没有读取权限", errno.EPERM: "没有读取权限",
              errno.EISDIR: "这是一个文件夹,不是文件", errno.ENOTDIR: "路径中有一段不是文件夹",
              errno.ENOSPC: "磁盘已满", errno.ENAMETOOLONG: "文件名太长", errno.ELOOP: "符号链接循环"}


def file_problem(exc: BaseException) -> str:
    """Why a file could not be read, in Chinese: the OS's reason for an OS error (OS_REASONS, else its
    strerror), the line and column of a syntax error; never a library's exception text."""
    if isinstance(exc, OSError):
        return OS_REASONS.get(exc.errno) or exc.strerror or "系统错误"
    if isinstance(exc, UnicodeDecodeError):
        return "不是 UTF-8 编码的文本"
    where = re.search(r"line (\d+), column (\d+)", str(exc))
    return f"格式有误(第 {where[1]} 行第 {where[2]} 列)" if where else "格式有误"
