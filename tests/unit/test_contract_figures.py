"""The answer contract's figure lookup: the same verdict as comparing every quoted figure."""
from __future__ import annotations

import itertools

from assistant.contract import Figure, Stated, figures, holds


def test_the_lookup_of_stated_figures_agrees_with_matching_each_one():
    stated = figures("受理786宗,审结30件,纠错率9.5%,培训1.2万人次,会议3次,共12")
    asked = [Figure(n, m, p, u) for n, m, p, u in itertools.product(
        ["786", "30", "9.5", "1.2", "3", "12", "7"], ["", "万"], ["", "%"], ["", "件", "宗", "人", "次", "场"])]
    lookup = Stated(stated)
    assert [holds(lookup, f) for f in asked] == [any(f.matches(s) for s in stated) for f in asked]
    assert holds(lookup, Figure("786", unit="件")) and not holds(lookup, Figure("786", unit="人"))


def test_a_count_of_reports_holds_only_as_the_number_of_reports_cited():
    from assistant.contract import Answer, Citation, unsupported_figures

    def cited(n, report):
        return Citation(n, report, f"{report}.txt", None, None, 2023, "", 1, "2023年,某局坚持依法行政")

    two = [cited(1, "a"), cited(2, "b")]
    assert not unsupported_figures(Answer("q", "answered", "extractive", "符合条件的报告共2份: [1][2]", two))
    assert unsupported_figures(Answer("q", "answered", "extractive", "符合条件的报告共3份: [1][2]", two))
    assert unsupported_figures(Answer("q", "answered", "extractive", "审核合同2件 [1][2]", two))
