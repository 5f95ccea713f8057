"""Who may make 规章 (rule R2-d), judged from the agency's name.

Under the 立法法 only 国务院部门 and the 人民政府 of provinces and 设区的市 make 规章. A name
tells most of it: “…区统计局” or “…省统计局” does not, “…市人民政府” or “教育部” may. A
county-level city's government cannot be told from a 设区的市's by its name, so it is given
the benefit of the doubt: the rule only ever warns. A government's 办公厅/办公室 publishes
its government's 规章 and is judged as that government.
"""

from __future__ import annotations

# Words that contain a place character without naming a place (城乡建设, 市场监督, 农村).
_NOT_PLACES = ("自治区", "特别行政区", "城乡", "乡村", "农村", "市场", "城市", "社区")
_BELOW_CITY = ("县", "区", "乡", "镇", "街道", "旗", "苏木")
_LOCAL = (*_BELOW_CITY, "省", "市", "州", "盟", "村")


# The general office of a government drafts and publishes its government's 规章 and reports
# them in its own report: 省人民政府办公厅 or 市人民政府办公室 stands for its government here.
_OFFICES = ("办公厅", "办公室")


def makes_rules(agency: str) -> bool:
    """Whether an agency of this name may make (or report as its government's) 规章."""
    name = agency
    for office in _OFFICES:
        if name.endswith("人民政府" + office):
            name = name.removesuffix(office)
    for word in _NOT_PLACES:
        name = name.replace(word, "")
    if name.endswith("人民政府"):
        return not any(w in name for w in _BELOW_CITY)
    return not any(w in name for w in _LOCAL)
