"""The letterhead of a Word 通报 (``--letterhead FILE``): who sends it, its number, to whom,
who signs it and when, as GB/T 9704-2012 (党政机关公文格式) lays them out.

The file is YAML, validated like a plan (every problem with its line and column)::

    issuer: 浙江省经济和信息化厅        # 发文机关标志, printed in red above the red rule
    number: 浙经信〔2020〕1号            # 发文字号
    to: 各设区市经信局                  # 主送机关
    signer: 浙江省经济和信息化厅        # 发文机关署名 (落款)
    date: 2020-01-20                    # 成文日期, printed 2020年1月20日
    cc: [工业和信息化部规划司]          # 抄送机关 (optional)
"""

from __future__ import annotations

from dataclasses import field
from datetime import date
from pathlib import Path

from zjplan.base import Model
from zjplan.model import IsoDate, Text

MAX_LETTERHEAD_BYTES = 64 * 1024


class Letterhead(Model):
    issuer: Text
    number: Text
    to: Text
    signer: Text
    date: IsoDate
    cc: list[Text] = field(default_factory=list)


def chinese_date(day: date) -> str:
    """成文日期 as GB/T 9704-2012 writes it: 2020年1月20日 (Arabic numerals, no padding)."""
    return f"{day.year}年{day.month}月{day.day}日"


def load_letterhead(path: Path) -> Letterhead:
    """The letterhead of ``path``, or a ZjplanError naming each problem's line and column."""
    from pydantic import ValidationError

    from zjplan.base import validator
    from zjplan.errors import ZjplanError
    from zjplan.plan import _problem, read_text
    from zjplan.yamlload import load_yaml

    located = load_yaml(read_text(path, MAX_LETTERHEAD_BYTES), str(path))
    try:
        found: Letterhead = validator(Letterhead).validate_python(located.data)
    except ValidationError as exc:
        problems = [
            _problem(e, located, str(path), Letterhead) for e in exc.errors(include_url=False)
        ]
        raise ZjplanError(sorted(problems, key=lambda p: (p.line, p.column))) from exc
    return found
