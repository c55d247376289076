"""Domain synonyms of rule-of-law reporting, so a question in everyday words finds the report's term.

Each group lists interchangeable wordings (the report's usual term first).
Hand-written because no library covers this administrative vocabulary; it
names concepts of the domain, never a question or a report.
"""
from __future__ import annotations

import functools

GROUPS = [
    "负责人 一把手 主要负责人 主要领导 领导干部 一把手领导",
    "出庭 出庭应诉 到法院出庭 上法庭 出庭率 出庭应诉率",
    "比例 比率 占比 百分比 率",
    "满意 满意率 满意度 认可",
    "答复 回复 办复 答复率 办复率",
    "法律顾问 律师顾问 常年法律顾问 公职律师",
    "人大代表建议 人大建议 人大代表议案 代表建议",
    "政协提案 政协委员提案 提案",
    "人大代表 人大",
    "行政执法证 执法证 执法证件",
    "新闻报道 宣传报道 报道 新闻",
    "培训 轮训 培训班 专题培训",
    "举报 投诉 信访",
    "行政复议 复议",
    "行政诉讼 行政应诉 诉讼 应诉",
    "败诉 败诉率",
    "规范性文件 红头文件",
    "合法性审查 合法性审核 法制审核",
    "重大行政决策 重大决策",
    "普法 法治宣传 法治宣传教育",
    "执法人员 执法队员 执法干部",
    "案件 案 宗",
]


@functools.cache
def _index() -> dict[str, tuple[str, ...]]:
    table: dict[str, set[str]] = {}
    for line in GROUPS:
        words = line.split()
        for word in words:
            table.setdefault(word, set()).update(words)
    return {word: tuple(sorted(others, key=len, reverse=True)) for word, others in table.items()}


@functools.lru_cache(maxsize=4096)
def variants(term: str) -> tuple[str, ...]:
    """The term and its synonyms, longest first (single characters never stand in for a term)."""
    others = tuple(w for w in _index().get(term, ()) if len(w) > 1 and w != term)
    return (term,) + others
