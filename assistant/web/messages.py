"""What a person on the page reads when something fails: Chinese, short, no internals.

The API keeps its stable English `type` codes; people get a sentence per type.
A message already written in Chinese (the service's and the server's own) is
shown as it is; English detail from libraries never reaches the page.
"""
from __future__ import annotations

import re

from index.errors import BackendError, ConfigError, IndexMismatch, RolqaError, is_disk_full

BY_TYPE = {
    "BadInput": "无法处理这个请求,请检查输入(例如问题为空、过长或含有无效字符)。",
    "NotFound": "没有找到所要的报告或段落(可能已被删除)。",
    "Unauthorized": "需要有效的密钥。",
    "Forbidden": "这个密钥没有执行此操作的权限。",
    "TooLarge": "文件太大,超过了允许的上传大小。",
    "QuotaExceeded": "上传额度已用完,请稍后再试。",
    "TooManyRequests": "请求太频繁,请稍后再试。",
    "UnsupportedFile": "无法索引这个文件:类型不支持,或内容无法读取。",
    "IndexMismatch": "索引与当前配置的向量模型不一致,请联系管理员。",
    "CollectionConflict": "向量库的集合设置有误,请联系管理员。",
    "BackendError": "检索服务暂时不可用,请稍后再试。",
    "StorageFull": "服务器的磁盘已满:不能导入、上传或删除报告,请联系管理员清理磁盘。",
    "HomeUnusable": "服务器的数据目录无法使用,请联系管理员。",
    "ConfigError": "服务配置有误,请联系管理员。",
}
FALLBACK = "服务暂时无法回答,请稍后再试。"
DISK_FULL = "服务器的磁盘已满,这次操作没有完成;请联系管理员清理磁盘。"
SERVER_SIDE = (BackendError, ConfigError, IndexMismatch)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def for_people(exc: BaseException) -> str:
    """One Chinese sentence for the page; never a traceback or an exception's English text.

    A failure on the server's side (a store, a model endpoint, the configuration)
    gets the general sentence of its kind: its message names internal addresses
    and settings that are for the operator's log and the CLI, not for readers.
    """
    if not isinstance(exc, RolqaError):
        return DISK_FULL if is_disk_full(exc) else FALLBACK
    if isinstance(exc, SERVER_SIDE) or not _CJK.search(exc.message):
        return next((BY_TYPE[kind.__name__] for kind in type(exc).__mro__ if kind.__name__ in BY_TYPE), FALLBACK)
    return exc.message
